import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson } from '../directory/testing.js';
import { buildNeed, buildPlace, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
let tech: Session;
let official: Session;
let director: Session;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);
let visualisers = '';
let laptops = '';
let room = '';
let orderId = '';

interface Order {
  id: string;
  number: string;
  status: string;
  total: number;
  lines: { id: string; quantity: number; deliveredAt: string | null }[];
  installation: { confirmedAt: string | null; attendees: string[]; trainingOn: string | null } | null;
}
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; details: { field: string; message: string }[] } }).error;
const budgetUrl = () => `/api/equipment/municipalities/${w.town.id}/budgets/2027`;
const ordersOf = async (who: Session) =>
  ((await request(t.app, who, 'GET', `/api/equipment/schools/${w.schoolA.id}/orders`)).json() as { items: Order[] }).items;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
  tech = await as(w.technician.id);
  director = await as(w.director.id);
  const mayor = await buildPerson(t.app.db, { profile: 'municipal', firstName: 'Élise', lastName: 'Adjointe', structureId: w.town.id });
  const admin = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true });
  const named = await request(t.app, await as(admin.id), 'PUT', `/api/equipment/municipalities/${w.town.id}/officials`, { personIds: [mayor.id] });
  assert.equal(named.statusCode, 200, named.body);
  const refused = await request(t.app, await as(admin.id), 'PUT', `/api/equipment/municipalities/${w.town.id}/officials`, { personIds: [w.director.id] });
  assert.equal(refused.statusCode, 400, 'only the municipality’s agents are officials');
  official = await as(mayor.id);
  room = (await buildPlace(t.app.db, w.schoolA.id, { name: 'Salle 7', groupId: w.ce1.id })).id;
  visualisers = (
    await buildNeed(t.app.db, w.schoolA.id, w.director.id, { category: 'visualiser', quantity: 2, status: 'approved', grantedQuantity: 2, placeId: room })
  ).id;
  laptops = (await buildNeed(t.app.db, w.schoolA.id, w.director.id, { category: 'laptop', quantity: 12, status: 'modified', grantedQuantity: 10 })).id;
  await buildNeed(t.app.db, w.schoolA.id, w.director.id, { category: 'printer', status: 'declined' });
});
after(() => t.close());

