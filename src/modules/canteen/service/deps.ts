import type { Clock } from '../../../kernel/clock.js';
import type { Db, DbKind } from '../../../kernel/db/index.js';
import { schoolYearOf } from '../../directory/index.js';
import { parisMinute, parisToday } from '../rules.js';

/** What the canteen's use cases need from the application. */
export interface Deps {
  db: Db;
  dbKind: DbKind;
  clock: Clock;
}

/** Now, today and the school year, all in Paris and from the app's clock. */
export function timeOf(deps: Pick<Deps, 'clock'>) {
  const now = deps.clock.now();
  const today = parisToday(now);
  return { now, minute: parisMinute(now), today, schoolYear: yearOfDay(today) };
}

/** The school year a calendar day belongs to (September to August). */
export function yearOfDay(day: string): string {
  return schoolYearOf(new Date(`${day}T12:00:00Z`));
}

/** First and last day of a school year. */
export function yearBounds(schoolYear: string): { first: string; last: string } {
  const start = Number(schoolYear.slice(0, 4));
  return { first: `${start}-09-01`, last: `${start + 1}-08-31` };
}

/** Terms used when the municipality has set none: the usual three trimesters, summer left out. */
export function defaultTerms(schoolYear: string) {
  const start = Number(schoolYear.slice(0, 4));
  return [
    { id: 't1', label: '1er trimestre', startsOn: `${start}-09-01`, endsOn: `${start}-12-31` },
    { id: 't2', label: '2e trimestre', startsOn: `${start + 1}-01-01`, endsOn: `${start + 1}-03-31` },
    { id: 't3', label: '3e trimestre', startsOn: `${start + 1}-04-01`, endsOn: `${start + 1}-07-04` },
  ];
}

export function municipalityIdsOf(actor: { structures: { id: string }[] }): string[] {
  return actor.structures.map((s) => s.id);
}
