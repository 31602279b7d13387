import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { equipmentWorld } from '../equipment/testing.js';
import { rollUp } from './rollup.js';
import { attachToInspection, buildInspection, buildInspector, seedMonthly } from './testing.js';

const clock = new TestClock('2027-03-15T10:00:00Z');
let t: TestApp;
let app: FastifyInstance;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
let circo: { id: string };
let as: Record<'director' | 'otherDirector' | 'technician' | 'otherTechnician' | 'inspector' | 'otherInspector' | 'ce1Teacher' | 'ce1aParent', Session>;

/** Every number a dashboard's JSON holds: none may be a count under five. */
function peopleCounts(d: any): unknown[] {
  return [
    ...d.active.flatMap((s: any) => s.values),
    ...d.schools.map((s: any) => s.people),
    d.schoolsTotal,
    ...d.adoption.profiles.flatMap((p: any) => [p.accounts, p.activated]),
    ...d.adoption.classes.flatMap((c: any) => [c.accounts, c.activated]),
    ...d.services.map((s: any) => s.people),
    d.families.reached,
    d.families.total,
  ].filter((v) => v !== null);
}

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  app = t.app;
  w = await equipmentWorld(app.db);
  circo = await buildInspection(app.db, { name: 'Circonscription Nord' });
  const otherCirco = await buildInspection(app.db, { name: 'Circonscription Sud' });
  await attachToInspection(app.db, w.schoolA.id, circo.id);
  await attachToInspection(app.db, w.schoolB.id, otherCirco.id);
  const inspector = await buildInspector(app.db, circo.id, { firstName: 'Inès', lastName: 'Inspectrice' });
  const otherInspector = await buildInspector(app.db, otherCirco.id, { firstName: 'Igor', lastName: 'Inspecteur' });
  const otherDirector = await buildPerson(app.db, { profile: 'teacher', structureId: w.schoolB.id, roles: ['director'] });
  as = {
    director: await loginAs(app, w.director.id),
    otherDirector: await loginAs(app, otherDirector.id),
    technician: await loginAs(app, w.technician.id),
    otherTechnician: await loginAs(app, w.otherTechnician.id),
    inspector: await loginAs(app, inspector.id),
    otherInspector: await loginAs(app, otherInspector.id),
    ce1Teacher: await loginAs(app, w.ce1Teacher.id),
    ce1aParent: await loginAs(app, w.ce1aParent.id),
  };
});
after(async () => t.close());

