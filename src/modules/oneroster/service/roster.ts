import { authorize, NotFound } from '../../../kernel/authz/index.js';
import { VISITOR } from '../../../kernel/authz/visitor.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import { schoolYearOf } from '../../directory/index.js';
import type { RosterClientFacts } from '../policy.js';
import { parseFields, parseFilter, parseSort, pick } from '../query.js';
import * as repo from '../repository.js';

export interface RosterDeps {
  db: Db;
  clock: Clock;
  /** The API's base address, for the `href` of references. */
  base: string;
}

export interface CollectionQuery {
  limit?: number;
  offset?: number;
  sort?: string;
  orderBy?: 'asc' | 'desc';
  filter?: string;
  fields?: string;
}

type Row = Record<string, string | null>;
interface Context {
  deps: RosterDeps;
  scope: repo.RosterScope;
}

const ref = (deps: RosterDeps, path: string, type: string, sourcedId: string) => ({ href: `${deps.base}/${path}/${sourcedId}`, sourcedId, type });

/** French levels as the CEDS grade codes OneRoster uses. */
const GRADES: Record<string, string> = { PS: 'PK', MS: 'PK', GS: 'KG', CP: '01', CE1: '02', CE2: '03', CM1: '04', CM2: '05' };
function gradesOf(level: string | null): string[] {
  if (!level) return [];
  return level.split(/[-\s/]+/).flatMap((l) => {
    const grade = GRADES[l.toUpperCase()];
    return grade ? [grade] : [];
  });
}

interface Resource {
  /** The collection's member in the payload (`users`) and the single object's (`user`). */
  many: string;
  one: string;
  filterFields: readonly string[];
  fields: readonly string[];
  demographics?: boolean;
  query(db: Db, scope: repo.RosterScope, within: Within): unknown;
  toJson(rows: Row[], context: Context): Promise<Record<string, unknown>[]>;
}

export interface Within {
  schoolId?: string;
  classId?: string;
  role?: 'student' | 'teacher';
  /** Orgs of one type (`/schools`). */
  type?: 'school';
}

/** The equalities a sub-route adds to its resource's rows. */
const equalities = (within: Within): Record<string, string> => ({
  ...(within.role ? { role: within.role } : {}),
  ...(within.type ? { type: within.type } : {}),
});

const BASE_FIELDS = ['sourcedId', 'status', 'dateLastModified'] as const;

const orgs: Resource = {
  many: 'orgs',
  one: 'org',
  filterFields: [...BASE_FIELDS, 'name', 'type', 'identifier'],
  fields: [...BASE_FIELDS, 'name', 'type', 'identifier', 'parent', 'children'],
  query: (db, scope) => repo.orgsQuery(db, scope),
  async toJson(rows, { deps, scope }) {
    const visible = (await repo.page<Row>(deps.db, repo.orgsQuery(deps.db, scope), { filter: null, sort: null, descending: false, limit: 1000, offset: 0 }))
      .rows;
    return rows.map((r) => ({
      sourcedId: r.sourcedId,
      status: r.status,
      dateLastModified: r.dateLastModified,
      name: r.name,
      type: r.type,
      identifier: r.identifier ?? '',
      ...(r.parentSourcedId && visible.some((v) => v.sourcedId === r.parentSourcedId) ? { parent: ref(deps, 'orgs', 'org', r.parentSourcedId) } : {}),
      children: visible.filter((v) => v.parentSourcedId === r.sourcedId).map((v) => ref(deps, 'orgs', 'org', v.sourcedId!)),
    }));
  },
};

const academicSessions: Resource = {
  many: 'academicSessions',
  one: 'academicSession',
  filterFields: [...BASE_FIELDS, 'type'],
  fields: [...BASE_FIELDS, 'title', 'type', 'startDate', 'endDate', 'schoolYear'],
  query: (db, scope) => repo.sessionsQuery(db, scope),
  async toJson(rows) {
    return rows.map((r) => {
      const [start, end] = r.sourcedId!.split('-');
      return {
        sourcedId: r.sourcedId,
        status: r.status,
        dateLastModified: r.dateLastModified,
        title: `Année scolaire ${r.sourcedId}`,
        type: r.type,
        startDate: `${start}-09-01`,
        endDate: `${end}-08-31`,
        schoolYear: end,
      };
    });
  },
};

const classes: Resource = {
  many: 'classes',
  one: 'class',
  filterFields: [...BASE_FIELDS, 'title', 'classCode', 'classType'],
  fields: [...BASE_FIELDS, 'title', 'classCode', 'classType', 'grades', 'school', 'terms'],
  query: (db, scope, within) => {
    const q = repo.classesQuery(db, scope);
    return within.schoolId ? q.where('groups.structureId', '=', within.schoolId) : q;
  },
  async toJson(rows, { deps }) {
    return rows.map((r) => ({
      sourcedId: r.sourcedId,
      status: r.status,
      dateLastModified: r.dateLastModified,
      title: r.title,
      classCode: r.classCode,
      classType: r.classType,
      grades: gradesOf(r.level ?? null),
      school: ref(deps, 'orgs', 'org', r.schoolSourcedId!),
      terms: [ref(deps, 'academicSessions', 'academicSession', r.termSourcedId!)],
    }));
  },
};

