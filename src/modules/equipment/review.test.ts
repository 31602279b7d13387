import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
let tech: Session;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);

interface Review {
  classrooms: {
    className: string;
    items: { item: string; expected: number; present: number | null; missing: number | null }[];
    outOfWarranty: number;
    complete: boolean;
  }[];
  schoolItems: { item: string; present: number | null; missing: number | null }[];
  pupils: number;
  devices: number;
  devicesPerPupil: number | null;
  kitIsDefault: boolean;
}
const state = (r: Review, className: string) =>
  Object.fromEntries(r.classrooms.find((c) => c.className === className)!.items.map((i) => [i.item, [i.present, i.missing]]));

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
  tech = await as(w.technician.id);
  const a = w.schoolA.id;
  const room = async (body: object) => {
    const res = await request(t.app, tech, 'POST', `/api/equipment/schools/${a}/places`, body);
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const ce1 = await room({ kind: 'room', name: 'Salle 1', groupId: w.ce1.id, networkSockets: 2 });
  await room({ kind: 'room', name: 'Salle 2', groupId: w.cm2Class.id });
  await buildAsset(t.app.db, a, { category: 'desktop', placeId: ce1 });
  await buildAsset(t.app.db, a, { category: 'interactiveBoard', placeId: ce1, warrantyEnd: '2026-09-01' });
  await buildAsset(t.app.db, a, { category: 'speakers', placeId: ce1 });
  await buildAsset(t.app.db, a, { category: 'visualiser', placeId: ce1, status: 'retired' });
  await buildAsset(t.app.db, a, { category: 'wifiAccessPoint' });
  const cart = await buildAsset(t.app.db, a, { category: 'cart' });
  for (let i = 0; i < 11; i++) await buildAsset(t.app.db, a, { category: 'tablet', cartId: cart.id });
  await buildAsset(t.app.db, w.schoolB.id, { category: 'desktop' });
});
after(() => t.close());

describe('the état des lieux', () => {
  test('each classroom against the académie’s kit, the school’s items, the ratio from the directory’s pupils', async () => {
    const res = await request(t.app, await as(w.director.id), 'GET', `/api/equipment/schools/${w.schoolA.id}/review`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as Review;
    assert.equal(r.kitIsDefault, true, 'the académie’s list until the technician changes it');
    assert.deepEqual(
      r.classrooms.map((c) => c.className),
      ['CE1', 'CM2'],
      'the classrooms, by class',
    );
    assert.deepEqual(
      state(r, 'CE1'),
      { networkSocket: [2, 0], computer: [1, 0], interactiveProjection: [1, 0], speakers: [1, 0], visualiser: [0, 1] },
      'CE1 lacks a visualiser (the retired one does not count)',
    );
    assert.equal(r.classrooms[0]!.outOfWarranty, 1, 'the board is out of warranty');
    assert.deepEqual(state(r, 'CM2').networkSocket, [null, null], 'sockets not counted in CM2');
    assert.deepEqual(state(r, 'CM2').computer, [0, 1], 'CM2 has no computer');
    assert.deepEqual(
      r.schoolItems.map((i) => [i.item, i.present, i.missing]),
      [
        ['wifiAccessPoint', 1, 0],
        ['mobileCart', 1, 0],
      ],
      'a Wi-Fi access point and a cart of 11 tablets',
    );
    assert.deepEqual([r.devices, r.pupils, r.devicesPerPupil], [12, 3, 4], 'twelve devices for three pupils');
  });

  test('teachers read it; another municipality, pupils and parents do not', async () => {
    const url = `/api/equipment/schools/${w.schoolA.id}/review`;
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', url)).statusCode, 200, 'a teacher reads the project');
    for (const id of [w.otherTechnician.id, w.ce1a.id, w.ce1aParent.id, w.otherTeacher.id]) {
      const res = await request(t.app, await as(id), 'GET', url);
      assert.equal(res.statusCode, 404, `refused to ${id}`);
      assert.doesNotMatch(res.body, /CE1/, 'no classroom leaks');
    }
  });

  test('the technician changes the kit; a bad quantity is refused by name and nothing is stored', async () => {
    const url = `/api/equipment/municipalities/${w.town.id}/kit`;
    const kit = {
      classroom: { networkSocket: 2, computer: 1, interactiveProjection: 1, speakers: 1, visualiser: 0 },
      school: { wifiAccessPoint: 2, mobileCart: 1 },
      cartMin: 12,
      cartMax: 10,
    };
    const bad = await request(t.app, tech, 'PUT', url, kit);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal((bad.json() as { error: { details: { field: string }[] } }).error.details[0]!.field, 'cartMax', 'the field is named');
    assert.equal(((await request(t.app, tech, 'GET', url)).json() as { isDefault: boolean }).isDefault, true, 'nothing stored');
    assert.equal((await request(t.app, await as(w.director.id), 'PUT', url, { ...kit, cartMin: 10, cartMax: 12 })).statusCode, 404, 'the director does not');
    assert.equal((await request(t.app, await as(w.otherTechnician.id), 'PUT', url, { ...kit, cartMin: 10, cartMax: 12 })).statusCode, 404, 'nor another town');
    const ok = await request(t.app, tech, 'PUT', url, { ...kit, cartMin: 12, cartMax: 15 });
    assert.equal(ok.statusCode, 200, ok.body);
    const r = (await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/review`)).json() as Review;
    assert.equal(r.kitIsDefault, false, 'the town’s own kit');
    assert.deepEqual(state(r, 'CE1').visualiser, [0, 0], 'no visualiser expected any more');
    assert.equal(r.classrooms[0]!.complete, true, 'CE1 is complete');
    assert.deepEqual(
      r.schoolItems.map((i) => [i.item, i.present, i.missing]),
      [
        ['wifiAccessPoint', 1, 1],
        ['mobileCart', 0, 1],
      ],
      'a second access point is expected; 11 tablets are no longer a full cart',
    );
    await request(t.app, tech, 'PUT', url, { ...kit, visualiser: 1, cartMin: 10, cartMax: 12 });
  });

  test('the pages: the project for the director, the kit form for the technician, back with its message and typed values', async () => {
    const director = await as(w.director.id);
    const project = await request(t.app, director, 'GET', `/equipment/schools/${w.schoolA.id}/project`);
    assert.equal(project.statusCode, 200, project.body);
    assert.match(project.body, /1\. État des lieux/, 'step 1');
    assert.match(project.body, /12\u00a0appareils pour 3\u00a0élèves/, 'the ratio, in words');
    assert.doesNotMatch(project.body, /Équipement recommandé<\/a>/, 'the director has no kit form link');
    const kitPage = `/equipment/municipalities/${w.town.id}/kit`;
    assert.equal((await request(t.app, director, 'GET', kitPage)).statusCode, 404, 'nor the form');
    const f = form({ _csrf: tech.csrf, 'classroom.networkSocket': 'deux', 'classroom.computer': '1', cartMin: '10', cartMax: '12' });
    const bad = await request(t.app, tech, 'POST', kitPage, f.payload, { headers: f.headers });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /Une quantité est un nombre entier de 0 à 50/, 'the message');
    assert.match(bad.body, /value="deux"/, 'the typed value');
  });
});