describe('the décision d’acquisition', () => {
  test('the elected official sets the budget; the technician cannot', async () => {
    assert.equal((await request(t.app, tech, 'PUT', budgetUrl(), { amount: 5000 })).statusCode, 404, 'the technician does not set it');
    assert.equal((await request(t.app, director, 'GET', budgetUrl())).statusCode, 404, 'a director does not read it');
    const res = await request(t.app, official, 'PUT', budgetUrl(), { amount: 5000 });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { year: 2027, amount: 5000, committed: 0, left: 5000 }, 'nothing committed yet');
  });

  test('approved needs become an order; over the budget left it is refused by name and nothing is stored', async () => {
    const url = `/api/equipment/schools/${w.schoolA.id}/orders`;
    const lines = [
      { needId: visualisers, quantity: 2, unitPrice: 389, supplier: 'UGAP' },
      { needId: laptops, quantity: 11, unitPrice: 629.9, supplier: 'Manutan' },
    ];
    const tooMany = await request(t.app, tech, 'POST', url, { lines });
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    assert.equal(errorOf(tooMany.body).details[0]!.field, 'lines.1.quantity', 'more laptops than granted');
    lines[1]!.quantity = 10;
    const over = await request(t.app, tech, 'POST', url, { lines });
    assert.equal(over.statusCode, 400, over.body);
    assert.deepEqual(
      [errorOf(over.body).code, errorOf(over.body).details[0]!.field],
      ['equipment.order.over_budget', 'lines'],
      'over the budget left, the field named',
    );
    assert.match(errorOf(over.body).details[0]!.message, /7.077\u00a0€.*5.000\u00a0€/, 'the total and what is left, in euros');
    assert.equal((await ordersOf(tech)).length, 0, 'nothing stored');
    const declined = await request(t.app, tech, 'POST', url, {
      lines: [
        {
          needId: (await t.app.db.selectFrom('equipmentNeeds').select('id').where('status', '=', 'declined').executeTakeFirstOrThrow()).id,
          quantity: 1,
          unitPrice: 10,
          supplier: 'X',
        },
      ],
    });
    assert.equal(errorOf(declined.body).details[0]!.field, 'lines.0.needId', 'a declined need is not ordered');
    assert.equal((await request(t.app, director, 'POST', url, { lines: [lines[0]] })).statusCode, 404, 'the director does not order');
    const ok = await request(t.app, tech, 'POST', url, { lines: [lines[0]] });
    assert.equal(ok.statusCode, 201, ok.body);
    orderId = (ok.json() as { id: string }).id;
    const [order] = await ordersOf(director);
    assert.deepEqual([order!.number, order!.status, order!.total], ['2027-001', 'draft', 778], 'a draft of 778 €');
    const need = await t.app.db.selectFrom('equipmentNeeds').select('status').where('id', '=', visualisers).executeTakeFirstOrThrow();
    assert.equal(need.status, 'ordered', 'the need is ordered');
  });

  test('only an elected official approves; the budget shows what is committed and left; a lowered budget refuses the next', async () => {
    assert.equal((await request(t.app, tech, 'POST', `/api/equipment/orders/${orderId}/approve`)).statusCode, 404, 'the technician is not an official');
    const ok = await request(t.app, official, 'POST', `/api/equipment/orders/${orderId}/approve`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual((await request(t.app, tech, 'GET', budgetUrl())).json(), { year: 2027, amount: 5000, committed: 778, left: 4222 }, 'committed and left');
    const again = await request(t.app, official, 'POST', `/api/equipment/orders/${orderId}/approve`);
    assert.equal(errorOf(again.body).details[0]!.field, 'status', 'approved once');
    const second = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/orders`, {
      lines: [{ needId: laptops, quantity: 6, unitPrice: 629.9, supplier: 'Manutan' }],
    });
    assert.equal(second.statusCode, 201, second.body);
    const low = await request(t.app, official, 'PUT', budgetUrl(), { amount: 500 });
    assert.equal(errorOf(low.body).details[0]!.field, 'amount', 'not below what is committed');
    await request(t.app, official, 'PUT', budgetUrl(), { amount: 4000 });
    const refused = await request(t.app, official, 'POST', `/api/equipment/orders/${(second.json() as { id: string }).id}/approve`);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(
      [errorOf(refused.body).code, errorOf(refused.body).details[0]!.field],
      ['equipment.order.over_budget', 'total'],
      'the total is over what is left',
    );
  });
});

describe('the installation', () => {
  test('delivering a line creates its assets in their room with the order’s purchase data; once only', async () => {
    const [order] = (await ordersOf(tech)).filter((o) => o.id === orderId);
    const line = order!.lines[0]!;
    const url = `/api/equipment/orders/${orderId}/lines/${line.id}/delivery`;
    assert.equal((await request(t.app, director, 'POST', url, {})).statusCode, 404, 'the director does not deliver');
    const res = await request(t.app, tech, 'POST', url, { warrantyEnd: '2030-03-15' });
    assert.equal(res.statusCode, 201, res.body);
    const ids = (res.json() as { assetIds: string[] }).assetIds;
    assert.equal(ids.length, 2, 'two visualisers');
    const asset = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/equipment/assets/${ids[0]}`)).json() as {
      asset: Record<string, unknown>;
      history: { kind: string }[];
    };
    assert.deepEqual(
      [
        asset.asset.category,
        asset.asset.placeId,
        asset.asset.supplier,
        asset.asset.purchaseOrder,
        asset.asset.purchaseDate,
        asset.asset.price,
        asset.asset.warrantyEnd,
      ],
      ['visualiser', room, 'UGAP', '2027-001', '2027-03-15', 389, '2030-03-15'],
      'in the room, with the purchase data',
    );
    assert.equal(asset.history[0]!.kind, 'created', 'in the history');
    const twice = await request(t.app, tech, 'POST', url, {});
    assert.equal(errorOf(twice.body).details[0]!.field, 'lineId', 'delivered once');
    const [after] = (await ordersOf(tech)).filter((o) => o.id === orderId);
    assert.equal(after!.status, 'delivered', 'the order is delivered with its last line');
    const review = (await request(t.app, director, 'GET', `/api/equipment/schools/${w.schoolA.id}/review`)).json() as {
      classrooms: { items: { item: string; present: number }[] }[];
    };
    assert.equal(review.classrooms[0]!.items.find((i) => i.item === 'visualiser')!.present, 2, 'the état des lieux counts them');
  });

  test('scheduled by the technician, confirmed by the director, the training recorded with the school’s adults', async () => {
    const base = `/api/equipment/orders/${orderId}/installation`;
    const bad = await request(t.app, tech, 'PUT', base, { scheduledFor: '2027-03-22T25:00' });
    assert.equal(bad.statusCode, 400, 'an impossible time is refused by the schema');
    assert.equal((await request(t.app, director, 'PUT', base, { scheduledFor: '2027-03-22T09:00' })).statusCode, 404, 'the director does not schedule');
    assert.equal((await request(t.app, tech, 'PUT', base, { scheduledFor: '2027-03-22T09:00', note: 'Accès par le portail B.' })).statusCode, 200, 'proposed');
    assert.equal((await request(t.app, tech, 'POST', `${base}/confirm`)).statusCode, 404, 'the technician does not confirm for the school');
    const early = await request(t.app, tech, 'POST', `${base}/training`, { heldOn: '2027-03-22', attendeeIds: [w.ce1Teacher.id] });
    assert.equal(errorOf(early.body).details[0]!.field, 'heldOn', 'not before the director confirms');
    assert.equal((await request(t.app, director, 'POST', `${base}/confirm`)).statusCode, 200, 'confirmed');
    const pupil = await request(t.app, tech, 'POST', `${base}/training`, { heldOn: '2027-03-22', attendeeIds: [w.ce1Teacher.id, w.ce1a.id] });
    assert.equal(errorOf(pupil.body).details[0]!.field, 'attendeeIds.1', 'a pupil is not an attendee');
    const other = await request(t.app, await as(w.otherTechnician.id), 'POST', `${base}/training`, { heldOn: '2027-03-22', attendeeIds: [w.ce1Teacher.id] });
    assert.equal(other.statusCode, 404, 'another town records nothing');
    const ok = await request(t.app, tech, 'POST', `${base}/training`, {
      heldOn: '2027-03-22',
      attendeeIds: [w.ce1Teacher.id, w.director.id],
      notes: 'Allumage, zoom, capture.',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const [order] = (await ordersOf(await as(w.ce1Teacher.id))).filter((o) => o.id === orderId);
    assert.deepEqual(
      [order!.installation!.trainingOn, order!.installation!.attendees],
      ['2027-03-22', ['Delphine Directrice', 'Théo Enseignant']],
      'who attended',
    );
    assert.equal(
      (await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/equipment/schools/${w.schoolA.id}/orders`)).statusCode,
      404,
      'families see nothing',
    );
  });
});

describe('the project page’s forms', () => {
  test('an order over the budget comes back with its message and typed values; a bad installation date too; the training takes its checkboxes', async () => {
    const need = (await buildNeed(t.app.db, w.schoolA.id, w.director.id, { category: 'tablet', quantity: 8, status: 'approved', grantedQuantity: 8 })).id;
    const f = form({
      _csrf: tech.csrf,
      [`include.${need}`]: '1',
      [`quantity.${need}`]: '8',
      [`unitPrice.${need}`]: '9 999,50',
      [`supplier.${need}`]: 'Tablettes & Cie',
    });
    const over = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/orders`, f.payload, { headers: f.headers });
    assert.equal(over.statusCode, 400, over.body);
    assert.match(over.body, /dépasse le budget restant/, 'the message');
    assert.match(over.body, /value="9 999,50"/, 'the typed price');
    assert.match(over.body, /value="Tablettes &amp; Cie"/, 'the typed supplier');
    assert.equal((await ordersOf(tech)).filter((o) => o.total > 70_000).length, 0, 'nothing stored');
    const g = form({ _csrf: tech.csrf, scheduledFor: 'mardi', note: 'Portail B' });
    const bad = await request(t.app, tech, 'POST', `/equipment/orders/${orderId}/installation`, g.payload, { headers: g.headers });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /Une date et une heure s’écrivent/, 'the date’s message');
    assert.match(bad.body, /value="mardi"/, 'the typed date');
    const h = form({ _csrf: director.csrf, heldOn: '2027-03-23', attendeeIds: [w.cm2Teacher.id, w.ce1Teacher.id], notes: 'Second passage.' });
    const ok = await request(t.app, director, 'POST', `/equipment/orders/${orderId}/installation/training`, h.payload, { headers: h.headers });
    assert.equal(ok.statusCode, 303, ok.body);
    const [order] = (await ordersOf(director)).filter((o) => o.id === orderId);
    assert.deepEqual(order!.installation!.attendees, ['Camille Maîtresse', 'Théo Enseignant'], 'the director recorded who came');
  });
});
