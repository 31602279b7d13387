import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { audit } from '../../kernel/audit.js';
import { writeArchive, type ArchiveSummary } from './archive.js';
import type { Deps } from './service/deps.js';

/** A refusal said to the administrator as it is (unknown login, file already there). */
export class ExportRefused extends Error {}

/**
 * `preau privacy export --login LOGIN --out FILE.zip`: an administrator produces a person's
 * archive on the server (for a request made by post, for instance). Written beside the target
 * then renamed, so a half-written file never carries the name; audited with the file's name.
 */
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export async function exportToFile(deps: Deps, login: string, out: string): Promise<{ personId: string; size: number; summary: ArchiveSummary }> {
  const person = await deps.db.selectFrom('people').select('id').where('login', '=', login).executeTakeFirst();
  if (!person) throw new ExportRefused(`aucune personne avec l’identifiant « ${login} »`);
  if (await exists(out)) throw new ExportRefused(`le fichier ${out} existe déjà`);
  const now = deps.clock.now();
  const { stream, summary } = await writeArchive(deps.db, deps.blobs, deps.registry, person.id, now);
  const partial = `${out}.partial`;
  try {
    await pipeline(stream, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(out);
  await audit(deps.db, { action: 'privacy.export.cli', subjectId: person.id, details: { file: path.basename(out), size, ...summary } });
  return { personId: person.id, size, summary };
}
