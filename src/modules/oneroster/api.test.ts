import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool, buildWorld, type World } from '../directory/testing.js';
import { runOnerosterCommand, OnerosterCliRefused } from './cli.js';
import { CORE_SCOPE, DEMOGRAPHICS_SCOPE } from './policy.js';

// A OneRoster consumer against the real server on loopback: it gets a token, then reads.
let t: TestApp;
let w: World;
let origin: string;
let base: string;
let manuels: { client_id: string; client_secret: string };
let sante: { client_id: string; client_secret: string };
let municipalityId: string;
const extraPupils: string[] = [];

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const town = await buildSchool(t.app.db, { kind: 'municipality', name: 'Ville de Tilleuls-sur-Mer' });
  municipalityId = town.id;
  await t.app.db.updateTable('structures').set({ parentId: town.id }).where('id', '=', w.schoolA.id).execute();
  for (let i = 0; i < 5; i++) {
    const pupil = await buildPerson(t.app.db, { profile: 'student', firstName: `Élève${i}`, lastName: 'Supplémentaire', structureId: w.schoolA.id });
    extraPupils.push(pupil.id);
  }
  manuels = JSON.parse(await runOnerosterCommand(t.app, ['client', 'add', '--name', 'Manuels numériques', '--school', w.schoolA.uai!])) as typeof manuels;
  sante = JSON.parse(
    await runOnerosterCommand(t.app, ['client', 'add', '--name', 'Santé scolaire', '--school', w.schoolA.uai!.toLowerCase(), '--demographics']),
  ) as typeof sante;
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  assert.ok(address && typeof address !== 'string', 'the server listens on a TCP port');
  origin = `http://127.0.0.1:${address.port}`;
  t.config.publicUrl = origin;
  base = `${origin}/api/ims/oneroster/rostering/v1p2`;
});
after(() => t.close());

