import type { Db } from '../../../kernel/db/index.js';

/**
 * What a teacher teaches in a school year: each group (class or teaching group) with each subject
 * they teach it, from the AAF feed (`ENTAuxEnsClassesMatieres`, `ENTAuxEnsGroupesMatieres`).
 * Subjects carry the structure's code and label (`MatiereEducNat`). Empty for a teacher the feed
 * gives no subjects (a primary-school teacher from ONDE teaches their class every subject).
 */
export async function teacherSubjects(db: Db, personId: string, schoolYear: string) {
  return db
    .selectFrom('teachingAssignments')
    .innerJoin('groups', 'groups.id', 'teachingAssignments.groupId')
    .leftJoin('directorySubjects', (j) =>
      j.onRef('directorySubjects.structureId', '=', 'groups.structureId').onRef('directorySubjects.code', '=', 'teachingAssignments.subjectCode'),
    )
    .select([
      'groups.id as groupId',
      'groups.name as groupName',
      'groups.structureId',
      'teachingAssignments.subjectCode',
      (eb) => eb.fn.coalesce('directorySubjects.label', 'teachingAssignments.subjectCode').as('subjectLabel'),
    ])
    .where('teachingAssignments.personId', '=', personId)
    .where('groups.schoolYear', '=', schoolYear)
    .orderBy('groups.name')
    .orderBy('subjectLabel')
    .execute();
}

/** What one teacher teaches in one class or group, from the académie's feed (empty when it says nothing). */
export async function subjectsTaughtInGroup(db: Db, personId: string, groupId: string) {
  return db
    .selectFrom('teachingAssignments')
    .innerJoin('groups', 'groups.id', 'teachingAssignments.groupId')
    .leftJoin('directorySubjects', (j) =>
      j.onRef('directorySubjects.structureId', '=', 'groups.structureId').onRef('directorySubjects.code', '=', 'teachingAssignments.subjectCode'),
    )
    .select(['teachingAssignments.subjectCode as code', (eb) => eb.fn.coalesce('directorySubjects.label', 'teachingAssignments.subjectCode').as('label')])
    .where('teachingAssignments.personId', '=', personId)
    .where('teachingAssignments.groupId', '=', groupId)
    .orderBy('label')
    .execute();
}
