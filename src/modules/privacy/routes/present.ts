import type { AuditRow } from '../repository/audit.js';
import type { ExportView } from '../service/exports.js';

export const downloadUrl = (id: string) => `/privacy/exports/${id}/download`;

export const exportJson = (e: ExportView) => ({
  id: e.id,
  status: e.status,
  size: Number(e.size),
  createdAt: e.createdAt,
  readyAt: e.readyAt,
  expiresAt: e.expiresAt,
  downloadUrl: e.downloadable ? downloadUrl(e.id) : null,
});

const person = (id: string | null, login: string | null, first: string | null, last: string | null) =>
  id && login ? { id, login, name: `${first ?? ''} ${last ?? ''}`.trim() } : null;

export const auditJson = (r: AuditRow) => ({
  id: r.id,
  at: r.at,
  action: r.action,
  actor: person(r.actorId, r.actorLogin, r.actorFirstName, r.actorLastName),
  subject: person(r.subjectId, r.subjectLogin, r.subjectFirstName, r.subjectLastName),
  structure: r.structureName,
  ip: r.ip,
  details: r.details ? (JSON.parse(r.details) as unknown) : null,
});
