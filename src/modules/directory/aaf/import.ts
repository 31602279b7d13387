// AAF import: the académie's XML files (any number of structures) → structures, people, classes,
// groups, subjects taught, roles, families. All or nothing: every file is read before anything is
// written, and a file that cannot be read writes nothing.
import type { Db } from '../../../kernel/db/index.js';
import { newId, nowIso, refreshStatistics } from '../../../kernel/db/index.js';
import { audit } from '../../../kernel/audit.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { ta } from '../i18n/aaf-fr.js';
import { isSchoolYear } from '../school-year.js';
import { addRecord, emptyFeed, parseFileName, AAF_KINDS, type AafKind, type AafMode } from './parse.js';
import { insertRun, lastRuns, findRun } from './store.js';
import { COUNT_KINDS, emptyCounts, syncAaf, type AafCounts, type AafIssue } from './sync.js';
import { AafXmlError, readAafXml, type AafEncoding } from './xml.js';

export type { AafCounts };

/** One file of a run: its name and a way to read its bytes as a stream. */
export interface AafSource {
  name: string;
  read: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/** An issue as the report shows it. */
export interface AafReportIssue {
  file: string | null;
  line: number | null;
  id: string | null;
  code: string;
  message: string;
}

export interface AafFileReport {
  name: string;
  kind: AafKind;
  mode: AafMode;
  encoding: AafEncoding | null;
  records: number;
}

export interface AafReport {
  status: 'done' | 'failed';
  runId: string;
  schoolYear: string;
  mode: 'Complet' | 'Delta' | 'mixed';
  files: AafFileReport[];
  counts: AafCounts;
  warnings: AafReportIssue[];
  errors: AafReportIssue[];
  durationMs: number;
}

export interface AafImportInput {
  schoolYear: string;
  sources: AafSource[];
  actorId: string | null;
}

const lineText = (line: number | null) => (line === null ? '' : ` (ligne ${line})`);

function messageOf(issue: AafIssue): string {
  const key = `aaf.issue.${issue.code.replace(/^aaf\./, '')}` as Parameters<typeof ta>[0];
  return (ta as (k: string, ...a: unknown[]) => string)(key, ...issue.args);
}

const show = (issue: AafIssue): AafReportIssue => ({ file: issue.file, line: issue.line, id: issue.id, code: issue.code, message: messageOf(issue) });

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const PEOPLE_KINDS: AafKind[] = ['Eleve', 'PersRelEleve', 'PersEducNat'];

/**
 * Imports a set of AAF files for a school year. Files are read one after the other as streams
 * (a record at a time); their records are kept in compact form until every file has been read,
 * then the whole run is written in one transaction.
 */
export async function importAaf(db: Db, input: AafImportInput): Promise<AafReport> {
  const started = performance.now();
  const startedAt = nowIso();
  if (!isSchoolYear(input.schoolYear)) throw new BadRequest('directory.error.school_year', t('directory.error.school_year'));

  const feed = emptyFeed();
  const fatal: AafIssue[] = [];
  const errors: AafIssue[] = [];
  const warnings: AafIssue[] = [];
  const files: AafFileReport[] = [];
  const incomplete = new Set<AafKind>();
  const complete = new Set<AafKind>();
  const seen = new Map<AafKind, number>();

  const named = input.sources
    .map((s) => ({ source: s, name: parseFileName(s.name) }))
    .sort((a, b) => {
      if (!a.name || !b.name) return a.name ? -1 : b.name ? 1 : 0;
      // Structures and codes first; then by date (a Complet before the Deltas that follow it), kind, number.
      return a.name.date.localeCompare(b.name.date) || AAF_KINDS.indexOf(a.name.kind) - AAF_KINDS.indexOf(b.name.kind) || a.name.number - b.name.number;
    });
  for (const { source, name } of named) {
    if (!name) {
      if (!/(^|\/)(\.|__MACOSX)/.test(source.name) && !source.name.endsWith('/') && !/\.dtd$/i.test(source.name)) {
        warnings.push({ file: source.name, line: null, id: null, code: 'aaf.file_ignored', args: [source.name] });
      }
      continue;
    }
    const file = source.name.split(/[/\\]/).pop()!;
    const report: AafFileReport = { name: file, kind: name.kind, mode: name.mode, encoding: null, records: 0 };
    files.push(report);
    if (name.mode === 'Complet') complete.add(name.kind);
    try {
      report.encoding = await readAafXml(source.read(), (r) => {
        report.records++;
        const problem = addRecord(feed, name.kind, file, r);
        if (problem) {
          errors.push({ file, line: problem.line, id: problem.id, code: problem.code, args: [] });
          incomplete.add(name.kind);
        }
      });
      seen.set(name.kind, (seen.get(name.kind) ?? 0) + report.records);
    } catch (error) {
      if (!(error instanceof AafXmlError)) throw error;
      fatal.push({ file, line: error.line, id: null, code: `aaf.xml.${error.code}`, args: [lineText(error.line), error.message] });
    }
  }
  if (files.length === 0 && fatal.length === 0) fatal.push({ file: null, line: null, id: null, code: 'aaf.no_files', args: [] });
  for (const kind of PEOPLE_KINDS) {
    // A complete set without a single person would deactivate everyone: refuse it.
    if (complete.has(kind) && !seen.get(kind) && fatal.length === 0) {
      fatal.push({ file: null, line: null, id: null, code: 'aaf.empty_complete', args: [ta(`aaf.fileKind.${kind}`).toLowerCase()] });
    }
  }
  const modes = new Set(files.map((f) => f.mode));
  const report: AafReport = {
    status: 'done',
    runId: newId(),
    schoolYear: input.schoolYear,
    mode: modes.size === 1 ? [...modes][0]! : modes.size === 0 ? 'Complet' : 'mixed',
    files,
    counts: emptyCounts(),
    warnings: warnings.map(show),
    errors: [...fatal, ...errors].map(show),
    durationMs: 0,
  };

  if (fatal.length > 0) {
    report.status = 'failed';
    report.durationMs = Math.round(performance.now() - started);
    // Only the run is recorded, so that the attempt is found in the history.
    await db.transaction().execute((trx) => record(trx, input, report, startedAt));
    return report;
  }

  for (let attempt = 1; ; attempt++) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        const result = await syncAaf(trx, { feed, schoolYear: input.schoolYear, now: startedAt, complete, incomplete });
        const done: AafReport = {
          ...report,
          counts: result.counts,
          errors: [...report.errors, ...result.errors.map(show)],
          warnings: [...report.warnings, ...result.warnings.map(show)],
          durationMs: Math.round(performance.now() - started),
        };
        await record(trx, input, done, startedAt);
        return done;
      });
      await refreshStatistics(db, [
        'people',
        'structure_members',
        'group_members',
        'groups',
        'relative_links',
        'structure_roles',
        'aaf_people',
        'teaching_assignments',
      ]);
      return done;
    } catch (error) {
      // Two imports at once may pick the same new login: the later one starts over.
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function record(db: Db, input: AafImportInput, report: AafReport, startedAt: string): Promise<void> {
  await insertRun(db, {
    id: report.runId,
    schoolYear: input.schoolYear,
    mode: report.mode,
    actorId: input.actorId,
    startedAt,
    status: report.status,
    report: JSON.stringify(report),
  });
  await audit(db, {
    action: 'directory.import',
    actorId: input.actorId,
    details: { runId: report.runId, kind: 'aaf', schoolYear: input.schoolYear, status: report.status, counts: report.counts, errors: report.errors.length },
  });
}

export interface AafRunSummary {
  id: string;
  schoolYear: string;
  mode: AafReport['mode'];
  startedAt: string;
  status: 'done' | 'failed';
  actorId: string | null;
  counts: AafCounts;
  errors: number;
  warnings: number;
}

/** The last runs, newest first. */
export async function lastAafRuns(db: Db, limit = 10): Promise<AafRunSummary[]> {
  return (await lastRuns(db, limit)).map((r) => {
    const report = JSON.parse(r.report) as Partial<AafReport>;
    return {
      id: r.id,
      schoolYear: r.schoolYear,
      mode: r.mode,
      startedAt: r.startedAt,
      status: r.status,
      actorId: r.actorId,
      counts: report.counts ?? emptyCounts(),
      errors: report.errors?.length ?? 0,
      warnings: report.warnings?.length ?? 0,
    };
  });
}

export async function findAafReport(db: Db, runId: string): Promise<AafReport | null> {
  const row = await findRun(db, runId);
  return row ? (JSON.parse(row.report) as AafReport) : null;
}

// ---------------------------------------------------------------- text report (CLI)

const COLUMNS = ['created', 'updated', 'unchanged', 'deactivated'] as const;

function issueLine(issue: AafReportIssue): string {
  const place = issue.file ? `${issue.file}${issue.line === null ? '' : `:${issue.line}`}` : '—';
  return `  ${place}${issue.id ? ` [${issue.id}]` : ''}  ${issue.message} (${issue.code})`;
}

/** Plain-text report for the command line: files, counts per kind, then warnings and errors with file:line. */
export function formatAafReport(report: AafReport): string {
  const out: string[] = [];
  out.push(report.status === 'done' ? ta('aaf.report.done') : ta('aaf.report.failed'));
  out.push(ta('aaf.report.meta', report.schoolYear, ta(`aaf.mode.${report.mode}`), report.durationMs));
  out.push(`${ta('aaf.report.files')} :`);
  for (const f of report.files) out.push(`  ${f.name}  ${f.encoding ?? '—'}  ${f.records}`);
  out.push('');
  const header = [ta('aaf.report.kind'), ...COLUMNS.map((c) => ta(`aaf.report.${c}`))];
  const rows = COUNT_KINDS.map((k) => [ta(`aaf.kind.${k}`), ...COLUMNS.map((c) => String(report.counts[k][c]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(line(header), ...rows.map(line));
  if (report.warnings.length > 0) out.push('', `${ta('aaf.report.warnings', report.warnings.length)} :`, ...report.warnings.map(issueLine));
  if (report.errors.length > 0) out.push('', `${ta('aaf.report.errors', report.errors.length)} :`, ...report.errors.map(issueLine));
  return out.join('\n') + '\n';
}
