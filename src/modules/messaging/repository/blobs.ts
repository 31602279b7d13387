import type { Db } from '../../../kernel/db/index.js';

/** Of these blob keys, the ones a message's attachment still uses (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('messageAttachments')
    .select('blobKey')
    .where('blobKey', 'in', [...keys])
    .execute();
  return rows.map((r) => r.blobKey);
}
