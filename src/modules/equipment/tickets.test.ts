import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, buildPlace, equipmentWorld, reportFault } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
const clock = new TestClock('2027-03-15T09:00:00Z');
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await equipmentWorld(t.app.db);
});
after(() => t.close());

describe('equipment tickets', () => {
  test('a teacher reports, the technician triages and resolves, the reporter is told and the asset keeps it in its history', async () => {
    const board = await buildAsset(t.app.db, w.schoolA.id, {
      category: 'interactiveBoard',
      brand: 'Promethean',
      model: 'ActivPanel 9',
      inventoryNumber: 'TIL-TBI-01',
    });
    let teacher = await as(w.ce1Teacher.id);
    const pupil = await request(t.app, await as(w.ce1a.id), 'POST', `/api/equipment/assets/${board.id}/tickets`, { description: 'Cassé' });
    assert.equal(pupil.statusCode, 404, 'pupils do not report');
    const ticketId = await reportFault(t.app, teacher, board.id, 'L’écran reste noir au démarrage.');
    let tech = await as(w.technician.id);
    clock.advance(10 * 60_000);

    for (const who of [w.cm2Teacher.id, w.otherTechnician.id, w.ce1aParent.id]) {
      const res = await request(t.app, await as(who), 'GET', `/api/equipment/tickets/${ticketId}`);
      assert.equal(res.statusCode, 404, `the ticket is hidden from ${who}`);
    }
    const director = await request(t.app, await as(w.director.id), 'GET', `/api/equipment/tickets/${ticketId}`);
    assert.equal(director.statusCode, 200, 'the director follows it');
    const dueAt = (director.json() as { ticket: { dueAt: string } }).ticket.dueAt;
    assert.equal(dueAt, '2027-03-17T09:00:00.000Z', 'a board is to be fixed within 48 hours');

    const byTeacher = await request(t.app, teacher, 'PATCH', `/api/equipment/tickets/${ticketId}`, { status: 'resolved' });
    assert.equal(byTeacher.statusCode, 404, 'the reporter does not set the status');
    const badAssignee = await request(t.app, tech, 'PATCH', `/api/equipment/tickets/${ticketId}`, { assigneeId: w.otherTechnician.id });
    assert.equal(badAssignee.statusCode, 400, 'only an agent of the municipality is assigned');
    assert.match(badAssignee.body, /assigneeId/, 'the refusal names the field');

    const assign = await request(t.app, tech, 'PATCH', `/api/equipment/tickets/${ticketId}`, { assigneeId: w.technician.id, comment: 'Je passe jeudi.' });
    assert.equal(assign.statusCode, 200, assign.body);
    const mine = (await request(t.app, tech, 'GET', '/api/equipment/tickets?status=assigned')).json() as { items: { id: string; assignee: string }[] };
    assert.deepEqual(
      mine.items.map((k) => k.id),
      [ticketId],
      'assigning a new ticket makes it assigned',
    );

    clock.advance(72 * 3_600_000);
    // Sessions idle for three days have expired: sign in again.
    tech = await as(w.technician.id);
    teacher = await as(w.ce1Teacher.id);
    const overdueRes = await request(t.app, tech, 'GET', '/api/equipment/tickets?overdue=1');
    assert.equal(overdueRes.statusCode, 200, overdueRes.body);
    const overdue = overdueRes.json() as { items: { id: string; overdue: boolean }[] };
    assert.ok(
      overdue.items.some((k) => k.id === ticketId && k.overdue),
      'past its target the ticket is flagged overdue',
    );

    const resolve = await request(t.app, tech, 'PATCH', `/api/equipment/tickets/${ticketId}`, { status: 'resolved', comment: 'Carte mère remplacée.' });
    assert.equal(resolve.statusCode, 200, resolve.body);
    await t.app.jobs.runDue();
    clock.advance(60_000);
    const notices = await t.app.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('recipientId', '=', w.ce1Teacher.id)
      .where('kind', '=', 'equipment.ticket')
      .execute();
    assert.equal(notices.length, 2, 'the reporter is told of each new status (assigned, resolved)');
    assert.ok(
      notices.some((n) => /résolu/.test(n.title) && n.link === `/equipment/tickets/${ticketId}`),
      `the notice says resolved: ${JSON.stringify(notices)}`,
    );
    const comment = await request(t.app, teacher, 'POST', `/api/equipment/tickets/${ticketId}/comments`, { body: 'Merci, ça marche !' });
    assert.equal(comment.statusCode, 201, 'the reporter comments');
    const page = (await request(t.app, teacher, 'GET', `/api/equipment/tickets/${ticketId}`)).json() as {
      ticket: { overdue: boolean };
      notes: { statusTo: string | null; body: string | null }[];
    };
    assert.equal(page.ticket.overdue, false, 'a resolved ticket is no longer overdue');
    assert.deepEqual(
      page.notes.map((n) => n.statusTo ?? n.body),
      ['assigned', 'resolved', 'Merci, ça marche !'],
      'the follow-up in order',
    );
    const history = (await request(t.app, teacher, 'GET', `/api/equipment/assets/${board.id}`)).json() as {
      history: { kind: string; ticketId: string | null }[];
    };
    assert.deepEqual(
      history.history.map((e) => e.kind),
      ['ticketChanged', 'ticketChanged', 'ticketOpened'],
      'the ticket stays in the asset’s history',
    );
  });

  test('a fault on a room; lists are scoped in SQL: own tickets, the director’s school, the municipality', async () => {
    const room = await buildPlace(t.app.db, w.schoolA.id, { name: 'Salle informatique' });
    const res = await request(t.app, await as(w.cm2Teacher.id), 'POST', `/api/equipment/places/${room.id}/tickets`, {
      description: 'La prise réseau du fond ne marche plus.',
      since: 'mardi',
    });
    assert.equal(res.statusCode, 201, res.body);
    const empty = await request(t.app, await as(w.cm2Teacher.id), 'POST', `/api/equipment/places/${room.id}/tickets`, { description: '   ' });
    assert.equal(empty.statusCode, 400, 'a blank description is refused');
    const subjects = async (personId: string) =>
      ((await request(t.app, await as(personId), 'GET', '/api/equipment/tickets')).json() as { items: { subject: string }[] }).items
        .map((k) => k.subject)
        .sort();
    assert.deepEqual(await subjects(w.cm2Teacher.id), ['Salle Salle informatique'], 'a teacher lists their own reports');
    assert.equal((await subjects(w.director.id)).length, 2, 'the director lists the school’s');
    assert.equal((await subjects(w.technician.id)).length, 2, 'the technician lists the municipality’s');
    assert.deepEqual(await subjects(w.otherTechnician.id), [], 'another municipality none');
    const other = await request(t.app, await as(w.otherTeacher.id), 'POST', `/api/equipment/places/${room.id}/tickets`, { description: 'Intrus' });
    assert.equal(other.statusCode, 404, 'another school’s teacher cannot report here');
  });
});
