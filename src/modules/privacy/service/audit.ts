import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { toCsv } from '../../../kernel/csv.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { parisMidnight, nextDay } from '../dates.js';
import { t } from '../i18n/fr.js';
import { auditedStructureIds } from '../policy.js';
import * as repo from '../repository/audit.js';
import type { Deps } from './deps.js';

/** The filters as typed in the form (all optional). */
export interface AuditFilter {
  person?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  rows: repo.AuditRow[];
  /** Null: the whole instance; else the names of the administrator's schools. */
  scopeNames: string[] | null;
  filter: AuditFilter;
  errors: FieldErrors | null;
  offset: number;
  limit: number;
  hasMore: boolean;
}

const ACTION = /^[a-z0-9_.]{1,80}$/;

/** Checks the filters; bad ones come back as field errors, and no entry is read for them. */
async function resolve(
  deps: Deps,
  scope: string[] | null,
  f: AuditFilter,
): Promise<{ query: Omit<repo.AuditQuery, 'limit' | 'offset'>; errors: FieldErrors | null }> {
  const errors: FieldErrors = {};
  const query: Omit<repo.AuditQuery, 'limit' | 'offset'> = { scope };
  const person = f.person?.trim();
  if (person) {
    const id = await repo.personByLogin(deps.db, person, scope);
    if (id) query.personId = id;
    else errors.person = t('privacy.error.unknownPerson');
  }
  const action = f.action?.trim();
  if (action) {
    if (ACTION.test(action)) query.action = action;
    else errors.action = t('privacy.error.action');
  }
  const from = f.from ? parisMidnight(f.from) : undefined;
  // The end day is included: entries before the next Paris midnight.
  const toDay = f.to ? parisMidnight(f.to) : undefined;
  const to = f.to && toDay ? parisMidnight(nextDay(f.to)) : toDay;
  if (from === null) errors.from = t('privacy.error.date');
  if (to === null) errors.to = t('privacy.error.date');
  if (from && to && from >= to) errors.to = t('privacy.error.range');
  if (from) query.from = from;
  if (to) query.to = to;
  return { query, errors: Object.keys(errors).length > 0 ? errors : null };
}

const scopeOf = (actor: Actor) => (actor.isSuperAdmin ? null : auditedStructureIds(actor));

/** One page of the audit log for an administrator, newest first. */
export async function auditPage(deps: Deps, actor: Actor, filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditPage> {
  authorize(actor, 'privacy.audit.read', {});
  const scope = scopeOf(actor);
  const scopeNames = scope === null ? null : await repo.structureNames(deps.db, scope);
  const { query, errors } = await resolve(deps, scope, filter);
  const rows = errors ? [] : await repo.listAudit(deps.db, { ...query, limit: page.limit + 1, offset: page.offset });
  return { rows: rows.slice(0, page.limit), scopeNames, filter, errors, offset: page.offset, limit: page.limit, hasMore: rows.length > page.limit };
}

/** Most rows one CSV export holds; a narrower filter gives the rest. */
export const CSV_MAX_ROWS = 50_000;

const name = (first: string | null, last: string | null) => (first || last ? `${first ?? ''} ${last ?? ''}`.trim() : '');

/** The same entries as CSV (the filters of the page), or the field errors. */
export async function auditCsv(deps: Deps, actor: Actor, filter: AuditFilter): Promise<{ csv: string } | { errors: FieldErrors }> {
  authorize(actor, 'privacy.audit.read', {});
  const { query, errors } = await resolve(deps, scopeOf(actor), filter);
  if (errors) return { errors };
  const rows = await repo.listAudit(deps.db, { ...query, limit: CSV_MAX_ROWS, offset: 0 });
  const header = ['date', 'action', 'auteur', 'auteur_nom', 'personne', 'personne_nom', 'etablissement', 'ip', 'details', 'horodatage'];
  return {
    csv: toCsv([
      header,
      ...rows.map((r) => [
        formatDateTime(r.at),
        r.action,
        r.actorLogin,
        name(r.actorFirstName, r.actorLastName),
        r.subjectLogin,
        name(r.subjectFirstName, r.subjectLastName),
        r.structureName,
        r.ip,
        r.details,
        r.at,
      ]),
    ]),
  };
}
