import type { Db } from '../../../kernel/db/index.js';

/** Of these blob keys, the ones a document, a handed-in file or a teacher's return still uses. */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const list = [...keys];
  const rows = await db
    .selectFrom('documentNodes')
    .select('blobKey as key')
    .where('blobKey', 'in', list)
    .union(db.selectFrom('handInFiles').select('blobKey as key').where('blobKey', 'in', list))
    .union(db.selectFrom('handInReturns').select('blobKey as key').where('blobKey', 'in', list))
    .execute();
  return rows.flatMap((r) => (r.key ? [r.key] : []));
}
