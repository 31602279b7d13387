import type { Db } from './db/index.js';
import { newId, nowIso } from './db/index.js';

export interface AuditEntry {
  action: string;
  actorId?: string | null;
  subjectId?: string | null;
  structureId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

/** Appends to the audit log: logins, failures, activations, resets, imports. */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      at: nowIso(),
      action: entry.action,
      actorId: entry.actorId ?? null,
      subjectId: entry.subjectId ?? null,
      structureId: entry.structureId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
