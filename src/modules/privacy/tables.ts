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

declare module '../../kernel/db/index.js' {
  interface Database {
    privacyExports: PrivacyExportsTable;
  }
}
