import type { Db } from '../../../kernel/db/index.js';

export interface AuditQuery {
  /** Structures whose entries are read; null: every entry (the instance administrator). */
  scope: string[] | null;
  /** Entries by or about this person. */
  personId?: string;
  /** An action or its start (`account` matches `account.login`). */
  action?: string;
  /** ISO instants, `from` included, `to` excluded. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface AuditRow {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorLogin: string | null;
  actorFirstName: string | null;
  actorLastName: string | null;
  subjectId: string | null;
  subjectLogin: string | null;
  subjectFirstName: string | null;
  subjectLastName: string | null;
  structureName: string | null;
  ip: string | null;
  details: string | null;
}

/**
 * The audit entries one administrator reads, newest first, filtered in SQL: a local administrator's
 * are those of their schools, and those of no school (logins, resets) by or about their schools' members.
 */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  let query = db
    .selectFrom('auditLog as a')
    .leftJoin('people as ap', 'ap.id', 'a.actorId')
    .leftJoin('people as sp', 'sp.id', 'a.subjectId')
    .leftJoin('structures as s', 's.id', 'a.structureId')
    .select(['a.id', 'a.at', 'a.action', 'a.actorId', 'a.subjectId', 'a.ip', 'a.details', 's.name as structureName'])
    .select(['ap.login as actorLogin', 'ap.firstName as actorFirstName', 'ap.lastName as actorLastName'])
    .select(['sp.login as subjectLogin', 'sp.firstName as subjectFirstName', 'sp.lastName as subjectLastName']);
  const scope = q.scope;
  if (scope !== null) {
    if (scope.length === 0) return [];
    const members = db.selectFrom('structureMembers').select('personId').where('structureId', 'in', scope);
    query = query.where((eb) =>
      eb.or([
        eb('a.structureId', 'in', scope),
        eb.and([eb('a.structureId', 'is', null), eb.or([eb('a.subjectId', 'in', members), eb('a.actorId', 'in', members)])]),
      ]),
    );
  }
  if (q.personId) {
    const personId = q.personId;
    query = query.where((eb) => eb.or([eb('a.subjectId', '=', personId), eb('a.actorId', '=', personId)]));
  }
  if (q.action) {
    const prefix = `${q.action}.`;
    const action = q.action;
    // A prefix compared with substr, not LIKE: no wildcard to escape, the same on both engines.
    query = query.where((eb) => eb.or([eb('a.action', '=', action), eb(eb.fn<string>('substr', ['a.action', eb.val(1), eb.val(prefix.length)]), '=', prefix)]));
  }
  if (q.from) query = query.where('a.at', '>=', q.from);
  if (q.to) query = query.where('a.at', '<', q.to);
  return query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(q.limit).offset(q.offset).execute();
}

/** A person by login, when they belong to one of these structures (null scope: anyone). */
export async function personByLogin(db: Db, login: string, scope: string[] | null): Promise<string | null> {
  let query = db.selectFrom('people').select('id').where('login', '=', login);
  if (scope !== null) {
    if (scope.length === 0) return null;
    query = query.where('id', 'in', db.selectFrom('structureMembers').select('personId').where('structureId', 'in', scope));
  }
  return (await query.executeTakeFirst())?.id ?? null;
}

export async function structureNames(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('structures').select('name').where('id', 'in', ids).execute()).map((s) => s.name);
}
