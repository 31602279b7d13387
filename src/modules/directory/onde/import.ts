// ONDE import: three CSV exports → one structure's people, classes, links and director role.
import type { Db } from '../../../kernel/db/index.js';
import { newId, nowIso, refreshStatistics } from '../../../kernel/db/index.js';
import { audit } from '../../../kernel/audit.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { isSchoolYear } from '../school-year.js';
import { decodeCsv, type CsvEncoding } from './csv.js';
import { FATAL_CODES, parseParents, parsePupils, parseTeachers, type ImportIssue, type OndeFile, type ParseResult } from './parse.js';
import { findRunReport, insertImportRun, lastRuns, structureExists } from './store.js';
import { syncDirectory, type ImportCounts, type KindCounts } from './sync.js';

export type { ImportCounts, KindCounts, ImportIssue, OndeFile };

export interface ImportReport {
  status: 'done' | 'failed';
  /** Id of the `importRuns` row keeping this report. */
  runId: string;
  schoolYear: string;
  /** Encoding detected per file; null when the file could not be read at all. */
  encoding: Record<OndeFile, CsvEncoding | null>;
  counts: ImportCounts;
  /** Lines kept with a remark (value ignored, person not deactivated…). */
  warnings: ImportIssue[];
  /** Refused lines; when status is 'failed', the reason nothing was written. */
  errors: ImportIssue[];
  durationMs: number;
}

export interface ImportInput {
  structureId: string;
  schoolYear: string;
  files: Record<OndeFile, Uint8Array>;
  actorId: string | null;
}

export const ONDE_FILES: OndeFile[] = ['pupils', 'teachers', 'parents'];

const zero = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0 });
const emptyCounts = (): ImportCounts => ({ pupils: zero(), teachers: zero(), parents: zero(), links: zero(), classes: zero() });

/** A file that cannot be used at all: nothing is written. */
const isFatal = (issue: ImportIssue) => issue.code.startsWith('csv.') || FATAL_CODES.has(issue.code);

function byPlace(a: ImportIssue, b: ImportIssue): number {
  return ONDE_FILES.indexOf(a.file) - ONDE_FILES.indexOf(b.file) || (a.line ?? 0) - (b.line ?? 0);
}

