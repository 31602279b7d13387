import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass } from '../directory/testing.js';
import { buildPlace, createAssetAs, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
let tech: Session;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);
const countAssets = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('equipmentAssets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
  tech = await as(w.technician.id);
});
after(() => t.close());

describe('equipment inventory', () => {
  test('without a session the API answers 401 and the pages send to the login page', async () => {
    const api = await request(t.app, null, 'GET', `/api/equipment/schools/${w.schoolA.id}/assets`);
    assert.equal(api.statusCode, 401, 'the API needs a session');
    const page = await request(t.app, null, 'GET', '/equipment');
    assert.equal(page.statusCode, 303, 'a page sends to the login page');
  });

  test('another municipality’s technician, pupils and parents see nothing of the school', async () => {
    await createAssetAs(t.app, tech, w.schoolA.id, { category: 'desktop', brand: 'Lenovo', model: 'ThinkCentre M70q', inventoryNumber: 'TIL-CACHE' });
    for (const [who, expected] of [
      [w.otherTechnician.id, 404],
      [w.otherTeacher.id, 404],
      [w.ce1a.id, 404],
      [w.ce1aParent.id, 404],
    ] as const) {
      const res = await request(t.app, await as(who), 'GET', `/api/equipment/schools/${w.schoolA.id}/assets`);
      assert.equal(res.statusCode, expected, `school A's inventory is hidden from ${who}`);
      assert.ok(!res.body.includes('TIL-CACHE'), 'nothing leaks');
    }
    const list = await request(t.app, await as(w.otherTechnician.id), 'GET', '/api/equipment/assets');
    assert.equal(list.statusCode, 200, 'the other technician has their own list');
    assert.ok(!list.body.includes('TIL-CACHE'), 'the other municipality’s list leaves school A out');
    const write = await request(t.app, await as(w.director.id), 'POST', `/api/equipment/schools/${w.schoolA.id}/assets`, { category: 'tablet' });
    assert.equal(write.statusCode, 404, 'the director reads the inventory but the municipality keeps it');
  });

  test('the technician enters places, a cart with its tablets, and every change goes to the history', async () => {
    const cm2 = w.cm2Class;
    const building = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/places`, { kind: 'building', name: 'Bâtiment principal' });
    assert.equal(building.statusCode, 201, building.body);
    const room = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/places`, {
      kind: 'room',
      name: 'Salle 4',
      buildingId: (building.json() as { id: string }).id,
      groupId: cm2.id,
    });
    assert.equal(room.statusCode, 201, room.body);
    const roomId = (room.json() as { id: string }).id;
    const places = await request(t.app, await as(w.cm2Teacher.id), 'GET', `/api/equipment/schools/${w.schoolA.id}/places`);
    const salle = (places.json() as { items: { name: string; className: string | null }[] }).items.find((p) => p.name === 'Salle 4');
    assert.equal(salle?.className, 'CM2', 'the classroom names its class of the year');

    const cart = await createAssetAs(t.app, tech, w.schoolA.id, { category: 'cart', brand: 'Bretford', inventoryNumber: 'TIL-CM-01', placeId: roomId });
    for (let i = 1; i <= 3; i++)
      await createAssetAs(t.app, tech, w.schoolA.id, {
        category: 'tablet',
        brand: 'Apple',
        model: 'iPad 10',
        serialNumber: `DMPX0000${i}`,
        inventoryNumber: `TIL-TAB-0${i}`,
        cartId: cart,
        price: 389.9,
        purchaseDate: '2023-09-04',
        warrantyEnd: '2026-09-04',
      });
    const page = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/equipment/assets/${cart}`);
    assert.equal(page.statusCode, 200, 'a teacher of the school reads the cart');
    const body = page.json() as { children: { inventoryNumber: string; outOfWarranty: boolean; price: number }[]; history: { kind: string }[] };
    assert.deepEqual(
      body.children.map((c) => c.inventoryNumber),
      ['TIL-TAB-01', 'TIL-TAB-02', 'TIL-TAB-03'],
      'the cart holds its tablets',
    );
    assert.ok(
      body.children.every((c) => c.outOfWarranty && c.price === 389.9),
      'warranty ended in 2026, prices in euros',
    );

    const tablet = (await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/assets?q=TIL-TAB-02`)).json() as {
      items: { id: string }[];
      total: number;
    };
    assert.equal(tablet.total, 1, 'search by inventory number');
    // History is ordered by time: the change comes a minute after the creation.
    clock.advance(60_000);
    const patch = await request(t.app, tech, 'PATCH', `/api/equipment/assets/${tablet.items[0]!.id}`, { status: 'inRepair', price: 400 });
    assert.equal(patch.statusCode, 200, patch.body);
    const history = (await request(t.app, tech, 'GET', `/api/equipment/assets/${tablet.items[0]!.id}`)).json() as {
      history: { kind: string; changes: Record<string, unknown[]> }[];
    };
    assert.deepEqual(
      history.history.map((e) => e.kind),
      ['changed', 'created'],
      'creation and change, newest first',
    );
    assert.deepEqual(history.history[0]!.changes, { status: ['inService', 'inRepair'], priceCents: [38990, 40000] }, 'each field before and after');
    const filtered = (await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/assets?status=inRepair&category=tablet`)).json() as {
      total: number;
    };
    assert.equal(filtered.total, 1, 'filters by status and category');
  });

  test('bad input is a 4xx naming the field, and nothing is stored', async () => {
    const before = await countAssets();
    const cases: [object, number, string][] = [
      [{ category: 'laptop', price: -12 }, 400, 'price'],
      [{ category: 'laptop', placeId: '00000000-0000-4000-8000-000000000000' }, 400, 'placeId'],
      [{ category: 'laptop', serialNumber: 'DMPX00001' }, 400, 'serialNumber'],
      [{ category: 'laptop', purchaseDate: '2025-01-10', warrantyEnd: '2024-01-10' }, 400, 'warrantyEnd'],
      [{ category: 'toaster' }, 400, 'category'],
    ];
    for (const [body, status, field] of cases) {
      const res = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/assets`, body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      const details = (res.json() as { error: { details: { field: string }[] } }).error.details;
      assert.ok(
        details.some((d) => d.field === field),
        `the refusal names ${field}: ${res.body}`,
      );
    }
    const otherRoom = await buildPlace(t.app.db, w.schoolB.id, { name: 'Salle du Port' });
    const foreign = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/assets`, { category: 'laptop', placeId: otherRoom.id });
    assert.equal(foreign.statusCode, 400, 'a room of another school is unknown here');
    const otherClass = await buildClass(t.app.db, w.schoolA.id, { name: 'CP', schoolYear: '2019-2020' });
    const room = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/places`, {
      kind: 'room',
      name: 'Vieille salle',
      groupId: otherClass.id,
    });
    assert.equal(room.statusCode, 400, `a class of a past year is refused: ${schoolYearOf(clock.now())}`);
    assert.equal(await countAssets(), before, 'nothing was stored');
  });

  test('the pages: the municipality’s school list, the inventory, the new-asset form re-rendered with the typed values', async () => {
    const index = await request(t.app, tech, 'GET', '/equipment');
    assert.equal(index.statusCode, 200, 'the index page');
    assert.ok(index.body.includes(w.schoolA.name) && !index.body.includes(w.schoolB.name), 'the technician sees their schools only');
    const school = await request(t.app, tech, 'GET', `/equipment/schools/${w.schoolA.id}?category=tablet`);
    assert.equal(school.statusCode, 200, 'the inventory page');
    assert.ok(school.body.includes('TIL-TAB-01') && !school.body.includes('TIL-CACHE'), 'filtered by category');
    const f = form({ _csrf: tech.csrf, category: 'laptop', brand: 'HP', price: '-5', serialNumber: 'HP-NEUF-1' });
    const bad = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/assets`, f.payload, { headers: f.headers });
    assert.equal(bad.statusCode, 400, 'the form comes back');
    assert.ok(bad.body.includes('Le prix est un nombre positif') && bad.body.includes('value="HP-NEUF-1"'), 'with its message and the typed values');
    const g = form({ _csrf: tech.csrf, category: 'laptop', brand: 'HP', price: '629,00', serialNumber: 'HP-NEUF-1' });
    const ok = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/assets`, g.payload, { headers: g.headers });
    assert.equal(ok.statusCode, 303, ok.body);
    const asset = await request(t.app, await as(w.ce1Teacher.id), 'GET', String(ok.headers.location));
    assert.ok(asset.body.includes('629') && asset.body.includes('Signaler une panne'), 'a teacher sees the asset and the report form');
    const label = await request(t.app, tech, 'GET', `${String(ok.headers.location)}/label`);
    assert.ok(label.body.includes('<svg') && label.body.includes(String(ok.headers.location)), 'the label draws the QR code of the asset’s page');
    const svg = await request(t.app, tech, 'GET', `/api/equipment${String(ok.headers.location).replace('/equipment', '')}/label.svg`);
    assert.equal(svg.headers['content-type'], 'image/svg+xml', 'the code alone, as SVG');
  });
});
