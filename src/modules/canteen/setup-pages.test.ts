import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { buildService, canteenWorld, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
const start = Number(year.slice(0, 4));
let agent: Session;
let serviceId: string;

const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  agent = await loginAs(t.app, w.agent.id);
  serviceId = (
    await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, label: 'Cantine des Tilleuls', capacity: 80 })
  ).id;
});
after(() => t.close());

describe('service and terms forms', () => {
  test('the service form shows the service; a bad value comes back with the message and what was typed; a good one saves', async () => {
    const url = `/canteen/services/${serviceId}/edit`;
    const other = await request(t.app, await loginAs(t.app, w.otherAgent.id), 'GET', url);
    assert.equal(other.statusCode, 404);
    assert.ok(!other.body.includes('Cantine des Tilleuls'), 'nothing of the service for another municipality’s agent');
    const page = await request(t.app, agent, 'GET', url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Cantine des Tilleuls"/);
    assert.match(page.body, /value="80"/);
    const fields = {
      kind: 'canteen',
      label: 'Cantine du midi',
      weekdays: ['1', '2', '4', '5'],
      capacity: '0',
      period: 'term',
      bookingKind: 'dayBefore',
      bookingTime: '18:00',
      cancelKind: 'workingDays',
      cancelDays: '2',
      cancelTime: '23:59',
    };
    const bad = await post(agent, `/canteen/services/${serviceId}`, fields);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entre 1 et 5\u00a0000 places|Entre 1 et 5 000 places/);
    assert.match(bad.body, /value="Cantine du midi"/, 'what was typed is shown again');
    const unchanged = await t.app.db.selectFrom('canteenServices').select(['label', 'capacity']).where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.deepEqual(unchanged, { label: 'Cantine des Tilleuls', capacity: 80 }, 'nothing stored');
    const ok = await post(agent, `/canteen/services/${serviceId}`, { ...fields, capacity: '120', waitingList: 'on' });
    assert.equal(ok.statusCode, 303, ok.body);
    const row = await t.app.db.selectFrom('canteenServices').selectAll().where('id', '=', serviceId).executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.label, row.capacity, row.waitingList, JSON.parse(row.cancellationRule)],
      ['Cantine du midi', 120, 1, { kind: 'workingDays', days: 2, time: '23:59' }],
    );
  });

  test('the terms form: the usual trimesters to start with; overlaps and days outside the year are refused by line; good terms are saved', async () => {
    const url = `/canteen/municipalities/${w.town.id}/terms`;
    const page = await request(t.app, agent, 'GET', url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="1er trimestre"/);
    const other = await post(await loginAs(t.app, w.otherAgent.id), url, { t0label: 'Intrus', t0startsOn: `${start}-09-01`, t0endsOn: `${start}-10-01` });
    assert.equal(other.statusCode, 404);
    const bad = await post(agent, url, {
      t0label: 'Automne',
      t0startsOn: `${start}-09-01`,
      t0endsOn: `${start}-12-18`,
      t2label: 'Hiver',
      t2startsOn: `${start}-12-01`,
      t2endsOn: `${start + 1}-09-15`,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ce trimestre commence avant la fin du précédent/);
    assert.match(bad.body, new RegExp(`pas dans l’année scolaire ${year}`));
    assert.match(bad.body, /id="field-t2startsOn-error"/, 'the message sits by the line the agent typed');
    assert.match(bad.body, /value="Hiver"/);
    const none = await t.app.db.selectFrom('canteenTerms').selectAll().execute();
    assert.equal(none.length, 0, 'nothing stored');
    const ok = await post(agent, url, {
      t0label: 'Automne',
      t0startsOn: `${start}-09-01`,
      t0endsOn: `${start}-12-18`,
      t1label: 'Hiver',
      t1startsOn: `${start + 1}-01-04`,
      t1endsOn: `${start + 1}-04-02`,
      t2label: 'Printemps',
      t2startsOn: `${start + 1}-04-19`,
      t2endsOn: `${start + 1}-07-03`,
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const api = await request(t.app, agent, 'GET', `/api/canteen/municipalities/${w.town.id}/terms`);
    assert.deepEqual(
      api.json().map((x: { label: string }) => x.label),
      ['Automne', 'Hiver', 'Printemps'],
    );
  });
});