function encodingOf(bytes: Uint8Array): CsvEncoding | null {
  try {
    return decodeCsv(bytes).encoding;
  } catch {
    return null;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Imports ONDE exports into a structure for a school year. The files are parsed first; a file
 * that cannot be read or lacks a required column fails the import with nothing written.
 * Otherwise refused lines are listed in the report and every good line is written, all in one
 * transaction. Re-imports update people in place and deactivate those who left.
 */
export async function importOnde(db: Db, input: ImportInput): Promise<ImportReport> {
  const started = performance.now();
  const startedAt = nowIso();
  if (!isSchoolYear(input.schoolYear)) throw new BadRequest('directory.error.school_year', t('directory.error.school_year'));
  // Callers name a structure they found (the route after its rule, the command line by UAI).
  if (!(await structureExists(db, input.structureId))) throw new Error(`No structure ${input.structureId}`);

  const parsed = {
    pupils: parsePupils(input.files.pupils),
    teachers: parseTeachers(input.files.teachers),
    parents: parseParents(input.files.parents),
  };
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  for (const file of ONDE_FILES) {
    const result: ParseResult<unknown> = parsed[file];
    errors.push(...result.errors);
    for (const w of result.warnings) {
      // An export without a single line would deactivate everyone: refuse it.
      if (w.code === 'onde.empty_file') errors.push({ ...w, message: t('directory.import.issue.empty_file') });
      else warnings.push(w);
    }
  }
  const report: ImportReport = {
    status: 'done',
    runId: newId(),
    schoolYear: input.schoolYear,
    encoding: { pupils: encodingOf(input.files.pupils), teachers: encodingOf(input.files.teachers), parents: encodingOf(input.files.parents) },
    counts: emptyCounts(),
    warnings,
    errors,
    durationMs: 0,
  };

  if (errors.some(isFatal)) {
    report.status = 'failed';
    report.errors.sort(byPlace);
    report.durationMs = Math.round(performance.now() - started);
    // Only the run is recorded, so that the manager finds the failed attempt in the history.
    await db.transaction().execute((trx) => record(trx, input, report, startedAt));
    return report;
  }

  const incomplete = new Set(ONDE_FILES.filter((f) => parsed[f].errors.length > 0));
  for (let attempt = 1; ; attempt++) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        // A write on the structure's row first: two imports of one school wait for each other.
        await trx
          .updateTable('structures')
          .set((eb) => ({ name: eb.ref('name') }))
          .where('id', '=', input.structureId)
          .execute();
        const result = await syncDirectory(trx, {
          structureId: input.structureId,
          schoolYear: input.schoolYear,
          now: startedAt,
          pupils: parsed.pupils.rows,
          teachers: parsed.teachers.rows,
          parents: parsed.parents.rows,
          incomplete,
        });
        const done: ImportReport = {
          ...report,
          counts: result.counts,
          errors: [...errors, ...result.errors].sort(byPlace),
          warnings: [...warnings, ...result.warnings].sort(byPlace),
          durationMs: Math.round(performance.now() - started),
        };
        await record(trx, input, done, startedAt);
        return done;
      });
      await refreshStatistics(db, ['people', 'structure_members', 'group_members', 'groups', 'relative_links', 'structure_roles']);
      return done;
    } catch (error) {
      // Two imports at once may pick the same new login: the later one starts over.
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function record(db: Db, input: ImportInput, report: ImportReport, startedAt: string): Promise<void> {
  await insertImportRun(db, {
    id: report.runId,
    structureId: input.structureId,
    kind: 'onde',
    schoolYear: input.schoolYear,
    actorId: input.actorId,
    startedAt,
    status: report.status,
    report: JSON.stringify(report),
  });
  await audit(db, {
    action: 'directory.import',
    actorId: input.actorId,
    structureId: input.structureId,
    details: { runId: report.runId, kind: 'onde', schoolYear: input.schoolYear, status: report.status, counts: report.counts, errors: report.errors.length },
  });
}

export interface ImportRunSummary {
  id: string;
  schoolYear: string;
  startedAt: string;
  status: 'done' | 'failed';
  actorId: string | null;
  counts: ImportCounts;
  errors: number;
  warnings: number;
}

/** The structure's last import runs, newest first. */
export async function lastImportRuns(db: Db, structureId: string, limit = 10): Promise<ImportRunSummary[]> {
  const rows = await lastRuns(db, structureId, limit);
  return rows.map((r) => {
    const report = JSON.parse(r.report) as Partial<ImportReport>;
    return {
      id: r.id,
      schoolYear: r.schoolYear,
      startedAt: r.startedAt,
      status: r.status,
      actorId: r.actorId,
      counts: report.counts ?? emptyCounts(),
      errors: report.errors?.length ?? 0,
      warnings: report.warnings?.length ?? 0,
    };
  });
}

/** One stored report, if it belongs to the structure. */
export async function findImportReport(db: Db, structureId: string, runId: string): Promise<ImportReport | null> {
  const report = await findRunReport(db, structureId, runId);
  return report === null ? null : (JSON.parse(report) as ImportReport);
}

// ---------------------------------------------------------------- text report (CLI)

const KINDS = ['pupils', 'teachers', 'parents', 'links', 'classes'] as const;
const COLUMNS = ['created', 'updated', 'unchanged', 'deactivated'] as const;

function issueLine(issue: ImportIssue): string {
  const place = `${t(`directory.import.fileName.${issue.file}`)}${issue.line === null ? '' : `:${issue.line}`}`;
  return `  ${place}  ${issue.message} [${issue.code}]`;
}

/** Plain-text report for the command line: counts per kind, then warnings and errors with file:line. */
export function formatReport(report: ImportReport): string {
  const out: string[] = [];
  out.push(report.status === 'done' ? t('directory.import.report.done') : t('directory.import.report.failed'));
  out.push(t('directory.import.report.meta', report.schoolYear, report.durationMs));
  const encodings = ONDE_FILES.map((f) => `${t(`directory.import.fileName.${f}`)} ${report.encoding[f] ?? t('directory.import.encoding.none')}`);
  out.push(`${t('directory.import.report.encoding')} : ${encodings.join(', ')}`);
  out.push('');
  const header = [t('directory.import.report.kind'), ...COLUMNS.map((c) => t(`directory.import.report.${c}`))];
  const rows = KINDS.map((k) => [t(`directory.import.kind.${k}`), ...COLUMNS.map((c) => String(report.counts[k][c]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(line(header), ...rows.map(line));
  if (report.warnings.length > 0) out.push('', `${t('directory.import.report.warnings', report.warnings.length)} :`, ...report.warnings.map(issueLine));
  if (report.errors.length > 0) out.push('', `${t('directory.import.report.errors', report.errors.length)} :`, ...report.errors.map(issueLine));
  return out.join('\n') + '\n';
}
