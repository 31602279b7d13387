import type { Clock } from '../../../kernel/clock.js';
import type { Db, DbKind } from '../../../kernel/db/index.js';
import { parisDay } from '../../../kernel/dates.js';
import type { BlobStore } from '../../../kernel/storage/index.js';
import { schoolYearOf } from '../../directory/index.js';

/** What the billing use cases need from the application. */
export interface Deps {
  db: Db;
  dbKind: DbKind;
  clock: Clock;
  blobs: BlobStore;
  uploadMaxBytes: number;
  /** The address families and the payment provider reach the application at (return and notification URLs). */
  publicUrl: string;
}

/** Today in Paris and its school year, from the app's clock. */
export function today(deps: Pick<Deps, 'clock'>) {
  const day = parisDay(deps.clock.now());
  return { day, schoolYear: schoolYearOf(new Date(`${day}T12:00:00Z`)) };
}

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: new Date(Date.UTC(y, m, 0, 12)).toISOString().slice(0, 10) };
}

/** The school years a month's days may belong to (September to August). */
export function yearsOfMonth(month: string): string[] {
  return [schoolYearOf(new Date(`${month}-15T12:00:00Z`))];
}

export const displayName = (p: { firstName: string; lastName: string; usageName: string | null }) => `${p.firstName} ${p.usageName || p.lastName}`;