const users: Resource = {
  many: 'users',
  one: 'user',
  filterFields: [...BASE_FIELDS, 'role', 'username', 'givenName', 'familyName', 'email'],
  fields: [...BASE_FIELDS, 'username', 'userIds', 'enabledUser', 'givenName', 'familyName', 'roles', 'agents', 'primaryOrg', 'email'],
  query: (db, scope, within) => repo.usersQuery(db, scope, within),
  async toJson(rows, { deps, scope }) {
    const personIds = rows.map((r) => r.sourcedId!);
    const memberships = await repo.membershipsOf(deps.db, personIds, scope);
    const links = await repo.agentLinksOf(deps.db, personIds, scope);
    return rows.map((r) => {
      const schools = memberships.filter((m) => m.personId === r.sourcedId).map((m) => m.structureId);
      const agents = links.flatMap((l) => (l.studentId === r.sourcedId ? [l.relativeId] : l.relativeId === r.sourcedId ? [l.studentId] : []));
      return {
        sourcedId: r.sourcedId,
        status: r.status,
        dateLastModified: r.dateLastModified,
        username: r.username,
        userIds: [{ type: 'preau', identifier: r.sourcedId }],
        enabledUser: true,
        givenName: r.givenName,
        familyName: r.familyName,
        roles: schools.map((s, i) => ({ roleType: i === 0 ? 'primary' : 'secondary', role: r.role, org: ref(deps, 'orgs', 'org', s) })),
        agents: agents.map((id) => ref(deps, 'users', 'user', id)),
        ...(schools[0] ? { primaryOrg: ref(deps, 'orgs', 'org', schools[0]) } : {}),
        ...(r.email ? { email: r.email } : {}),
      };
    });
  },
};

const enrollments: Resource = {
  many: 'enrollments',
  one: 'enrollment',
  filterFields: [...BASE_FIELDS, 'role'],
  fields: [...BASE_FIELDS, 'role', 'primary', 'user', 'class', 'school'],
  query: (db, scope, within) => repo.enrollmentsQuery(db, scope, within),
  async toJson(rows, { deps }) {
    return rows.map((r) => ({
      sourcedId: r.sourcedId,
      status: r.status,
      dateLastModified: r.dateLastModified,
      role: r.role,
      primary: false,
      user: ref(deps, 'users', 'user', r.userSourcedId!),
      class: ref(deps, 'classes', 'class', r.classSourcedId!),
      school: ref(deps, 'orgs', 'org', r.schoolSourcedId!),
    }));
  },
};

const SEX: Record<string, string> = { M: 'male', F: 'female' };
const demographics: Resource = {
  many: 'demographics',
  one: 'demographics',
  demographics: true,
  filterFields: [...BASE_FIELDS, 'birthDate', 'sex'],
  fields: [...BASE_FIELDS, 'birthDate', 'sex'],
  query: (db, scope) => repo.usersQuery(db, scope),
  async toJson(rows) {
    return rows.map((r) => ({
      sourcedId: r.sourcedId,
      status: r.status,
      dateLastModified: r.dateLastModified,
      ...(r.birthDate ? { birthDate: r.birthDate } : {}),
      sex: (r.sex && SEX[r.sex]) ?? 'unspecified',
    }));
  },
};

export const RESOURCES = { orgs, academicSessions, classes, users, enrollments, demographics } as const;
export type ResourceName = keyof typeof RESOURCES;

function scopeOf(deps: RosterDeps, client: RosterClientFacts): repo.RosterScope {
  return { schoolIds: client.schoolIds, schoolYear: schoolYearOf(deps.clock.now()) };
}

function allow(client: RosterClientFacts, resource: Resource) {
  if (resource.demographics) authorize(VISITOR, 'oneroster.demographics.read', client);
  else authorize(VISITOR, 'oneroster.roster.read', client);
}

/** A sub-route's school or class must be one of the partner's: otherwise it does not exist for it. */
async function checkWithin(deps: RosterDeps, client: RosterClientFacts, within: Within) {
  if (within.schoolId) authorize(VISITOR, 'oneroster.school.read', { client, schoolId: within.schoolId });
  if (within.classId) {
    const schoolId = await repo.classSchool(deps.db, scopeOf(deps, client), within.classId);
    authorize(VISITOR, 'oneroster.school.read', schoolId ? { client, schoolId } : null);
  }
}

/** One page of a collection: the payload, the total for `X-Total-Count`, and the page bounds for `Link`. */
export async function listResource(deps: RosterDeps, client: RosterClientFacts, name: ResourceName, query: CollectionQuery, within: Within = {}) {
  const resource = RESOURCES[name];
  allow(client, resource);
  const filter = parseFilter(query.filter, resource.filterFields);
  const sort = parseSort(query.sort, resource.filterFields);
  const fields = parseFields(query.fields, resource.fields);
  await checkWithin(deps, client, within);
  const scope = scopeOf(deps, client);
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const { rows, total } = await repo.page<Row>(deps.db, resource.query(deps.db, scope, within), {
    filter,
    where: equalities(within),
    sort,
    descending: query.orderBy === 'desc',
    limit,
    offset,
  });
  const items = (await resource.toJson(rows, { deps, scope })).map((item) => pick(item, fields));
  return { payload: { [resource.many]: items }, total, limit, offset };
}

/** One object by its sourcedId, among what the partner may see; 404 otherwise. */
export async function getResource(
  deps: RosterDeps,
  client: RosterClientFacts,
  name: ResourceName,
  sourcedId: string,
  fields: string | undefined,
  within: Within = {},
) {
  const resource = RESOURCES[name];
  allow(client, resource);
  const picked = parseFields(fields, resource.fields);
  const scope = scopeOf(deps, client);
  const { rows } = await repo.page<Row>(deps.db, resource.query(deps.db, scope, {}), {
    filter: null,
    where: { ...equalities(within), sourcedId },
    sort: null,
    descending: false,
    limit: 1,
    offset: 0,
  });
  if (rows.length === 0) throw new NotFound();
  const [item] = await resource.toJson(rows, { deps, scope });
  return { [resource.one]: pick(item!, picked) };
}
