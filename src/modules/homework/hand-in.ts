import type { Db } from '../../kernel/db/index.js';
import { htmlToText } from '../../kernel/rich-text.js';
import { addDays, todayInParis } from './dates.js';

export interface HandInAssignment {
  id: string;
  groupId: string;
  groupName: string;
  subject: string;
  dueOn: string;
  /** First words of the instructions, for a choice list. */
  summary: string;
}

/** A teacher's recent and upcoming work marked "to hand in", for tying a hand-in box to it. */
export async function handInAssignmentsOf(db: Db, teacherId: string, ids?: string[]): Promise<HandInAssignment[]> {
  let q = db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .select(['assignments.id', 'lessons.groupId', 'groups.name as groupName', 'subjects.label as subject', 'assignments.dueOn', 'assignments.instructions'])
    .where('lessons.teacherId', '=', teacherId)
    .where('assignments.toHandIn', '=', 1);
  q = ids ? q.where('assignments.id', 'in', ids.length > 0 ? ids : ['']) : q.where('assignments.dueOn', '>=', addDays(todayInParis(), -7));
  const rows = await q.orderBy('assignments.dueOn').orderBy('groups.name').limit(100).execute();
  return rows.map((r) => {
    const text = htmlToText(r.instructions).replace(/\s+/g, ' ');
    return {
      id: r.id,
      groupId: r.groupId,
      groupName: r.groupName,
      subject: r.subject,
      dueOn: r.dueOn,
      summary: text.length > 60 ? `${text.slice(0, 57)}…` : text,
    };
  });
}
