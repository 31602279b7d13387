export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  subjectId: string | null;
  structureId: string | null;
  ip: string | null;
  /** JSON text. */
  details: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a copy of the database gives no live session. */
  id: string;
  personId: string;
  csrfToken: string;
  structureId: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

declare module './index.js' {
  interface Database {
    settings: SettingsTable;
    auditLog: AuditLogTable;
    sessions: SessionsTable;
  }
}
