import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, noteBody, sendNote, TEST_NOW, writeFamilyNote } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

const notesOf = async (personId: string) =>
  (await request(t.app, await as(personId), 'GET', '/api/liaison/notes')).json() as { id: string; answered: number }[];
const countRows = async (table: 'liaisonNotes' | 'liaisonAnswers' | 'liaisonFamilyNotes') =>
  Number(
    (
      await t.app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('cahier de liaison API', () => {
  test('without a session every liaison route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?liaison/.test(r.url));
    assert.ok(routes.length >= 20, `${routes.length} liaison routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
      else assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
    }
  });

  test('wrong senders: a class one does not teach, another school’s teacher, a parent, a pupil; nothing stored', async () => {
    const before = await countRows('liaisonNotes');
    const cases = [
      [w.cm2Teacher.id, 403, 'a colleague who does not teach the CE1'],
      [w.otherTeacher.id, 403, 'another school’s teacher'],
      [w.ce1aParent.id, 403, 'a parent'],
      [w.ce1a.id, 403, 'a pupil'],
    ] as const;
    for (const [personId, status, note] of cases) {
      const res = await request(t.app, await as(personId), 'POST', '/api/liaison/notes', noteBody(w.ce1.id));
      assert.equal(res.statusCode, status, `${note}: ${res.body}`);
    }
    assert.equal(await countRows('liaisonNotes'), before, 'no note stored');
  });

  test('bad notes are refused field by field and nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const before = await countRows('liaisonNotes');
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'title'],
      [{ body: '' }, 'body'],
      [{ replyQuestion: '' }, 'replyQuestion'],
      [{ replyKind: 'choice', replyOptions: ['Seul'] }, 'replyOptions'],
      [{ replyKind: 'choice', replyOptions: ['A', 'A'] }, 'replyOptions'],
      [{ studentIds: [w.cm2.id] }, 'studentIds'],
    ];
    for (const [over, field] of bad) {
      const res = await request(t.app, teacher, 'POST', '/api/liaison/notes', noteBody(w.ce1.id, over));
      assert.equal(res.statusCode, 400, `${JSON.stringify(over)}: ${res.body}`);
      const details = res.json().error.details as { field: string }[];
      assert.ok(
        details.some((d) => d.field === field),
        `${field} named in ${res.body}`,
      );
    }
    const schemaBad = await request(t.app, teacher, 'POST', '/api/liaison/notes', noteBody(w.ce1.id, { replyKind: 'maybe' }));
    assert.equal(schemaBad.statusCode, 400, schemaBad.body);
    assert.equal(await countRows('liaisonNotes'), before, 'nothing stored');
  });

  test('a parent signs an outing authorisation for their child; the sender sees it per child', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await sendNote(t.app, teacher, noteBody(w.ce1.id));
    await t.app.jobs.runDue();
    const notices = await t.app.db.selectFrom('notifications').select('recipientId').where('source', '=', `liaison.note:${id}`).execute();
    assert.deepEqual(new Set(notices.map((n) => n.recipientId)), new Set([w.ce1aParent.id, w.ce1bParent.id]), 'both CE1 families notified, no pupil');

    const parent = await as(w.ce1aParent.id);
    const detail = await request(t.app, parent, 'GET', `/api/liaison/notes/${id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.deepEqual(detail.json().signable, [w.ce1a.id], 'the parent signs for their own child');
    assert.equal(detail.json().lines.length, 1, 'a parent sees only their child’s line');
    assert.ok(!detail.body.includes(w.ce1b.firstName), 'the other family’s child is not shown');

    const wrong = await request(t.app, parent, 'POST', `/api/liaison/notes/${id}/signatures`, { studentId: w.ce1b.id, answer: 'yes' });
    assert.equal(wrong.statusCode, 404, 'answering for another family’s child');
    const notOption = await request(t.app, parent, 'POST', `/api/liaison/notes/${id}/signatures`, { studentId: w.ce1a.id, answer: 'peut-être' });
    assert.equal(notOption.statusCode, 400, notOption.body);
    assert.equal(notOption.json().error.details[0].field, 'answer');
    assert.equal(await countRows('liaisonAnswers'), 0, 'nothing stored after refusals');

    const signed = await request(t.app, parent, 'POST', `/api/liaison/notes/${id}/signatures`, { studentId: w.ce1a.id, answer: 'yes' });
    assert.equal(signed.statusCode, 200, signed.body);
    assert.equal(signed.json().channel, 'online');

    const own = (await notesOf(w.ce1aParent.id)).find((n) => n.id === id) as { answered: number; children: number } | undefined;
    assert.deepEqual([own?.answered, own?.children], [1, 1], 'a parent’s counts are their own children’s');
    const list = (await request(t.app, teacher, 'GET', `/api/liaison/notes/${id}`)).json();
    assert.deepEqual(list.counts, { children: 2, answered: 1, paper: 0 });
    const lea = list.lines.find((l: { studentId: string }) => l.studentId === w.ce1a.id);
    assert.equal(lea.answer, 'yes');
    assert.equal(lea.by, 'Marc Élève');
  });

  test('paper slips and online answers in one list; reminders only to families who have not answered, outside quiet hours', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await sendNote(t.app, teacher, noteBody(w.ce1.id, { replyKind: 'choice', replyQuestion: 'Repas', replyOptions: ['Pique-nique', 'Cantine'] }));
    const parentB = await as(w.ce1bParent.id);
    const paperByParent = await request(t.app, parentB, 'PUT', `/api/liaison/notes/${id}/paper/${w.ce1b.id}`, { answer: 'Cantine' });
    assert.equal(paperByParent.statusCode, 404, 'a parent records no paper slip');
    const paper = await request(t.app, teacher, 'PUT', `/api/liaison/notes/${id}/paper/${w.ce1a.id}`, { answer: 'Pique-nique' });
    assert.equal(paper.statusCode, 200, paper.body);
    const outsider = await request(t.app, teacher, 'PUT', `/api/liaison/notes/${id}/paper/${w.cm2.id}`, { answer: 'Cantine' });
    assert.equal(outsider.statusCode, 400, 'a child the note does not concern');

    // At 22:00 Paris time the reminder waits for the end of quiet hours (07:00).
    clock.set('2025-03-17T21:00:00Z');
    const remind = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/liaison/notes/${id}/reminders`);
    assert.equal(remind.statusCode, 202, remind.body);
    assert.equal(remind.json().families, 1);
    assert.equal(remind.json().at, '2025-03-18T06:00:00.000Z');
    await t.app.jobs.runDue();
    const early = await t.app.db.selectFrom('notifications').select('recipientId').where('kind', '=', 'liaison.reminder').execute();
    assert.equal(early.length, 0, 'nothing during quiet hours');
    clock.set('2025-03-18T06:05:00Z');
    await t.app.jobs.runDue();
    const reminded = await t.app.db.selectFrom('notifications').select('recipientId').where('kind', '=', 'liaison.reminder').execute();
    assert.deepEqual(
      reminded.map((r) => r.recipientId),
      [w.ce1bParent.id],
      'only the family without an answer',
    );
    clock.set(TEST_NOW);

    const list = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/liaison/notes/${id}`)).json();
    const lea = list.lines.find((l: { studentId: string }) => l.studentId === w.ce1a.id);
    assert.equal(lea.channel, 'paper');
    assert.equal(lea.by, 'Théo Enseignant');
  });

  test('pupils see a note only when the sender chose so; withdrawn notes stay, marked, and cannot be signed', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const hidden = await sendNote(t.app, teacher, noteBody(w.ce1.id, { title: 'Réunion des parents' }));
    const shown = await sendNote(t.app, teacher, noteBody(w.ce1.id, { title: 'Piscine', showToPupils: true, studentIds: [w.ce1a.id] }));
    const pupilA = (await notesOf(w.ce1a.id)).map((n) => n.id);
    assert.ok(pupilA.includes(shown) && !pupilA.includes(hidden), 'the pupil sees the note shown to pupils only');
    assert.ok(!(await notesOf(w.ce1b.id)).some((n) => n.id === shown), 'a pupil the note does not concern');
    assert.ok(!(await notesOf(w.ce1bParent.id)).some((n) => n.id === shown), 'a family not chosen');
    assert.equal((await request(t.app, await as(w.ce1b.id), 'GET', `/api/liaison/notes/${hidden}`)).statusCode, 404, 'hidden from pupils');

    const withdraw = await request(t.app, teacher, 'POST', `/api/liaison/notes/${shown}/withdraw`);
    assert.equal(withdraw.statusCode, 204, withdraw.body);
    const row = await t.app.db.selectFrom('liaisonNotes').selectAll().where('id', '=', shown).executeTakeFirstOrThrow();
    assert.equal(row.withdrawnBy, w.ce1Teacher.id);
    const parent = await as(w.ce1aParent.id);
    const detail = (await request(t.app, parent, 'GET', `/api/liaison/notes/${shown}`)).json();
    assert.equal(detail.withdrawn, true);
    const sign = await request(t.app, parent, 'POST', `/api/liaison/notes/${shown}/signatures`, { studentId: w.ce1a.id, answer: 'yes' });
    assert.equal(sign.statusCode, 404, 'a withdrawn note is not signed');
  });

  test('the director writes to any class of the school; another school’s director does not', async () => {
    const director = await as(w.director.id);
    const id = await sendNote(t.app, director, noteBody(w.ce1.id, { replyKind: 'text', replyQuestion: 'Vos disponibilités' }));
    const text = await request(t.app, await as(w.ce1aParent.id), 'POST', `/api/liaison/notes/${id}/signatures`, { studentId: w.ce1a.id, answer: '  ' });
    assert.equal(text.statusCode, 400, 'an empty text answer');
    const other = await request(t.app, await as(w.otherTeacher.id), 'GET', `/api/liaison/notes/${id}`);
    assert.equal(other.statusCode, 404, 'another school’s teacher');
    assert.ok(!other.body.includes('Sortie'), 'no content');
  });

  test('a parent writes to the teacher; the teacher acknowledges; others cannot', async () => {
    const before = await countRows('liaisonFamilyNotes');
    const wrongChild = await request(t.app, await as(w.ce1aParent.id), 'POST', '/api/liaison/family-notes', {
      studentId: w.ce1b.id,
      kind: 'absence',
      body: 'x',
    });
    assert.equal(wrongChild.statusCode, 404, 'another family’s child');
    const empty = await request(t.app, await as(w.ce1aParent.id), 'POST', '/api/liaison/family-notes', { studentId: w.ce1a.id, kind: 'absence', body: '  ' });
    assert.equal(empty.statusCode, 400, 'empty text');
    assert.equal(await countRows('liaisonFamilyNotes'), before, 'nothing stored');

    const id = await writeFamilyNote(t.app, await as(w.ce1aParent.id), w.ce1a.id);
    await t.app.jobs.runDue();
    const notices = await t.app.db.selectFrom('notifications').select('recipientId').where('source', '=', `liaison.familyNote:${id}`).execute();
    assert.deepEqual(
      notices.map((n) => n.recipientId),
      [w.ce1Teacher.id],
      'the CE1 teacher is notified',
    );
    const cm2 = await request(t.app, await as(w.cm2Teacher.id), 'POST', `/api/liaison/family-notes/${id}/acknowledge`);
    assert.equal(cm2.statusCode, 404, 'another class’s teacher');
    const cm2List = (await request(t.app, await as(w.cm2Teacher.id), 'GET', '/api/liaison/family-notes')).json() as { id: string }[];
    assert.ok(!cm2List.some((f) => f.id === id), 'not in another class’s teacher’s list');
    const ack = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/liaison/family-notes/${id}/acknowledge`);
    assert.equal(ack.statusCode, 200, ack.body);
    const mine = (await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/liaison/family-notes')).json() as { id: string; acknowledged: boolean }[];
    assert.equal(mine.find((f) => f.id === id)?.acknowledged, true);
  });
});
