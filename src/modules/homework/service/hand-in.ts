import type { Db } from '../../../kernel/db/index.js';
import { htmlToText } from '../../../kernel/rich-text.js';
import { addDays, todayInParis } from '../dates.js';
import { handInRows } from '../repository/lessons.js';

export interface HandInAssignment {
  id: string;
  groupId: string;
  groupName: string;
  subject: string;
  dueOn: string;
  /** First words of the instructions, for a choice list. */
  summary: string;
}

/**
 * A teacher's recent and upcoming work marked "to hand in", for tying a hand-in box to it: the given
 * ids, or what is due from a week before `now` on.
 */
export async function handInAssignmentsOf(db: Db, teacherId: string, ids?: string[], now: Date = new Date()): Promise<HandInAssignment[]> {
  const rows = await handInRows(db, teacherId, ids ? { ids } : { dueFrom: addDays(todayInParis(now), -7) });
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
