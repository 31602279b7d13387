import { sortByDisplay } from '../../kernel/i18n/index.js';

type Named = { firstName: string; lastName: string; usageName: string | null };

/** A pupil as rosters show them: displayed surname, then first name. */
export const rosterName = (p: Named): string => `${p.usageName || p.lastName} ${p.firstName}`;

/** Pupils in roster order, French collation on the name as displayed. */
export function inRosterOrder<T extends Named>(pupils: readonly T[]): T[] {
  return sortByDisplay(pupils, rosterName);
}
