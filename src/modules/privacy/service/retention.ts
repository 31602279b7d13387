import { audit } from '../../../kernel/audit.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { count, formatSize } from '../../../kernel/i18n/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { DEPARTED_ACCOUNTS, durationBefore, type PurgeContext, type RetentionKind } from '../../../kernel/privacy.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import '../policy.js';
import type { Deps } from './deps.js';

export const PURGE_JOB = 'privacy.purge';
export const PURGE_NOW_JOB = 'privacy.purge.now';
/** Longest duration one may set, in the kind's unit (ten years). */
const MAX = { days: 3650, months: 120 } as const;

export interface ScheduleEntry {
  kind: string;
  label: string;
  unit: 'days' | 'months';
  amount: number;
  defaultAmount: number;
  rationale: string;
}

export interface ReportLine {
  kind: string;
  label: string;
  noun: [string, string];
  items: number;
  bytes: number;
}

export interface PurgeReport {
  at: string;
  dryRun: boolean;
  lines: ReportLine[];
  items: number;
  bytes: number;
}

/** Every kind with the instance's duration (its setting, else the default). */
export async function schedule(deps: Deps): Promise<ScheduleEntry[]> {
  const rows = await deps.db.selectFrom('privacyRetentionSettings').select(['kind', 'amount']).execute();
  const set = new Map(rows.map((r) => [r.kind, Number(r.amount)]));
  return deps.registry.retention.map((k) => ({
    kind: k.kind,
    label: k.label,
    unit: k.unit,
    amount: set.get(k.kind) ?? k.defaultAmount,
    defaultAmount: k.defaultAmount,
    rationale: k.rationale,
  }));
}

export async function readSchedule(deps: Deps, actor: Actor): Promise<ScheduleEntry[]> {
  authorize(actor, 'privacy.retention.manage', {});
  return schedule(deps);
}

/**
 * Saves the durations typed for each kind (whole numbers within bounds); unknown kinds and bad
 * numbers are field errors and nothing is saved. Audited with the old and new values.
 */
export async function saveSchedule(deps: Deps, actor: Actor, input: Record<string, unknown>): Promise<{ errors: FieldErrors | null }> {
  authorize(actor, 'privacy.retention.manage', {});
  const current = await schedule(deps);
  const byKind = new Map(current.map((e) => [e.kind, e]));
  const errors: FieldErrors = {};
  const changes: Array<{ kind: string; from: number; to: number }> = [];
  for (const [kind, raw] of Object.entries(input)) {
    if (kind === '_csrf') continue;
    const entry = byKind.get(kind);
    if (!entry) {
      errors[kind] = t('privacy.retention.error.kind');
      continue;
    }
    const text = String(raw).trim();
    const amount = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(amount) || amount > MAX[entry.unit]) errors[kind] = t('privacy.retention.error.amount', MAX[entry.unit]);
    else if (amount !== entry.amount) changes.push({ kind, from: entry.amount, to: amount });
  }
  if (Object.keys(errors).length > 0) return { errors };
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const c of changes) {
      await trx.deleteFrom('privacyRetentionSettings').where('kind', '=', c.kind).execute();
      await trx.insertInto('privacyRetentionSettings').values({ kind: c.kind, amount: c.to, updatedAt: now, updatedBy: actor.personId }).execute();
    }
    if (changes.length > 0) await audit(trx, { action: 'privacy.retention.change', actorId: actor.personId, details: { changes } });
  });
  return { errors: null };
}

/** Each kind with the context its count and purge get at `now`. */
async function plan(deps: Deps, now: Date): Promise<Array<{ kind: RetentionKind; ctx: PurgeContext }>> {
  const amounts = new Map((await schedule(deps)).map((e) => [e.kind, e.amount]));
  const cutoff = (k: RetentionKind) => (k.cutoff ? k.cutoff(now, amounts.get(k.kind)!) : durationBefore(now, amounts.get(k.kind)!, k.unit)).toISOString();
  const accounts = deps.registry.retention.find((k) => k.kind === DEPARTED_ACCOUNTS);
  // Without an accounts kind nobody is erased, so no departed person's content goes either.
  const departedBefore = accounts ? cutoff(accounts) : '0000';
  return deps.registry.retention.map((kind) => ({ kind, ctx: { now, before: cutoff(kind), departedBefore } }));
}

const total = (lines: ReportLine[]) => ({ items: lines.reduce((s, l) => s + l.items, 0), bytes: lines.reduce((s, l) => s + l.bytes, 0) });

/** What a purge would remove now, kind by kind; nothing is changed. */
export async function countPurge(deps: Deps, now: Date): Promise<PurgeReport> {
  const lines: ReportLine[] = [];
  for (const { kind, ctx } of await plan(deps, now)) lines.push({ kind: kind.kind, label: kind.label, noun: kind.noun, ...(await kind.count(deps.db, ctx)) });
  return { at: now.toISOString(), dryRun: true, lines, ...total(lines) };
}

