import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { ROSTER_PREFIX } from './routes/roster.js';
import { TOKEN_PATH } from './routes/token.js';
import { buildRosterClient, rosterToken } from './testing.js';

/**
 * The rostering API has no person: every route is public to the session layer and refuses a
 * stranger (no token: 401, nothing of the rosters). The wrong party is a partner granted school A
 * reading school B's things: 404, none of their names. A person's session is no token either.
 */
export async function onerosterCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const granted = await buildRosterClient(app, { name: 'Couverture : partenaire OneRoster', schoolUais: [w.schoolA.uai!] });
  const bearer = { authorization: `Bearer ${await rosterToken(app, granted)}` };
  const absent = ['Ailleurs', w.otherStudent.login];
  const p = (route: string) => `GET ${ROSTER_PREFIX}${route}`;
  const stranger = (route: string, url = route): RouteCase => ({
    kind: 'public',
    route: p(route),
    url: `${ROSTER_PREFIX}${url}`,
    as: null,
    expect: 401,
    absent: [w.ce1a.login, w.otherStudent.login],
    note: 'no bearer token',
  });
  const foreign = (route: string, url: string, note: string): RouteCase => ({
    kind: 'public',
    route: p(route),
    url: `${ROSTER_PREFIX}${url}`,
    as: null,
    headers: bearer,
    expect: 404,
    absent,
    note: `a partner of school A: ${note}`,
  });
  const collections = ['/orgs', '/schools', '/academicSessions', '/classes', '/users', '/students', '/teachers', '/enrollments', '/demographics'];
  const singles = collections.map((c) => `${c}/:sourcedId`);
  const subs = ['/schools/:sourcedId/classes', '/schools/:sourcedId/enrollments', '/schools/:sourcedId/students', '/schools/:sourcedId/teachers'];
  const classSubs = ['/classes/:sourcedId/students', '/classes/:sourcedId/teachers'];
  const fill = (route: string, id: string) => route.replace(':sourcedId', id);
  return [
    ...[...collections, ...singles, ...subs, ...classSubs].map((r) => stranger(r, fill(r, w.ce1.id))),
    { ...stranger('/users'), as: as.director, note: 'a session is not a token' },
    foreign('/orgs/:sourcedId', `/orgs/${w.schoolB.id}`, 'school B'),
    foreign('/schools/:sourcedId', `/schools/${w.schoolB.id}`, 'school B'),
    foreign('/classes/:sourcedId', `/classes/${w.otherClass.id}`, 'school B’s class'),
    foreign('/users/:sourcedId', `/users/${w.otherStudent.id}`, 'school B’s pupil'),
    foreign('/students/:sourcedId', `/students/${w.otherStudent.id}`, 'school B’s pupil'),
    foreign('/teachers/:sourcedId', `/teachers/${w.otherTeacher.id}`, 'school B’s teacher'),
    foreign('/enrollments/:sourcedId', `/enrollments/${w.otherClass.id}_${w.otherStudent.id}`, 'school B’s enrollment'),
    ...subs.map((r) => foreign(r, fill(r, w.schoolB.id), 'school B')),
    ...classSubs.map((r) => foreign(r, fill(r, w.otherClass.id), 'school B’s class')),
    {
      kind: 'public',
      route: p('/demographics/:sourcedId'),
      url: `${ROSTER_PREFIX}/demographics/${w.ce1a.id}`,
      as: null,
      headers: bearer,
      expect: 403,
      absent: ['2018-03-14'],
      note: 'a partner without the demographics grant',
    },
    {
      kind: 'public',
      route: `POST ${TOKEN_PATH}`,
      as: null,
      form: { grant_type: 'client_credentials', client_id: granted.clientId, client_secret: 'pas-le-secret' },
      expect: 401,
      absent: ['access_token'],
      note: 'a wrong secret gets no token',
    },
  ];
}