async function token(client: { client_id: string; client_secret: string }, scope?: string) {
  const res = await fetch(`${origin}/oneroster/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function get(url: string, bearer: string) {
  const res = await fetch(url.startsWith('http') ? url : `${base}${url}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

const minor = (body: Record<string, unknown>) =>
  (body.imsx_CodeMinor as { imsx_codeMinorField: { imsx_codeMinorFieldValue: string }[] }).imsx_codeMinorField[0]!.imsx_codeMinorFieldValue;
const ids = (list: unknown) => (list as { sourcedId: string }[]).map((x) => x.sourcedId);

describe('OneRoster: tokens', () => {
  test('a wrong secret, an unknown grant or a scope not granted is refused as OAuth says', async () => {
    const wrong = await token({ client_id: manuels.client_id, client_secret: 'pas-le-bon-secret' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
    const scope = await token(manuels, DEMOGRAPHICS_SCOPE);
    assert.equal(scope.status, 400);
    assert.equal(scope.body.error, 'invalid_scope');
    const grant = await fetch(`${origin}/oneroster/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: manuels.client_id, client_secret: manuels.client_secret }),
    });
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
  });

  test('the secret is stored hashed; the command line refuses an unknown UAI', async () => {
    const row = await t.app.db.selectFrom('onerosterClients').selectAll().where('id', '=', manuels.client_id).executeTakeFirstOrThrow();
    assert.ok(!row.secretHash.includes(manuels.client_secret), 'the secret is not stored in clear');
    assert.equal(row.demographics, 0);
    await assert.rejects(runOnerosterCommand(t.app, ['client', 'add', '--name', 'X', '--school', '0999999Z']), OnerosterCliRefused);
    await assert.rejects(runOnerosterCommand(t.app, ['client', 'add', '--name', 'X']), OnerosterCliRefused);
  });

  test('a bad or missing bearer token is a 401 with OneRoster’s status payload', async () => {
    for (const bearer of ['nimportequoinimportequoi', '']) {
      const res = await get('/users', bearer);
      assert.equal(res.status, 401);
      assert.equal(res.body.imsx_codeMajor, 'failure');
      assert.equal(minor(res.body), 'unauthorisedrequest');
      assert.equal((res.body.error as { code: string }).code, 'oneroster.unauthorisedrequest');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.ok(!JSON.stringify(res.body).includes(w.ce1a.firstName), 'no data without a token');
    }
  });
});

describe('OneRoster: rosters of the granted school only', () => {
  let bearer: string;
  before(async () => {
    const issued = await token(manuels);
    assert.equal(issued.status, 200);
    assert.equal(issued.body.token_type, 'bearer');
    assert.equal(issued.body.scope, CORE_SCOPE);
    bearer = issued.body.access_token!;
  });

  test('the consumer pages through the pupils with limit, offset, X-Total-Count and Link', async () => {
    const expected = [w.ce1a.id, w.ce1b.id, w.cm2.id, ...extraPupils].sort();
    const seen: string[] = [];
    let url: string | null = `${base}/users?filter=${encodeURIComponent("role='student'")}&limit=3&offset=0`;
    let pages = 0;
    while (url) {
      const res = await get(url, bearer);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.headers.get('x-total-count'), String(expected.length));
      const users = res.body.users as { sourcedId: string; roles: { role: string; org: { sourcedId: string } }[] }[];
      assert.ok(users.length <= 3, 'a page holds at most the limit');
      for (const u of users) assert.deepEqual([u.roles[0]?.role, u.roles[0]?.org.sourcedId], ['student', w.schoolA.id]);
      seen.push(...ids(users));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
      pages++;
      assert.ok(pages < 10, 'the Link header ends');
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), expected);
    assert.ok(!seen.includes(w.otherStudent.id), 'another school’s pupil is not listed');
  });

  test('parents come with their children as agents, and pupils with their parents', async () => {
    const parent = await get(`/users/${w.ce1aParent.id}`, bearer);
    assert.equal(parent.status, 200);
    const user = parent.body.user as { roles: { role: string }[]; agents: { sourcedId: string; href: string }[] };
    assert.equal(user.roles[0]?.role, 'parent');
    assert.deepEqual(ids(user.agents), [w.ce1a.id]);
    assert.equal(user.agents[0]?.href, `${base}/users/${w.ce1a.id}`);
    const pupil = await get(`/students/${w.ce1a.id}?fields=sourcedId,agents`, bearer);
    assert.deepEqual(Object.keys(pupil.body.user as object).sort(), ['agents', 'sourcedId']);
    assert.deepEqual(ids((pupil.body.user as { agents: unknown }).agents), [w.ce1aParent.id]);
    assert.equal((await get(`/students/${w.ce1aParent.id}`, bearer)).status, 404, 'a parent is not a student');
  });

  test('orgs: the school with its UAI and its municipality as district; never the other school', async () => {
    const res = await get('/orgs', bearer);
    const orgs = res.body.orgs as { sourcedId: string; type: string; identifier: string; parent?: { sourcedId: string }; children: unknown[] }[];
    assert.deepEqual(ids(orgs).sort(), [w.schoolA.id, municipalityId].sort());
    const school = orgs.find((o) => o.sourcedId === w.schoolA.id)!;
    assert.equal(school.identifier, w.schoolA.uai);
    assert.equal(school.parent?.sourcedId, municipalityId);
    assert.deepEqual(ids(orgs.find((o) => o.type === 'district')!.children), [w.schoolA.id]);
    assert.deepEqual(ids((await get('/schools', bearer)).body.orgs), [w.schoolA.id]);
    assert.equal((await get(`/schools/${w.schoolB.id}`, bearer)).status, 404);
  });

  test('classes, sessions and enrollments of the year; a foreign school’s class is a 404 and never listed', async () => {
    const classes = await get('/classes?sort=title&orderBy=desc', bearer);
    assert.deepEqual(ids(classes.body.classes), [w.cm2Class.id, w.ce1.id]);
    const ce1 = (classes.body.classes as { sourcedId: string; grades: string[]; classType: string }[]).find((c) => c.sourcedId === w.ce1.id)!;
    assert.deepEqual([ce1.grades, ce1.classType], [['02'], 'homeroom']);
    const sessions = await get('/academicSessions', bearer);
    assert.equal((sessions.body.academicSessions as unknown[]).length, 1);
    for (const url of [
      `/classes/${w.otherClass.id}`,
      `/classes/${w.otherClass.id}/students`,
      `/schools/${w.schoolB.id}/classes`,
      `/users/${w.otherStudent.id}`,
    ]) {
      const res = await get(url, bearer);
      assert.equal(res.status, 404, url);
      assert.equal(minor(res.body), 'unknownobject');
      assert.ok(!JSON.stringify(res.body).includes('Ailleurs'), `${url} shows nothing of the other school`);
    }
    const students = await get(`/classes/${w.ce1.id}/students`, bearer);
    assert.deepEqual(ids(students.body.users).sort(), [w.ce1a.id, w.ce1b.id].sort());
    const teachers = await get(`/schools/${w.schoolA.id}/teachers`, bearer);
    assert.ok(ids(teachers.body.users).includes(w.ce1Teacher.id), 'the school’s teachers');
    const enrollments = await get(`/schools/${w.schoolA.id}/enrollments?filter=${encodeURIComponent("role='teacher'")}`, bearer);
    assert.equal(enrollments.headers.get('x-total-count'), '3');
    const one = (enrollments.body.enrollments as { sourcedId: string }[])[0]!;
    assert.equal((await get(`/enrollments/${one.sourcedId}`, bearer)).status, 200);
    const all = await get('/enrollments?limit=1000', bearer);
    assert.ok(!JSON.stringify(all.body).includes(w.otherClass.id), 'no enrollment of the other school');
  });

  test('filter, sort and fields are checked: an unknown field is a 400 with the minor code', async () => {
    const filtered = await get(`/users?filter=${encodeURIComponent("familyName~'COLIER' OR givenName='Léa'")}`, bearer);
    assert.deepEqual(ids(filtered.body.users).sort(), [w.ce1a.id, w.ce1b.id, w.ce1bParent.id].sort());
    const bad = await get(`/users?filter=${encodeURIComponent("password='x'")}`, bearer);
    assert.equal(bad.status, 400);
    assert.equal(minor(bad.body), 'invalid_filter_field');
    assert.equal(minor((await get('/users?filter=role%3Dstudent', bearer)).body), 'invalid_filter_field');
    assert.equal(minor((await get('/users?sort=password', bearer)).body), 'invalid_sort_field');
    assert.equal(minor((await get('/users?fields=password', bearer)).body), 'invalid_selection_field');
    assert.equal(minor((await get('/users?limit=0', bearer)).body), 'invaliddata');
  });

  test('demographics need both the administrator’s flag and the scope: 403 otherwise', async () => {
    const refused = await get('/demographics', bearer);
    assert.equal(refused.status, 403);
    assert.equal(minor(refused.body), 'forbidden');
    const coreOnly = await token(sante, CORE_SCOPE);
    assert.equal((await get('/demographics', coreOnly.body.access_token!)).status, 403);
    const both = await token(sante);
    assert.equal(both.body.scope, `${CORE_SCOPE} ${DEMOGRAPHICS_SCOPE}`);
    const res = await get(`/demographics/${w.ce1a.id}`, both.body.access_token!);
    assert.equal(res.status, 200);
    assert.equal((res.body.demographics as { birthDate: string }).birthDate, '2018-03-14');
    const demoOnly = await token(sante, DEMOGRAPHICS_SCOPE);
    assert.equal((await get('/users', demoOnly.body.access_token!)).status, 403, 'the core scope is needed for rosters');
  });

  test('every request is audited with the partner; a revoked partner gets nothing more', async () => {
    const rows = await t.app.db.selectFrom('auditLog').select(['action', 'details']).where('action', '=', 'oneroster.read').execute();
    const mine = rows
      .map((r) => JSON.parse(r.details ?? '{}') as { clientId: string | null; url: string; status: number })
      .filter((d) => d.clientId === manuels.client_id);
    assert.ok(
      mine.some((d) => d.url.includes(`/classes/${w.otherClass.id}`) && d.status === 404),
      'the refused read is in the audit log',
    );
    const revoked = JSON.parse(await runOnerosterCommand(t.app, ['client', 'revoke', manuels.client_id])) as { revoked: boolean };
    assert.equal(revoked.revoked, true);
    assert.equal((await get('/users', bearer)).status, 401);
    assert.equal((await token(manuels)).status, 401);
    const listed = JSON.parse(await runOnerosterCommand(t.app, ['client', 'list'])) as { id: string; revokedAt: string | null }[];
    assert.ok(listed.find((c) => c.id === manuels.client_id)?.revokedAt, 'the list shows the revocation');
  });
});