describe('recording and rollup', () => {
  test('signed-in requests are counted per school, profile and service, with no person id kept', async () => {
    const a = await request(app, as.ce1Teacher, 'GET', '/homework');
    assert.ok(a.statusCode < 400, `the teacher opens the cahier de textes (${a.statusCode})`);
    await request(app, as.ce1aParent, 'GET', '/homework');
    await request(app, as.ce1aParent, 'GET', '/');
    await app.activity.flush();
    const raw = await app.db.selectFrom('steeringRawDays').selectAll().execute();
    assert.ok(raw.length >= 3, `raw rows written (${raw.length})`);
    const ids = [w.ce1Teacher.id, w.ce1aParent.id, w.ce1a.id];
    const everything = JSON.stringify([
      raw,
      await app.db.selectFrom('steeringRawMonths').selectAll().execute(),
      await app.db.selectFrom('steeringRawFamilies').selectAll().execute(),
    ]);
    for (const id of ids) assert.ok(!everything.includes(id), 'no person id in the raw tables');
    assert.equal(
      await app.db
        .selectFrom('steeringRawFamilies')
        .select('familyHash')
        .execute()
        .then((r) => r.length),
      1,
      'the parent’s visit reaches one family',
    );

    await rollUp(app.db, clock.now());
    const daily = await app.db.selectFrom('steeringDaily').selectAll().where('structureId', '=', w.schoolA.id).execute();
    const homework = daily.filter((r) => r.service === 'homework');
    assert.deepEqual(
      homework.map((r) => [r.profile, r.people]).sort(),
      [
        ['relative', 1],
        ['teacher', 1],
      ],
      'one teacher and one parent in the cahier de textes',
    );
    assert.equal(daily.find((r) => r.service === '*' && r.profile === 'relative')?.people, 1, 'the parent counts once over every service');
    const monthly = await app.db.selectFrom('steeringMonthly').selectAll().where('structureId', '=', w.schoolA.id).where('service', '=', '*').execute();
    assert.equal(monthly.length, 2, 'two profiles this month');
    const families = await app.db.selectFrom('steeringFamilies').selectAll().where('structureId', '=', w.schoolA.id).executeTakeFirst();
    assert.deepEqual([families?.reached, families?.total], [1, 3], 'one family out of three reached');
  });

  test('a closed day and month lose their raw rows and secrets; the counts stay', async () => {
    clock.set('2027-04-02T10:00:00Z');
    try {
      await rollUp(app.db, clock.now());
      assert.equal((await app.db.selectFrom('steeringRawDays').selectAll().execute()).length, 0, 'raw days deleted');
      assert.equal((await app.db.selectFrom('steeringRawMonths').selectAll().execute()).length, 0, 'raw months deleted');
      assert.equal((await app.db.selectFrom('steeringSecrets').selectAll().execute()).length, 0, 'secrets deleted');
      const march = await app.db.selectFrom('steeringMonthly').selectAll().where('month', '=', '2027-03').execute();
      assert.ok(march.length > 0, 'March’s counts kept');
    } finally {
      clock.set('2027-03-15T10:00:00Z');
    }
  });

  test('an action named by its route is counted when it succeeds', async () => {
    app.activity.record({ structureId: w.schoolA.id, profile: 'teacher', service: 'homework', action: 'homework.lesson.published' });
    app.activity.record({ structureId: w.schoolA.id, profile: 'teacher', service: 'homework', action: 'homework.lesson.published' });
    await app.activity.flush();
    const row = await app.db.selectFrom('steeringActions').selectAll().where('action', '=', 'homework.lesson.published').executeTakeFirst();
    assert.equal(row?.n, 2, 'two lessons counted in one row');
  });
});

