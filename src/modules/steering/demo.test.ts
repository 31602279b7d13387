import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../app.js';
import { verifyPassword } from '../../kernel/auth/password.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildLink, buildPerson, buildWorld, type World } from '../directory/testing.js';
import { DEMO_INSPECTOR_LOGIN, seedSteeringDemo, steeringDemoLogins } from './demo.js';
import { rollUp } from './rollup.js';

/** The steering demo on a school of fifty families: the inspector's login and a year of figures. */
const clock = new TestClock('2027-03-16T10:00:00Z');
const PASSWORD = 'mot-de-passe-de-demo';
let t: TestApp;
let w: World;
let parentId = '';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  for (let i = 0; i < 50; i++) {
    const pupil = await buildPerson(t.app.db, { profile: 'student', structureId: w.schoolA.id });
    const parent = await buildPerson(t.app.db, { profile: 'relative', structureId: w.schoolA.id });
    await buildLink(t.app.db, parent.id, pupil.id);
    parentId = parent.id;
  }
  for (let i = 0; i < 10; i++) await buildPerson(t.app.db, { profile: 'teacher', structureId: w.schoolA.id });
  await seedSteeringDemo(t.app, PASSWORD);
});
after(() => t.close());

const monthly = (month: string, profile: string) =>
  t.app.db
    .selectFrom('steeringMonthly')
    .select('people')
    .where('structureId', '=', w.schoolA.id)
    .where('month', '=', month)
    .where('profile', '=', profile)
    .where('service', '=', '*')
    .executeTakeFirst()
    .then((r) => r?.people ?? 0);

test('the inspector signs in with the demo password and opens the circonscription of both schools', async () => {
  assert.deepEqual(
    (await steeringDemoLogins(t.app, PASSWORD)).map((l) => l.login),
    [DEMO_INSPECTOR_LOGIN],
    'the login is printed',
  );
  const inspector = await t.app.db
    .selectFrom('people')
    .select(['id', 'profile', 'passwordHash'])
    .where('login', '=', DEMO_INSPECTOR_LOGIN)
    .executeTakeFirstOrThrow();
  assert.equal(inspector.profile, 'personnel', 'an inspector is staff');
  assert.equal(await verifyPassword(inspector.passwordHash, PASSWORD), true, 'with the demo password');
  const as = await loginAs(t.app, inspector.id);
  const list = (await request(t.app, as, 'GET', '/api/steering/dashboards')).json();
  assert.deepEqual(
    list.items.map((i: { name: string }) => i.name),
    ['Circonscription de Beaulieu'],
    'their circonscription',
  );
  const d = await request(t.app, as, 'GET', `/api/steering/structures/${list.items[0].id}`);
  assert.equal(d.statusCode, 200, d.body);
  assert.deepEqual(
    d
      .json()
      .schools.map((s: { name: string }) => s.name)
      .sort(),
    [w.schoolA.name, w.schoolB.name].sort(),
    'both schools are covered',
  );
  const parents = d.json().active.find((s: { profile: string }) => s.profile === 'relative');
  assert.equal(parents?.values.length, 12, 'twelve months of parents');
  assert.ok(
    parents.values.filter((v: unknown) => typeof v === 'number' && v >= 20).length >= 9,
    `most months show tens of parents: ${parents.values.join(', ')}`,
  );
  assert.equal((await request(t.app, as, 'GET', `/api/steering/structures/${w.schoolA.id}`)).statusCode, 200, 'and a school of it');
});

test('a year of daily figures: quieter on Sundays and in August than in term', async () => {
  const days = await t.app.db
    .selectFrom('steeringDaily')
    .select(['day', 'people'])
    .where('structureId', '=', w.schoolA.id)
    .where('profile', '=', 'relative')
    .where('service', '=', '*')
    .execute();
  assert.ok(days.length >= 250, `most days of the year have parents (${days.length})`);
  assert.ok(
    days.every((d) => d.day >= '2026-03-16' && d.day < '2027-03-16'),
    'the last twelve months up to yesterday',
  );
  const on = (day: string) => days.find((d) => d.day === day)?.people ?? 0;
  // Tuesday 9 and Sunday 14 March 2027, in term.
  assert.ok(on('2027-03-09') > 2 * on('2027-03-14'), `a Tuesday (${on('2027-03-09')}) is busier than a Sunday (${on('2027-03-14')})`);
  assert.ok((await monthly('2026-08', 'relative')) * 3 < (await monthly('2026-10', 'relative')), 'August is quiet');
});

test('no month counts fewer people than its busiest day', async () => {
  const month = sql<string>`substr(day, 1, 7)`;
  const busiest = await t.app.db
    .selectFrom('steeringDaily')
    .select(['structureId', 'profile', 'service', month.as('month'), (eb) => eb.fn.max('people').as('people')])
    .groupBy(['structureId', 'profile', 'service', month])
    .execute();
  const months = await t.app.db.selectFrom('steeringMonthly').selectAll().execute();
  assert.ok(months.length > 100, `monthly rows written (${months.length})`);
  for (const b of busiest) {
    const m = months.find((r) => r.structureId === b.structureId && r.profile === b.profile && r.service === b.service && r.month === b.month);
    if (b.month === '2026-03') continue; // the window starts mid-March 2026: not on the dashboards
    assert.ok(m && m.people >= Number(b.people), `${b.month} ${b.profile} ${b.service}: ${m?.people} ≥ ${b.people}`);
  }
});

test('the running month is rolled up like visits: a real visit adds to it', async () => {
  const before = await monthly('2027-03', 'relative');
  assert.ok(before >= 20, `this month’s parents so far (${before})`);
  const res = await request(t.app, await loginAs(t.app, parentId), 'GET', '/homework');
  assert.ok(res.statusCode < 400, `the parent opens the cahier de textes (${res.statusCode})`);
  await t.app.activity.flush();
  await rollUp(t.app.db, clock.now());
  assert.equal(await monthly('2027-03', 'relative'), before + 1, 'one more parent this month');
});
