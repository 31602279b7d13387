import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { htmlToText } from '../../../kernel/rich-text.js';
import { addDays, todayInParis } from '../dates.js';
import { agenda } from './agenda.js';

export interface DueSoon {
  studentId: string;
  /** Work not ticked "fait", due today, tomorrow, and over the next seven days. */
  counts: { today: number; tomorrow: number; week: number };
  /** The next few pieces of work, for a glance on the home page. */
  next: { subject: string; dueOn: string; summary: string; done: boolean }[];
}

/**
 * What a pupil has to do soon, for the home page of the pupil or of a parent; null when the school
 * keeps it closed. `now` is the application's time (`app.clock.now()`).
 */
export async function dueSoon(db: Db, actor: Actor, studentId: string, now: Date = new Date()): Promise<DueSoon | null> {
  const today = todayInParis(now);
  const week = addDays(today, 7);
  const view = await agenda({ db, clock: { now: () => now } }, actor, studentId, { from: today, to: week });
  if (view.closed) return null;
  const open = view.items.filter((i) => !i.done);
  return {
    studentId,
    counts: {
      today: open.filter((i) => i.dueOn === today).length,
      tomorrow: open.filter((i) => i.dueOn === addDays(today, 1)).length,
      week: open.length,
    },
    next: view.items.slice(0, 4).map((i) => {
      const text = htmlToText(i.instructions).replace(/\s+/g, ' ');
      return { subject: i.subject, dueOn: i.dueOn, summary: text.length > 80 ? `${text.slice(0, 77)}…` : text, done: i.done };
    }),
  };
}
