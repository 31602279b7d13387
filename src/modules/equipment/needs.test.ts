import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPlace, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
let tech: Session;
let director: Session;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);
let room = '';

interface Need {
  id: string;
  category: string;
  quantity: number;
  grantedQuantity: number | null;
  status: string;
  decisionComment: string | null;
  notes: { at: string; author: string; kind: string; body: string | null; statusTo: string | null }[];
}
const needsOf = async (who: Session) => {
  const res = await request(t.app, who, 'GET', `/api/equipment/schools/${w.schoolA.id}/needs`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: Need[]; commissions: { members: string }[] };
};
const countRows = async (table: 'equipmentNeeds' | 'equipmentCommissions' | 'equipmentNeedNotes') =>
  Number(
    (
      await t.app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
  tech = await as(w.technician.id);
  director = await as(w.director.id);
  room = (await buildPlace(t.app.db, w.schoolA.id, { name: 'Salle 4', groupId: w.ce1.id })).id;
});
after(() => t.close());

const need = (over: object = {}) => ({
  category: 'visualiser',
  quantity: 2,
  priority: 'high',
  justification: 'Montrer les cahiers à toute la classe.',
  ...over,
});

describe('the analyse des besoins', () => {
  test('only the director submits; teachers add input; families and other towns see nothing', async () => {
    const url = `/api/equipment/schools/${w.schoolA.id}/needs`;
    const teacher = await as(w.ce1Teacher.id);
    assert.equal((await request(t.app, teacher, 'POST', url, need())).statusCode, 403, 'a teacher does not submit');
    assert.equal((await request(t.app, tech, 'POST', url, need())).statusCode, 403, 'nor the municipality');
    const bad = await request(
      t.app,
      director,
      'POST',
      url,
      need({ justification: '   ', placeId: (await buildPlace(t.app.db, w.schoolB.id, { name: 'Ailleurs' })).id }),
    );
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(
      (bad.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort(),
      ['justification', 'placeId'],
      'both fields named',
    );
    assert.equal(await countRows('equipmentNeeds'), 0, 'nothing stored');
    const created = await request(t.app, director, 'POST', url, need({ placeId: room }));
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { id: string }).id;
    clock.advance(60_000);
    const input = await request(t.app, teacher, 'POST', `/api/equipment/needs/${id}/comments`, { body: 'Indispensable en CE1 pour la lecture.' });
    assert.equal(input.statusCode, 201, input.body);
    for (const who of [w.ce1aParent.id, w.ce1a.id, w.otherTechnician.id, w.otherTeacher.id]) {
      const s = await as(who);
      const list = await request(t.app, s, 'GET', url);
      assert.equal(list.statusCode, 404, `the needs are hidden from ${who}`);
      assert.doesNotMatch(list.body, /cahiers/, 'nothing leaks');
      assert.equal((await request(t.app, s, 'POST', `/api/equipment/needs/${id}/comments`, { body: 'Intrus' })).statusCode, 404, 'no input from outside');
    }
    const [n] = (await needsOf(teacher)).items;
    assert.deepEqual(
      n!.notes.map((x) => [x.kind, x.author, x.body]),
      [
        ['submitted', 'Delphine Directrice', null],
        ['comment', 'Théo Enseignant', 'Indispensable en CE1 pour la lecture.'],
      ],
      'the dated history',
    );
    assert.ok(n!.notes[1]!.at > n!.notes[0]!.at, 'in order of time');
  });

  test('the municipality reviews; the commission approves, modifies or declines each need, with the members present', async () => {
    const url = `/api/equipment/schools/${w.schoolA.id}/needs`;
    const laptops = (await request(t.app, director, 'POST', url, need({ category: 'laptop', quantity: 12, priority: 'medium' }))).json() as { id: string };
    const printer = (await request(t.app, director, 'POST', url, need({ category: 'printer', quantity: 1, priority: 'low' }))).json() as { id: string };
    const [visualisers] = (await needsOf(director)).items;
    clock.advance(60_000);
    assert.equal(
      (await request(t.app, director, 'POST', `/api/equipment/needs/${laptops.id}/review`, { body: 'OK' })).statusCode,
      404,
      'the director does not review',
    );
    const review = await request(t.app, tech, 'POST', `/api/equipment/needs/${laptops.id}/review`, { body: 'Devis UGAP demandé.' });
    assert.equal(review.statusCode, 200, review.body);
    const commission = `/api/equipment/schools/${w.schoolA.id}/commissions`;
    const decisions = [
      { needId: visualisers!.id, outcome: 'approve' },
      { needId: laptops.id, outcome: 'modify', comment: 'Une classe mobile de 10 cette année.' },
      { needId: printer.id, outcome: 'decline', comment: 'Le copieur de la salle des maîtres suffit.' },
    ];
    const body = { heldOn: '2027-03-12', members: 'M. Roussel (adjoint), Mme Léger (IEN)', decisions };
    const bad = await request(t.app, tech, 'POST', commission, body);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(
      (bad.json() as { error: { details: { field: string }[] } }).error.details[0]!.field,
      'decisions.1.quantity',
      'the quantity of the second decision',
    );
    assert.equal(await countRows('equipmentCommissions'), 0, 'nothing stored');
    assert.equal((await request(t.app, await as(w.otherTechnician.id), 'POST', commission, body)).statusCode, 404, 'another town records nothing');
    assert.equal((await request(t.app, director, 'POST', commission, body)).statusCode, 404, 'nor the director');
    decisions[1] = { ...decisions[1]!, quantity: 10 } as never;
    clock.advance(60_000);
    const ok = await request(t.app, tech, 'POST', commission, { ...body, decisions });
    assert.equal(ok.statusCode, 201, ok.body);
    const list = await needsOf(director);
    const byId = new Map(list.items.map((n) => [n.id, n]));
    assert.deepEqual(
      [visualisers!.id, laptops.id, printer.id].map((id) => [byId.get(id)!.status, byId.get(id)!.grantedQuantity]),
      [
        ['approved', 2],
        ['modified', 10],
        ['declined', null],
      ],
      'each need decided',
    );
    assert.deepEqual(
      byId.get(laptops.id)!.notes.map((n) => [n.kind, n.statusTo]),
      [
        ['submitted', 'submitted'],
        ['review', 'reviewed'],
        ['decision', 'modified'],
      ],
      'the laptops’ history',
    );
    assert.equal(list.commissions[0]!.members, 'M. Roussel (adjoint), Mme Léger (IEN)', 'the members present');
    const again = await request(t.app, tech, 'POST', commission, { ...body, decisions: [{ needId: printer.id, outcome: 'approve' }] });
    assert.equal(again.statusCode, 400, 'a decided need is not decided again');
  });

  test('the pages: the director’s form comes back with its message and typed values; teachers give input; the commission form decides', async () => {
    const bad = form({ _csrf: director.csrf, category: 'tablet', quantity: 'douze', priority: 'high', justification: 'Pour les ateliers de lecture.' });
    const res = await request(t.app, director, 'POST', `/equipment/schools/${w.schoolA.id}/needs`, bad.payload, { headers: bad.headers });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /La quantité est un nombre entier de 1 à 500/, 'the message');
    assert.match(res.body, /value="douze"/, 'the typed quantity');
    assert.match(res.body, /Pour les ateliers de lecture\./, 'the typed justification');
    const good = form({ _csrf: director.csrf, category: 'tablet', quantity: '6', priority: 'high', justification: 'Pour les ateliers de lecture.' });
    const ok = await request(t.app, director, 'POST', `/equipment/schools/${w.schoolA.id}/needs`, good.payload, { headers: good.headers });
    assert.equal(ok.statusCode, 303, ok.body);
    const tablets = (await needsOf(director)).items.find((n) => n.category === 'tablet')!;
    clock.advance(60_000);
    const teacher = await as(w.cm2Teacher.id);
    const page = await request(t.app, teacher, 'GET', `/equipment/schools/${w.schoolA.id}/project`);
    assert.doesNotMatch(page.body, /id="need-form"/, 'a teacher has no need form');
    const c = form({ _csrf: teacher.csrf, body: 'Les CM2 en ont besoin aussi.' });
    assert.equal(
      (await request(t.app, teacher, 'POST', `/equipment/needs/${tablets.id}/comments`, c.payload, { headers: c.headers })).statusCode,
      303,
      'input given',
    );
    const decide = form({
      _csrf: tech.csrf,
      heldOn: '2027-03-14',
      members: 'M. Roussel',
      [`outcome.${tablets.id}`]: 'modify',
      [`quantity.${tablets.id}`]: '6',
    });
    const same = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/commissions`, decide.payload, { headers: decide.headers });
    assert.equal(same.statusCode, 400, 'another quantity than the asked one');
    assert.match(same.body, /id="field-quantity\.[^"]+"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-quantity/, 'the quantity field is flagged');
    clock.advance(60_000);
    const fine = form({ _csrf: tech.csrf, heldOn: '2027-03-14', members: 'M. Roussel', [`outcome.${tablets.id}`]: 'modify', [`quantity.${tablets.id}`]: '4' });
    assert.equal(
      (await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/commissions`, fine.payload, { headers: fine.headers })).statusCode,
      303,
      'decided',
    );
    const after = (await needsOf(teacher)).items.find((n) => n.id === tablets.id)!;
    assert.deepEqual(
      [after.status, after.grantedQuantity, after.notes.map((n) => n.kind)],
      ['modified', 4, ['submitted', 'comment', 'decision']],
      'all in the history',
    );
  });
});
