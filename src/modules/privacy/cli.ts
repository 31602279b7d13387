import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { audit } from '../../kernel/audit.js';
import { newId } from '../../kernel/db/index.js';
import { count, formatDateTime, formatSize } from '../../kernel/i18n/index.js';
import { writeArchive, type ArchiveSummary } from './archive.js';
import { t } from './i18n/fr.js';
import type { Deps } from './service/deps.js';
import { countPurge, reportSummary, runPurge, saveRun, type PurgeReport } from './service/retention.js';

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

/** `preau privacy purge [--dry-run] [--help]`, read: an unknown option or argument is a usage error. */
export function parsePurgeArgs(args: string[]): { dryRun: boolean; help: boolean } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (positionals.length > 0) return { error: t('privacy.purge.cli.usage') };
    return { dryRun: values['dry-run'] ?? false, help: values.help ?? false };
  } catch {
    return { error: t('privacy.purge.cli.usage') };
  }
}

/**
 * The purge from the command line, as the nightly job does it, or its dry run: either is kept in
 * the runs list of the retention page and audited (`via: cli`, nobody being signed in).
 */
export async function purgeFromCli(deps: Deps, dryRun: boolean): Promise<PurgeReport> {
  const now = deps.clock.now();
  if (!dryRun) return runPurge(deps, now, null, newId(), 'cli');
  const report = await countPurge(deps, now);
  const runId = newId();
  await deps.db.transaction().execute(async (trx) => {
    await saveRun(trx, runId, report, null, now);
    await audit(trx, {
      action: 'privacy.purge.simulate',
      details: { runId, via: 'cli', items: report.items, bytes: report.bytes, kinds: Object.fromEntries(report.lines.map((l) => [l.kind, l.items])) },
    });
  });
  return report;
}

/** The report as the administrator reads it: one line per kind of data, then the page's sentence. */
export function formatPurgeReport(report: PurgeReport): string {
  const at = formatDateTime(report.at);
  const lines = report.lines.map(
    (l) => t('privacy.purge.cli.line', l.label, count(l.items, l.noun[0], l.noun[1])) + (l.bytes > 0 ? t('privacy.purge.cli.bytes', formatSize(l.bytes)) : ''),
  );
  return [t(report.dryRun ? 'privacy.purge.cli.simulated' : 'privacy.purge.cli.done', at), ...lines, reportSummary(report)].join('\n');
}
