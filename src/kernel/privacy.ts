/**
 * What each module declares for the RGPD: its entry of the processing register (registre des
 * traitements) and how to gather one person's data for the right of access. The privacy module
 * reads the declarations; the kernel only keeps them, so no module imports another for this.
 */
import type { Db } from './db/index.js';

/** One processing activity, as the register shows it (article 30 of the RGPD). */
export interface ProcessingEntry {
  /** Finalité: why the data is processed, in French. */
  purpose: string;
  /** Catégories de données. */
  dataKinds: string[];
  /** Personnes concernées. */
  people: string[];
  /** Durée de conservation, in words. */
  retention: string;
  /** Destinataires: who reads the data. */
  recipients: string[];
}

/** One person's data from one module: named JSON tables and the files that go with them. */
export interface PersonalData {
  /** `name` becomes `<module>/<name>.json` in the archive. */
  tables: Array<{ name: string; rows: unknown[] }>;
  /** Files, put under `<module>/files/<path>`; `path` is made unique by the archive builder. */
  files: Array<{ path: string; blobKey: string; size: number }>;
}

export interface PrivacyDeclaration {
  /** The module's name (the archive's folder, the register's section). */
  module: string;
  /** Its name for people, in French. */
  title: string;
  processing: ProcessingEntry;
  /** The person's own data only: what they wrote, what they received, what is about them. */
  exportPerson(db: Db, personId: string): Promise<PersonalData>;
  /** The kinds of data the module removes once their retention has run out. */
  retention?: RetentionKind[];
}

/** The kind whose accounts are erased: every module's "departed people's content" follows its cutoff. */
export const DEPARTED_ACCOUNTS = 'directory.departed';

/** What a purge finds: things (rows a person would count) and the bytes of their files. */
export interface PurgeCount {
  items: number;
  bytes: number;
}

/** What a purge removed, with the blob keys its rows no longer reference (deleted after commit). */
export interface PurgeResult extends PurgeCount {
  blobKeys: string[];
}

export interface PurgeContext {
  now: Date;
  /** This kind's cutoff (ISO): what is older goes. */
  before: string;
  /** People who left before this (ISO) are erased in this run, so their content goes too. */
  departedBefore: string;
}

/**
 * One kind of data with its retention: the default duration (in the kind's unit), why, and the
 * two functions that find (dry run) and remove (purge) what is past it. Both take the same
 * context, so the dry run counts exactly what the purge removes.
 */
export interface RetentionKind {
  /** `module.what`, stable: the instance's settings are stored under it. */
  kind: string;
  /** Its name for administrators, in French. */
  label: string;
  unit: 'days' | 'months';
  defaultAmount: number;
  /** Why this duration, in French (shown beside the setting and in the docs). */
  rationale: string;
  /** What one item is, for the report: singular and plural, in French. */
  noun: [string, string];
  /** The cutoff for a duration; `now − amount` unless the kind counts from elsewhere (a school year's end). */
  cutoff?(now: Date, amount: number): Date;
  count(db: Db, ctx: PurgeContext): Promise<PurgeCount>;
  /** Runs in a transaction; must be safe to run again. */
  purge(db: Db, ctx: PurgeContext): Promise<PurgeResult>;
}

/** `now` minus whole months (UTC), or minus days. */
export function durationBefore(now: Date, amount: number, unit: 'days' | 'months'): Date {
  const d = new Date(now.getTime());
  if (unit === 'days') d.setUTCDate(d.getUTCDate() - amount);
  else d.setUTCMonth(d.getUTCMonth() - amount);
  return d;
}

/**
 * For "N months after the end of the school year someone left in": a departure before the
 * returned date has had its school year end (1 September) at least N months ago.
 */
export function schoolYearCutoff(now: Date, months: number): Date {
  const back = durationBefore(now, months, 'months');
  const startYear = back.getUTCMonth() >= 8 ? back.getUTCFullYear() : back.getUTCFullYear() - 1;
  return new Date(Date.UTC(startYear, 8, 1));
}

export class PrivacyRegistry {
  private readonly declarations = new Map<string, PrivacyDeclaration>();

  declare(declaration: PrivacyDeclaration): void {
    if (this.declarations.has(declaration.module)) throw new Error(`Privacy of ${declaration.module} is declared twice`);
    this.declarations.set(declaration.module, declaration);
  }

  /** Every declaration, by module name. */
  get all(): PrivacyDeclaration[] {
    return [...this.declarations.values()].sort((a, b) => a.module.localeCompare(b.module));
  }

  /** Every retention kind, accounts first (the others' cutoffs follow them), then by module. */
  get retention(): RetentionKind[] {
    const kinds = this.all.flatMap((d) => d.retention ?? []);
    return [...kinds.filter((k) => k.kind === DEPARTED_ACCOUNTS), ...kinds.filter((k) => k.kind !== DEPARTED_ACCOUNTS)];
  }
}
