import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, equipmentWorld, reportFault } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
});
after(() => t.close());

type TargetsOut = { ages: Record<string, number>; resolutionDays: Record<string, number>; isDefault: boolean };
const stored = async () => (await t.app.db.selectFrom('equipmentTargets').selectAll().execute()).length;

describe('the municipality’s renewal ages and resolution targets', () => {
  test('the defaults, then the technician’s: the renewal plan and new tickets follow them', async () => {
    const tech = await as(w.technician.id);
    const url = `/api/equipment/municipalities/${w.town.id}/targets`;
    const defaults = (await request(t.app, tech, 'GET', url)).json() as TargetsOut;
    assert.equal(defaults.isDefault, true, 'the defaults at first');
    assert.equal(defaults.ages.laptop, 5, 'a laptop lasts five years');
    assert.equal(defaults.ages.desktop, 6, 'a desktop six');
    assert.equal(defaults.resolutionDays.tablet, 5, 'a tablet is fixed within five days');
    assert.equal(defaults.ages.cart, undefined, 'a cart has no age');

    await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', purchaseDate: '2024-09-02', priceCents: 80_000 });
    const plan = async () =>
      ((await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/renewal`)).json() as { years: { year: number; count: number }[] }).years;
    assert.equal((await plan()).find((y) => y.year === 2029)?.count, 1, 'bought in 2024, renewed in 2029 by default');

    const body = { ages: { ...defaults.ages, laptop: 4 }, resolutionDays: { ...defaults.resolutionDays, tablet: 2 } };
    for (const who of [w.director.id, w.otherTechnician.id, w.ce1aParent.id]) {
      const res = await request(t.app, await as(who), 'PUT', url, body);
      assert.equal(res.statusCode, 404, `refused to ${who}`);
    }
    const bad = await request(t.app, tech, 'PUT', url, { ...body, ages: { ...body.ages, laptop: 0 } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /laptop/, 'the refusal names the category');
    const missing = await request(t.app, tech, 'PUT', url, { ages: body.ages, resolutionDays: { tablet: 2 } });
    assert.equal(missing.statusCode, 400, 'every category is given');
    assert.equal(await stored(), 0, 'nothing stored');

    const ok = await request(t.app, tech, 'PUT', url, body);
    assert.equal(ok.statusCode, 200, ok.body);
    const after = (await request(t.app, tech, 'GET', url)).json() as TargetsOut;
    assert.equal(after.isDefault, false, 'the municipality’s own');
    assert.equal(after.ages.laptop, 4, 'saved');
    const years = await plan();
    assert.equal(years.find((y) => y.year === 2028)?.count, 1, 'the laptop now falls due in 2028');
    assert.equal(years.find((y) => y.year === 2029)?.count, 0, 'no longer in 2029');

    const tablet = await buildAsset(t.app.db, w.schoolA.id, { category: 'tablet' });
    const ticketId = await reportFault(t.app, await as(w.ce1Teacher.id), tablet.id, 'L’écran ne s’allume plus.');
    const ticket = (await request(t.app, tech, 'GET', `/api/equipment/tickets/${ticketId}`)).json() as { ticket: { dueAt: string } };
    assert.equal(ticket.ticket.dueAt, '2027-03-17T09:00:00.000Z', 'a tablet within two days now');

    const otherTown = (
      await request(t.app, await as(w.otherTechnician.id), 'GET', `/api/equipment/municipalities/${w.otherTown.id}/targets`)
    ).json() as TargetsOut;
    assert.equal(otherTown.ages.laptop, 5, 'another municipality keeps its defaults');
  });

  test('the page: the form comes back with its messages and typed values, nothing stored', async () => {
    const tech = await as(w.otherTechnician.id);
    const page = `/equipment/municipalities/${w.otherTown.id}/targets`;
    const shown = await request(t.app, tech, 'GET', page);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.match(shown.body, /name="ages.laptop"[^>]*value="5"/, 'the laptop’s default age');
    const before = await stored();
    const fields = Object.fromEntries([...shown.body.matchAll(/name="((?:ages|resolutionDays)\.[a-zA-Z]+)"[^>]*value="(\d+)"/g)].map((m) => [m[1]!, m[2]!]));
    assert.ok(Object.keys(fields).length > 20, 'every field is on the page');
    const bad = form({ _csrf: tech.csrf, ...fields, 'ages.tablet': 'quatre', 'resolutionDays.room': '90' });
    const res = await request(t.app, tech, 'POST', page, bad.payload, { headers: bad.headers });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /Un nombre entier d’années, de 1 à 20/, 'the age message');
    assert.match(res.body, /Un nombre entier de jours, de 1 à 60/, 'the delay message');
    assert.match(res.body, /value="quatre"/, 'the typed value');
    assert.equal(await stored(), before, 'nothing stored');
    const good = form({ _csrf: tech.csrf, ...fields, 'ages.tablet': '3' });
    const saved = await request(t.app, tech, 'POST', page, good.payload, { headers: good.headers });
    assert.equal(saved.statusCode, 303, saved.body);
    const row = await t.app.db.selectFrom('equipmentTargets').select('ages').where('municipalityId', '=', w.otherTown.id).executeTakeFirstOrThrow();
    assert.equal((JSON.parse(row.ages) as Record<string, number>).tablet, 3, 'saved from the form');
    const director = await request(t.app, await as(w.director.id), 'GET', page);
    assert.equal(director.statusCode, 404, 'a director has no such page');
  });
});