describe('dashboards', () => {
  before(async () => {
    const months = ['2026-04', '2026-05', '2027-02', '2027-03'];
    await app.db.deleteFrom('steeringMonthly').execute();
    await seedMonthly(app.db, [
      ...months.map((month, i) => ({ month, structureId: w.schoolA.id, profile: 'relative', people: 20 + i })),
      ...months.map((month) => ({ month, structureId: w.schoolA.id, profile: 'teacher', people: 3 })),
      { month: '2027-03', structureId: w.schoolB.id, profile: 'relative', people: 2 },
    ]);
  });

  test('a director reads their school; another school’s director, a teacher and a parent do not', async () => {
    const mine = await request(app, as.director, 'GET', `/api/steering/structures/${w.schoolA.id}`);
    assert.equal(mine.statusCode, 200, mine.body);
    const d = mine.json();
    assert.equal(d.active.find((s: any) => s.profile === 'relative').values.at(-1), 23, 'March’s parents');
    assert.equal(d.active.find((s: any) => s.profile === 'teacher').values.at(-1), '< 5', 'three teachers are shown as < 5');
    for (const who of [as.otherDirector, as.ce1Teacher, as.ce1aParent]) {
      const res = await request(app, who, 'GET', `/api/steering/structures/${w.schoolA.id}`);
      assert.equal(res.statusCode, 404, 'refused');
      assert.ok(!res.body.includes('Tilleuls'), 'nothing of the school in the body');
    }
  });

  test('a dashboard never shows a number under 5: JSON, page and CSV', async () => {
    for (const [who, id] of [
      [as.director, w.schoolA.id],
      [as.technician, w.town.id],
      [as.inspector, circo.id],
    ] as const) {
      const d = (await request(app, who, 'GET', `/api/steering/structures/${id}`)).json();
      for (const v of peopleCounts(d)) assert.ok(v === '< 5' || (typeof v === 'number' && v >= 5), `a count of people is ${JSON.stringify(v)}`);
      const html = (await request(app, who, 'GET', `/steering/structures/${id}`)).body;
      assert.doesNotMatch(html, /<td>[0-4]<\/td>/, 'no cell under 5 on the page');
      const csv = (await request(app, who, 'GET', `/steering/structures/${id}/active.csv`)).body;
      assert.doesNotMatch(csv, /;[0-4](\r|;)/, 'no cell under 5 in the CSV');
      assert.match(csv, /< 5/, 'masked cells say < 5');
    }
  });

  test('a municipality’s agent sees its schools only; a total never gives a masked school back', async () => {
    const res = await request(app, as.technician, 'GET', `/api/steering/structures/${w.town.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.deepEqual(
      d.schools.map((s: any) => s.name),
      ['École des Tilleuls'],
      'school A only',
    );
    assert.equal((await request(app, as.otherTechnician, 'GET', `/api/steering/structures/${w.town.id}`)).statusCode, 404, 'another town’s agent is refused');
    assert.equal((await request(app, as.technician, 'GET', `/api/steering/structures/${w.schoolB.id}`)).statusCode, 404, 'a school of another town is refused');
    assert.equal((await request(app, as.technician, 'GET', `/api/steering/structures/${w.schoolA.id}`)).statusCode, 200, 'its own school opens');
  });

  test('an inspector sees the schools of their circonscription only', async () => {
    await attachToInspection(app.db, w.schoolB.id, circo.id);
    try {
      const d = (await request(app, as.inspector, 'GET', `/api/steering/structures/${circo.id}`)).json();
      assert.deepEqual(d.schools.map((s: any) => s.name).sort(), ['École des Tilleuls', 'École du Port'], 'both schools of the circonscription');
      // School B has 2 parents (masked): school A's 23 + 3 must not be shown beside a total.
      const shown = d.schools.map((s: any) => s.people);
      assert.deepEqual(shown, ['< 5', '< 5'], 'the second school is masked too, or the total would give the first back');
      assert.equal(d.schoolsTotal, 28, 'the total stays');
    } finally {
      const other = await app.db.selectFrom('structures').select('id').where('name', '=', 'Circonscription Sud').executeTakeFirstOrThrow();
      await attachToInspection(app.db, w.schoolB.id, other.id);
    }
    assert.equal((await request(app, as.otherInspector, 'GET', `/api/steering/structures/${circo.id}`)).statusCode, 404, 'another circonscription’s inspector');
    assert.equal((await request(app, as.otherInspector, 'GET', `/api/steering/structures/${w.schoolA.id}`)).statusCode, 404, 'nor its schools');
    assert.equal(
      (await request(app, as.inspector, 'GET', `/api/steering/structures/${w.schoolA.id}`)).statusCode,
      200,
      'the inspector opens a school of theirs',
    );
    assert.equal((await request(app, as.inspector, 'GET', `/api/steering/structures/${w.town.id}`)).statusCode, 404, 'not the municipality');
  });

  test('the index lists what each person may open', async () => {
    const list = (who: Session) => request(app, who, 'GET', '/api/steering/dashboards').then((r) => r.json().items.map((i: any) => i.name));
    assert.deepEqual(await list(as.director), ['École des Tilleuls'], 'the director');
    assert.deepEqual(await list(as.technician), ['Ville des Tilleuls'], 'the town’s agent');
    assert.deepEqual(await list(as.inspector), ['Circonscription Nord'], 'the inspector');
    assert.deepEqual(await list(as.ce1Teacher), [], 'a teacher has none');
    const page = await request(app, as.director, 'GET', `/steering/structures/${w.schoolA.id}`);
    assert.equal(page.statusCode, 200, 'the page');
    assert.match(page.body, /<svg[^>]+role="img"/, 'the chart is drawn on the server');
    assert.match(page.body, /collège connecté/, 'the label checklist');
  });

  test('an unknown chart is a 400 naming the field', async () => {
    const res = await request(app, as.director, 'GET', `/api/steering/structures/${w.schoolA.id}/nothing.csv`);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /chart/, 'the field is named');
    const school = await buildSchool(app.db, { name: 'École fantôme' });
    assert.equal((await request(app, as.director, 'GET', `/api/steering/structures/${school.id}`)).statusCode, 404, 'a school without them');
  });
});
