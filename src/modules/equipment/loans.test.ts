import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);
const CONDITIONS = 'La famille prend soin de la tablette et la rend à la fin de l’année, chargeur compris.';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
});
after(() => t.close());

const loanCount = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('equipmentLoans')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const assetStatus = async (id: string) => (await t.app.db.selectFrom('equipmentAssets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const loanNotices = (recipientId: string) =>
  t.app.db
    .selectFrom('notifications')
    .select(['title', 'link'])
    .where('kind', '=', 'equipment.loan')
    .where('recipientId', '=', recipientId)
    .orderBy('createdAt')
    .execute();

describe('loans to families', () => {
  test('the director lends a tablet; the parent is told, acknowledges; another child’s parent sees nothing; the history says so', async () => {
    const tablet = await buildAsset(t.app.db, w.schoolA.id, { category: 'tablet', brand: 'Apple', model: 'iPad 10', inventoryNumber: 'TIL-TAB-07' });
    const director = await as(w.director.id);
    const res = await request(t.app, director, 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, {
      assetId: tablet.id,
      pupilId: w.ce1a.id,
      dueOn: '2027-07-05',
      conditions: CONDITIONS,
    });
    assert.equal(res.statusCode, 201, res.body);
    const loanId = (res.json() as { id: string }).id;
    assert.equal(await assetStatus(tablet.id), 'onLoan', 'the tablet is on loan');

    await t.app.jobs.runDue();
    const told = await loanNotices(w.ce1aParent.id);
    assert.equal(told.length, 1, 'the pupil’s parent is told');
    assert.match(told[0]!.title, /Prêt de matériel pour .* Tablette Apple iPad 10 \(TIL-TAB-07\)/, 'the notice names the pupil and the device');
    assert.equal(told[0]!.link, '/equipment/loans/mine', 'towards the family’s page');
    assert.equal((await loanNotices(w.ce1bParent.id)).length, 0, 'another child’s parent is not told');

    const parent = await as(w.ce1aParent.id);
    const mine = await request(t.app, parent, 'GET', '/equipment/loans/mine');
    assert.equal(mine.statusCode, 200, mine.body);
    assert.match(mine.body, /chargeur compris/, 'the conditions are shown');
    assert.match(mine.body, /je reconnais ce prêt/, 'the acknowledgement button is there');

    for (const who of [w.ce1bParent.id, w.otherParent.id, w.ce1Teacher.id, w.otherTechnician.id]) {
      const s = await as(who);
      assert.equal((await request(t.app, s, 'GET', `/api/equipment/loans/${loanId}`)).statusCode, 404, `the loan is hidden from ${who}`);
      assert.equal((await request(t.app, s, 'POST', `/api/equipment/loans/${loanId}/acknowledge`)).statusCode, 404, `${who} cannot acknowledge`);
    }
    const otherMine = await request(t.app, await as(w.ce1bParent.id), 'GET', '/api/equipment/loans/mine');
    assert.deepEqual((otherMine.json() as { items: unknown[] }).items, [], 'another child’s parent lists no loan');
    assert.equal((await request(t.app, director, 'POST', `/api/equipment/loans/${loanId}/acknowledge`)).statusCode, 404, 'the lender does not acknowledge');

    clock.advance(3_600_000);
    const ack = form({ _csrf: parent.csrf, back: 'mine' });
    const acked = await request(t.app, parent, 'POST', `/equipment/loans/${loanId}/acknowledge`, ack.payload, { headers: ack.headers });
    assert.equal(acked.statusCode, 303, acked.body);
    assert.equal(acked.headers.location, '/equipment/loans/mine', 'back to the family’s page');
    const loan = (await request(t.app, director, 'GET', `/api/equipment/loans/${loanId}`)).json() as { acknowledgedAt: string; acknowledgedBy: string };
    assert.equal(loan.acknowledgedAt, '2027-03-15T10:00:00.000Z', 'dated');
    assert.match(loan.acknowledgedBy, /Marc/, 'by the parent who did it');
    const list = await request(t.app, director, 'GET', `/equipment/schools/${w.schoolA.id}/loans`);
    assert.match(list.body, /TIL-TAB-07/, 'the director’s list has it');

    const asset = await request(t.app, director, 'GET', `/equipment/assets/${tablet.id}`);
    assert.match(asset.body, /Prêté à une famille/, 'the asset’s history has the loan');
  });

  test('refused loans name their field and store nothing', async () => {
    const director = await as(w.director.id);
    const mine = await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop' });
    const theirs = await buildAsset(t.app.db, w.schoolB.id, { category: 'laptop' });
    const broken = await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', status: 'broken' });
    const before = await loanCount();
    const cases: [object, string][] = [
      [{ assetId: theirs.id, pupilId: w.ce1a.id, dueOn: '2027-06-30', conditions: CONDITIONS }, 'assetId'],
      [{ assetId: broken.id, pupilId: w.ce1a.id, dueOn: '2027-06-30', conditions: CONDITIONS }, 'assetId'],
      [{ assetId: mine.id, pupilId: w.otherStudent.id, dueOn: '2027-06-30', conditions: CONDITIONS }, 'pupilId'],
      [{ assetId: mine.id, pupilId: w.ce1aParent.id, dueOn: '2027-06-30', conditions: CONDITIONS }, 'pupilId'],
      [{ assetId: mine.id, pupilId: w.ce1a.id, startsOn: '2027-04-01', dueOn: '2027-03-31', conditions: CONDITIONS }, 'dueOn'],
      [{ assetId: mine.id, pupilId: w.ce1a.id, dueOn: '2027-06-30', conditions: '   ' }, 'conditions'],
      [{ assetId: mine.id, pupilId: w.ce1a.id, dueOn: '30/06/2027', conditions: CONDITIONS }, 'dueOn'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app, director, 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, body);
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      assert.match(res.body, new RegExp(field), `the refusal names ${field}`);
    }
    assert.equal(await loanCount(), before, 'nothing stored');
    assert.equal(await assetStatus(mine.id), 'inService', 'the laptop stays in service');
    const teacher = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, {
      assetId: mine.id,
      pupilId: w.ce1a.id,
      dueOn: '2027-06-30',
      conditions: CONDITIONS,
    });
    assert.equal(teacher.statusCode, 404, 'a teacher does not lend');

    const ok = { assetId: mine.id, pupilId: w.ce1b.id, dueOn: '2027-06-30', conditions: CONDITIONS };
    assert.equal((await request(t.app, director, 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, ok)).statusCode, 201, 'lent');
    const twice = await request(t.app, director, 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, { ...ok, pupilId: w.ce1a.id });
    assert.equal(twice.statusCode, 400, 'a device on loan is not lent again');
    assert.match(twice.body, /assetId/, 'the field is named');

    const bad = form({ _csrf: director.csrf, assetId: broken.id, pupilId: w.ce1a.id, dueOn: '2027-06-30', conditions: 'Rendre en bon état.' });
    const page = await request(t.app, director, 'POST', `/equipment/schools/${w.schoolA.id}/loans`, bad.payload, { headers: bad.headers });
    assert.equal(page.statusCode, 400, page.body);
    assert.match(page.body, /Choisissez un équipement en service de l’école/, 'the message');
    assert.match(page.body, /Rendre en bon état\./, 'the typed conditions');
    assert.match(page.body, /value="2027-06-30"/, 'the typed date');
  });

  test('reminders a week before the due date and when overdue, once each; the return puts the device back', async () => {
    const laptop = await buildAsset(t.app.db, w.schoolA.id, { category: 'laptop', inventoryNumber: 'TIL-PC-31' });
    let tech = await as(w.technician.id);
    const res = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/loans`, {
      assetId: laptop.id,
      pupilId: w.cm2.id,
      dueOn: '2027-04-10',
      conditions: CONDITIONS,
    });
    assert.equal(res.statusCode, 201, res.body);
    const loanId = (res.json() as { id: string }).id;
    await t.app.jobs.runDue();
    const soon = () => loanNotices(w.cm2Parent.id).then((n) => n.filter((x) => /à rendre le/.test(x.title)));
    assert.equal((await soon()).length, 0, 'no reminder a month ahead');

    clock.set('2027-04-04T07:00:00Z');
    await t.app.jobs.runDue();
    const reminded = await soon();
    assert.equal(reminded.length, 1, 'reminded within the week');
    assert.match(reminded[0]!.title, /à rendre le 10 avril 2027 : Ordinateur portable Dell Latitude 3540 \(TIL-PC-31\)/, 'with the French date');
    clock.set('2027-04-05T07:00:00Z');
    await t.app.jobs.runDue();
    assert.equal((await soon()).length, 1, 'not reminded twice');

    clock.set('2027-04-12T07:00:00Z');
    await t.app.jobs.runDue();
    const late = (await loanNotices(w.cm2Parent.id)).filter((x) => /devait être rendu/.test(x.title));
    assert.equal(late.length, 1, 'the family is told it is overdue');
    const lender = await loanNotices(w.technician.id);
    assert.equal(lender.length, 1, 'the lender too');
    assert.equal(lender[0]!.link, `/equipment/loans/${loanId}`, 'towards the loan');
    clock.set('2027-04-13T07:00:00Z');
    await t.app.jobs.runDue();
    assert.equal((await loanNotices(w.technician.id)).length, 1, 'told once');
    tech = await as(w.technician.id); // a month later: a new session
    const overdue = await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/loans?state=overdue`);
    assert.deepEqual(
      (overdue.json() as { items: { id: string }[] }).items.map((l) => l.id),
      [loanId],
      'the overdue filter lists it',
    );

    const parent = await as(w.cm2Parent.id);
    assert.equal(
      (await request(t.app, parent, 'POST', `/api/equipment/loans/${loanId}/return`, { condition: 'good' })).statusCode,
      404,
      'a parent records no return',
    );
    const other = await request(t.app, await as(w.otherTechnician.id), 'POST', `/api/equipment/loans/${loanId}/return`, { condition: 'good' });
    assert.equal(other.statusCode, 404, 'another municipality’s agent neither');
    const badForm = form({ _csrf: tech.csrf, condition: 'cassé', comment: 'Écran fêlé' });
    const page = await request(t.app, tech, 'POST', `/equipment/loans/${loanId}/return`, badForm.payload, { headers: badForm.headers });
    assert.equal(page.statusCode, 400, page.body);
    assert.match(page.body, /Choisissez l’état au retour/, 'the message');
    assert.match(page.body, /value="Écran fêlé"/, 'the typed comment');
    const back = await request(t.app, tech, 'POST', `/api/equipment/loans/${loanId}/return`, { condition: 'damaged', comment: 'Écran fêlé' });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(await assetStatus(laptop.id), 'broken', 'a damaged device is broken');
    const again = await request(t.app, tech, 'POST', `/api/equipment/loans/${loanId}/return`, { condition: 'good' });
    assert.equal(again.statusCode, 400, 'returned once');
    assert.match(again.body, /loan/, 'the refusal names the loan');
    const history = await t.app.db.selectFrom('equipmentEvents').select(['kind', 'changes']).where('assetId', '=', laptop.id).orderBy('at').execute();
    assert.deepEqual(
      history.map((e) => [e.kind, JSON.parse(e.changes)]),
      [
        ['loaned', { status: ['inService', 'onLoan'] }],
        ['returned', { status: ['onLoan', 'broken'] }],
      ],
      'the history has the loan and the return',
    );
    const ack = await request(t.app, parent, 'POST', `/api/equipment/loans/${loanId}/acknowledge`);
    assert.equal(ack.statusCode, 400, 'a returned loan is no longer acknowledged');
    const mine = await request(t.app, parent, 'GET', '/equipment/loans/mine');
    assert.match(mine.body, /Abîmé/, 'the family sees the condition at the return');
  });
});
