import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import type { BlobStore } from '../../../kernel/storage/index.js';
import { schoolYearOf } from '../../directory/index.js';

/** What the requests' use cases need from the application. */
export interface Deps {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
}

/** The school year of the next rentrée: the one after the current year. */
export function nextSchoolYear(now: Date): string {
  const start = Number(schoolYearOf(now).slice(0, 4)) + 1;
  return `${start}-${start + 1}`;
}

/** The municipalities an agent belongs to; the schools a person directs. */
export const structureIdsOf = (actor: { structures: { id: string }[] }) => actor.structures.map((s) => s.id);
export const directedSchools = (actor: { roles: Record<string, string[]> }) =>
  Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director'))
    .map(([id]) => id);
