import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration } from '../../kernel/privacy.js';
import { todayInParis } from './dates.js';
import { publishedToFamilies } from './repository/publication.js';

/** The assessments whose results families see at `now`: the publication rule of the family pages. */
const published = (db: Db, now: Date) => db.selectFrom('assessments').select('assessments.id').where(publishedToFamilies(now));

/** The periods whose report families see at `now`: the period's date under `perPeriod`, its end otherwise. */
const publishedReports = (db: Db, now: Date) =>
  db
    .selectFrom('assessmentPeriods as p')
    .leftJoin('assessmentSettings as s', 's.structureId', 'p.structureId')
    .select('p.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('s.publicationPolicy', '=', 'perPeriod'), eb('p.publishAt', '<=', now.toISOString())]),
        eb.and([eb.or([eb('s.publicationPolicy', 'is', null), eb('s.publicationPolicy', '!=', 'perPeriod')]), eb('p.endsOn', '<', todayInParis(now))]),
      ]),
    );

/**
 * A pupil's results and report comments, once published to families (a result a teacher holds
 * back, or not yet published, joins the archive when families see it); a teacher's own
 * assessments, without the pupils' results.
 */
export const assessmentPrivacy: PrivacyDeclaration = {
  module: 'assessment',
  title: 'Évaluations et livret',
  processing: {
    purpose:
      'Évaluer les acquis des élèves (notes et positionnement sur les compétences), les publier aux familles et établir le bilan de chaque période avec les appréciations des enseignants.',
    dataKinds: [
      'évaluations (classe, matière, titre, date, barème, coefficient, enseignant)',
      'notes et mentions (absent, dispensé, non noté) de l’élève',
      'positionnement de l’élève sur les compétences',
      'appréciations des enseignants sur le bilan de période',
      'retenue d’une évaluation et son motif',
    ],
    people: ['élèves', 'enseignants'],
    retention: 'Prévue : la scolarité de l’élève dans l’établissement et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: ['l’élève et ses responsables légaux, une fois les résultats publiés', 'les enseignants de la classe et la direction de l’école'],
  },
  async exportPerson(db, personId) {
    // The archive is built now: what families see at this moment is what the pupil's archive holds.
    const now = new Date();
    const marks = await db
      .selectFrom('assessmentMarks as m')
      .innerJoin('assessments as a', 'a.id', 'm.assessmentId')
      .select(['m.assessmentId', 'a.subjectLabel', 'a.title', 'a.assessedOn', 'a.scale', 'a.coefficientCenti', 'm.pointsCenti', 'm.special', 'm.updatedAt'])
      .where('m.studentId', '=', personId)
      .where('m.assessmentId', 'in', published(db, now))
      .orderBy('a.assessedOn')
      .orderBy('a.title')
      .execute();
    const levels = await db
      .selectFrom('assessmentLevels as l')
      .innerJoin('assessments as a', 'a.id', 'l.assessmentId')
      .select(['l.assessmentId', 'a.subjectLabel', 'a.title', 'a.assessedOn', 'l.skillCode', 'l.level', 'l.updatedAt'])
      .where('l.studentId', '=', personId)
      .where('l.assessmentId', 'in', published(db, now))
      .orderBy('a.assessedOn')
      .orderBy('l.skillCode')
      .execute();
    const comments = await db
      .selectFrom('reportComments as c')
      .innerJoin('assessmentPeriods as p', 'p.id', 'c.periodId')
      .select(['c.periodId', 'p.schoolYear', 'p.name as periodName', 'c.subjectCode', 'c.comment', 'c.authorId', 'c.updatedAt'])
      .where('c.studentId', '=', personId)
      .where('c.periodId', 'in', publishedReports(db, now))
      .orderBy('p.startsOn')
      .orderBy('c.subjectCode')
      .execute();
    const written = await db
      .selectFrom('assessments')
      .select([
        'id',
        'structureId',
        'groupId',
        'periodId',
        'kind',
        'subjectLabel',
        'title',
        'assessedOn',
        'scale',
        'coefficientCenti',
        'publishAt',
        'heldAt',
        'heldReason',
        'createdAt',
        'updatedAt',
      ])
      .where('teacherId', '=', personId)
      .orderBy('assessedOn')
      .orderBy('createdAt')
      .execute();
    return {
      tables: [
        { name: 'notes', rows: marks },
        { name: 'competences', rows: levels },
        { name: 'appreciations', rows: comments },
        { name: 'evaluations-creees', rows: written },
      ],
      files: [],
    };
  },
};
