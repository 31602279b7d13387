import type { Db } from '../../../kernel/db/index.js';
import { newId, nowIso } from '../../../kernel/db/index.js';

/** Default subjects of primary and secondary schools, seeded per structure on first use. */
export const DEFAULT_SUBJECTS: [code: string, label: string][] = [
  ['FRANCAIS', 'Français'],
  ['MATHS', 'Mathématiques'],
  ['QLM', 'Questionner le monde'],
  ['HISTGEO', 'Histoire-géographie'],
  ['SCIENCES', 'Sciences'],
  ['ANGLAIS', 'Anglais'],
  ['ALLEMAND', 'Allemand'],
  ['ESPAGNOL', 'Espagnol'],
  ['EPS', 'EPS'],
  ['ARTS', 'Arts plastiques'],
  ['MUSIQUE', 'Éducation musicale'],
  ['EMC', 'EMC'],
  ['TECHNO', 'Technologie'],
  ['PHYSIQUE', 'Physique-chimie'],
  ['SVT', 'SVT'],
  ['SES', 'Sciences économiques et sociales'],
  ['PHILO', 'Philosophie'],
  ['LATIN', 'Latin'],
];

const seeded = new Set<string>();

/** The structure's subjects, seeding the default list the first time (concurrent seeds collide harmlessly). */
export async function subjectsOf(db: Db, structureId: string) {
  const query = () => db.selectFrom('subjects').select(['id', 'code', 'label']).where('structureId', '=', structureId).orderBy('label').execute();
  let rows = seeded.has(structureId) ? await query() : [];
  if (rows.length === 0) {
    const now = nowIso();
    await db
      .insertInto('subjects')
      .values(DEFAULT_SUBJECTS.map(([code, label]) => ({ id: newId(), structureId, code, label, createdAt: now })))
      .onConflict((oc) => oc.columns(['structureId', 'code']).doNothing())
      .execute();
    rows = await query();
    seeded.add(structureId);
  }
  return rows;
}