/**
 * Removes what the schedule says, in one transaction (accounts first), then deletes the files
 * no row references any more; writes the report and an audit entry. Safe to run again.
 */
export async function runPurge(
  deps: Deps,
  now: Date,
  requestedBy: string | null,
  runId: string = newId(),
  /** Where it was asked from, when not the page or the schedule (`cli`): said in the audit entry. */
  via?: 'cli',
): Promise<PurgeReport> {
  const planned = await plan(deps, now);
  const lines: ReportLine[] = [];
  const blobKeys: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const { kind, ctx } of planned) {
      const done = await kind.purge(trx, ctx);
      blobKeys.push(...done.blobKeys);
      lines.push({ kind: kind.kind, label: kind.label, noun: kind.noun, items: done.items, bytes: done.bytes });
    }
  });
  // A file another row still points at (a copy, another module's) is kept.
  for (let i = 0; i < blobKeys.length; i += 500) {
    const chunk = blobKeys.slice(i, i + 500);
    const kept = await deps.references.referenced(deps.db, chunk);
    for (const key of chunk) if (!kept.has(key)) await deps.blobs.delete(key);
  }
  const report: PurgeReport = { at: now.toISOString(), dryRun: false, lines, ...total(lines) };
  await deps.db.transaction().execute(async (trx) => {
    await saveRun(trx, runId, report, requestedBy, now);
    await audit(trx, {
      action: 'privacy.purge.run',
      actorId: requestedBy,
      details: { runId, ...(via ? { via } : {}), items: report.items, bytes: report.bytes, kinds: Object.fromEntries(lines.map((l) => [l.kind, l.items])) },
    });
  });
  return report;
}

/** Keeps a run and its report in the runs list the retention page shows. */
export async function saveRun(db: Deps['db'], id: string, report: PurgeReport, requestedBy: string | null, now: Date): Promise<void> {
  const values = { dryRun: report.dryRun ? 1 : 0, status: 'done' as const, report: JSON.stringify(report), finishedAt: now.toISOString() };
  const updated = await db.updateTable('privacyPurgeRuns').set(values).where('id', '=', id).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await db
      .insertInto('privacyPurgeRuns')
      .values({ id, requestedBy, createdAt: now.toISOString(), ...values })
      .execute();
}

/** The administrator's dry run: counted now, kept in the runs list. */
export async function dryRun(deps: Deps, actor: Actor): Promise<PurgeReport> {
  authorize(actor, 'privacy.retention.manage', {});
  const now = deps.clock.now();
  const report = await countPurge(deps, now);
  await saveRun(deps.db, newId(), report, actor.personId, now);
  return report;
}

/** The administrator asks for the purge now: queued for the job (one at a time). */
export async function requestPurge(deps: Deps, actor: Actor): Promise<{ id: string }> {
  authorize(actor, 'privacy.retention.manage', {});
  const queued = await deps.db.selectFrom('privacyPurgeRuns').select('id').where('status', '=', 'queued').executeTakeFirst();
  if (queued) return queued;
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('privacyPurgeRuns')
      .values({ id, dryRun: 0, status: 'queued', requestedBy: actor.personId, createdAt: now, finishedAt: null, report: null })
      .execute();
    await enqueue(trx, PURGE_NOW_JOB, { runId: id, requestedBy: actor.personId }, { key: `${PURGE_NOW_JOB}:${id}` });
  });
  return { id };
}

export interface RunView {
  id: string;
  dryRun: boolean;
  status: string;
  createdAt: string;
  report: PurgeReport | null;
}

/** The latest runs, newest first. */
export async function recentRuns(deps: Deps, actor: Actor, limit = 10): Promise<RunView[]> {
  authorize(actor, 'privacy.retention.manage', {});
  const rows = await deps.db.selectFrom('privacyPurgeRuns').selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    dryRun: r.dryRun === 1,
    status: r.status,
    createdAt: r.createdAt,
    report: r.report ? (JSON.parse(r.report) as PurgeReport) : null,
  }));
}

/** "312 comptes, 4 210 messages et 1,2 Go de fichiers": the report in one French sentence. */
export function reportSummary(report: PurgeReport): string {
  const parts = report.lines.filter((l) => l.items > 0).map((l) => count(l.items, l.noun[0], l.noun[1]));
  if (report.bytes > 0) parts.push(t('privacy.purge.files', formatSize(report.bytes)));
  if (parts.length === 0) return t(report.dryRun ? 'privacy.purge.wouldNothing' : 'privacy.purge.didNothing');
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
  return t(report.dryRun ? 'privacy.purge.would' : 'privacy.purge.did', list);
}
