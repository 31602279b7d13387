export type ExportStatus = 'pending' | 'ready' | 'failed';

/** One archive of a person's data (right of access), built by a job, downloadable until it expires. */
export interface PrivacyExportsTable {
  id: string;
  /** Whose data it holds. */
  personId: string;
  /** Who asked: the person, or null when an administrator built it from the command line. */
  requestedBy: string | null;
  status: ExportStatus;
  blobKey: string | null;
  size: number;
  sha256: string | null;
  createdAt: string;
  readyAt: string | null;
  /** After this the archive is deleted (the daily expiry job). */
  expiresAt: string;
}

/** An instance's own duration for a retention kind; a kind without a row keeps its default. */
export interface PrivacyRetentionSettingsTable {
  kind: string;
  amount: number;
  updatedAt: string;
  updatedBy: string | null;
}

export type PurgeStatus = 'queued' | 'done' | 'failed';

/** A dry run (done at once) or a purge (queued, then done by the job), with its report (JSON). */
export interface PrivacyPurgeRunsTable {
  id: string;
  dryRun: number;
  status: PurgeStatus;
  /** Who asked; null for the scheduled purge. */
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  report: string | null;
}

export type RequestKind = 'erasure' | 'rectification';
export type RequestStatus = 'received' | 'in_progress' | 'done' | 'refused';

/** An erasure or rectification request a person filed about their own data. */
export interface PrivacyRequestsTable {
  id: string;
  personId: string;
  kind: RequestKind;
  /** What the person asks, as they typed it. */
  body: string;
  status: RequestStatus;
  /** Why it was refused, or what was done: shown to the person. */
  reason: string | null;
  handledBy: string | null;
  createdAt: string;
  updatedAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    privacyExports: PrivacyExportsTable;
    privacyRetentionSettings: PrivacyRetentionSettingsTable;
    privacyPurgeRuns: PrivacyPurgeRunsTable;
    privacyRequests: PrivacyRequestsTable;
  }
}
