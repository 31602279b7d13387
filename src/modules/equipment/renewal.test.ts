import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, equipmentWorld, reportFault } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);
let flaky: string;

interface Plan {
  years: { year: number; count: number; cost: number; unpriced: number; byCategory: Record<string, number> }[];
  schools: { id: string; name: string }[];
  undated: number;
  repeated: { id: string; faults: number }[];
}

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
  const a = w.schoolA.id;
  await buildAsset(t.app.db, a, { category: 'laptop', purchaseDate: '2020-09-01', priceCents: 80_000 }); // due 2025: late, so 2027
  await buildAsset(t.app.db, a, { category: 'tablet', purchaseDate: '2023-10-01', priceCents: null }); // due 2027, no price
  await buildAsset(t.app.db, a, { category: 'desktop', purchaseDate: '2022-01-10', priceCents: 60_000 }); // due 2028
  await buildAsset(t.app.db, a, { category: 'interactiveBoard', purchaseDate: '2021-05-01', priceCents: 300_000 }); // due 2029
  await buildAsset(t.app.db, a, { category: 'projector', purchaseDate: '2026-01-01', priceCents: 50_000 }); // due 2033: beyond the plan
  await buildAsset(t.app.db, a, { category: 'printer', purchaseDate: '2015-01-01', priceCents: 40_000, status: 'retired' });
  await buildAsset(t.app.db, a, { category: 'speakers', purchaseDate: null });
  flaky = (
    await buildAsset(t.app.db, a, { category: 'visualiser', brand: 'Lumens', model: 'DC125', inventoryNumber: 'TIL-VIS-02', purchaseDate: '2025-09-01' })
  ).id;
  await buildAsset(t.app.db, w.schoolB.id, { category: 'laptop', purchaseDate: '2019-01-01', priceCents: 99_900 });
  const teacher = await as(w.ce1Teacher.id);
  for (const what of ['L’image tremble.', 'Plus d’image du tout.', 'La lampe a grillé.']) {
    await reportFault(t.app, teacher, flaky, what);
    clock.advance(3_600_000);
  }
});
after(() => t.close());

describe('equipment renewal plan', () => {
  test('devices fall due from their purchase year and category age; late ones count now; retired, undated and later ones aside', async () => {
    const res = await request(t.app, await as(w.technician.id), 'GET', `/api/equipment/schools/${w.schoolA.id}/renewal`);
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json() as Plan;
    assert.deepEqual(
      plan.years.map((y) => [y.year, y.count, y.cost, y.unpriced]),
      [
        [2027, 2, 800, 1],
        [2028, 1, 600, 0],
        [2029, 1, 3000, 0],
        [2030, 0, 0, 0],
        [2031, 1, 0, 1],
      ],
      'five years from this one (the visualiser bought in 2025 is due in 2031, without a price)',
    );
    assert.deepEqual(plan.years[0]!.byCategory, { laptop: 1, tablet: 1 }, 'per category');
    assert.equal(plan.undated, 1, 'the speakers have no purchase date');
    assert.deepEqual(
      plan.repeated.map((r) => [r.id, r.faults]),
      [[flaky, 3]],
      'three faults in a year flag the visualiser, however young',
    );
  });

  test('a school’s plan is read by its director and its municipality’s agents only', async () => {
    const url = `/api/equipment/schools/${w.schoolA.id}/renewal`;
    assert.equal((await request(t.app, await as(w.director.id), 'GET', url)).statusCode, 200, 'the director');
    for (const [who, id] of [
      ['a teacher', w.ce1Teacher.id],
      ['another municipality’s agent', w.otherTechnician.id],
      ['another school’s teacher', w.otherTeacher.id],
      ['a parent', w.ce1aParent.id],
    ] as const) {
      const res = await request(t.app, await as(id), 'GET', url);
      assert.equal(res.statusCode, 404, `${who}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /2027/, `${who} reads no figure`);
    }
  });

  test('the municipality’s plan covers its own schools only; others are refused', async () => {
    const mine = (await request(t.app, await as(w.technician.id), 'GET', '/api/equipment/renewal')).json() as Plan;
    assert.deepEqual(
      mine.schools.map((s) => s.id),
      [w.schoolA.id],
      'Ville des Tilleuls has school A',
    );
    assert.equal(mine.years[0]!.count, 2, 'the other town’s laptop is not counted');
    const theirs = (await request(t.app, await as(w.otherTechnician.id), 'GET', '/api/equipment/renewal')).json() as Plan;
    assert.deepEqual(
      theirs.years.map((y) => y.count),
      [1, 0, 0, 0, 0],
      'the other town sees its own laptop only',
    );
    const director = await request(t.app, await as(w.director.id), 'GET', '/api/equipment/renewal');
    assert.equal(director.statusCode, 403, 'a director has the school’s plan, not the town’s');
  });

  test('the pages and the CSV show the same figures; the asset page flags repeated faults', async () => {
    const tech = await as(w.technician.id);
    const page = await request(t.app, tech, 'GET', '/equipment/renewal', undefined, { headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Plan de renouvellement/, 'the title');
    assert.match(page.body, /Lumens DC125/, 'the flaky visualiser is listed');
    const csv = await request(t.app, tech, 'GET', `/equipment/schools/${w.schoolA.id}/renewal.csv`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.headers['content-type'] as string, /text\/csv/, 'a CSV');
    assert.match(csv.body, /École;Année;Équipements;Coût estimé \(€\)/, 'the header');
    assert.match(csv.body, /;2027;2;800\r\n/, 'this year’s line');
    assert.match(csv.body, /;2029;1;3000\r\n/, 'the board’s line');
    const asset = await request(t.app, tech, 'GET', `/equipment/assets/${flaky}`, undefined, { headers: { accept: 'text/html' } });
    assert.match(asset.body, /Pannes répétées : 3\u00a0signalements en un an/, 'the asset page says so');
    const teacherCsv = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/equipment/schools/${w.schoolA.id}/renewal.csv`);
    assert.equal(teacherCsv.statusCode, 404, 'a teacher gets no CSV');
  });
});

describe('warranty alerts', () => {
  test('the technician is told once, three months before a warranty ends; a new end date is told again', async () => {
    const soon = await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', warrantyEnd: '2027-05-20' });
    await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', warrantyEnd: '2027-05-31' });
    await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', warrantyEnd: '2027-09-01' }); // more than three months away
    await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', warrantyEnd: '2027-05-01', status: 'retired' });
    const notices = () =>
      t.app.db.selectFrom('notifications').select(['recipientId', 'title']).where('kind', '=', 'equipment.warranty').orderBy('createdAt').execute();
    await t.app.jobs.runDue();
    assert.deepEqual(
      await notices(),
      [{ recipientId: w.technician.id, title: '2\u00a0équipements arrivent en fin de garantie d’ici trois mois.' }],
      'one notice for the two laptops, to Ville des Tilleuls’s technician only',
    );
    clock.advance(24 * 3_600_000);
    await t.app.jobs.runDue();
    assert.equal((await notices()).length, 1, 'not told again the next day');
    await t.app.db.updateTable('equipmentAssets').set({ warrantyEnd: '2027-06-01' }).where('id', '=', soon.id).execute();
    clock.advance(24 * 3_600_000);
    await t.app.jobs.runDue();
    const after = await notices();
    assert.equal(after.length, 2, 'a corrected end date is told again');
    assert.equal(after[1]!.title, '1\u00a0équipement arrive en fin de garantie d’ici trois mois.', 'singular');
  });
});
