import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildLink, type World } from '../directory/testing.js';
import { liaisonWorld, TEST_NOW } from '../liaison/testing.js';
import { createPoll, pollBody } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await liaisonWorld(t.app);
  // Léa's second legal guardian: one family, two accounts.
  await buildLink(t.app.db, w.ce1bParent.id, w.ce1a.id);
});
after(() => t.close());

const ballots = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('pollBallots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('polls', () => {
  test('only audiences the author may reach; bad polls refused field by field, nothing stored', async () => {
    const cases = [
      [w.cm2Teacher.id, pollBody(t.app, w.ce1.id), 403, 'a class one does not teach'],
      [w.otherTeacher.id, pollBody(t.app, w.ce1.id), 403, 'another school’s teacher'],
      [w.ce1Teacher.id, pollBody(t.app, w.ce1.id, { audience: 'staff', groupId: null, perFamily: false }), 403, 'a teacher polls the staff'],
      [w.ce1aParent.id, pollBody(t.app, w.ce1.id), 403, 'a parent'],
    ] as const;
    for (const [personId, body, status, note] of cases) {
      const res = await request(t.app, await as(personId), 'POST', '/api/polls', body);
      assert.equal(res.statusCode, status, `${note}: ${res.body}`);
    }
    const teacher = await as(w.ce1Teacher.id);
    const bad: [Record<string, unknown>, string][] = [
      [{ title: ' ' }, 'title'],
      [{ options: ['Seul'] }, 'options'],
      [{ closesAt: new Date(clock.now().getTime() - 7_200_000).toISOString() }, 'closesAt'],
      [{ opensAt: 'demain' }, 'opensAt'],
    ];
    for (const [over, field] of bad) {
      const res = await request(t.app, teacher, 'POST', '/api/polls', pollBody(t.app, w.ce1.id, over));
      assert.equal(res.statusCode, 400, `${JSON.stringify(over)}: ${res.body}`);
      assert.ok(
        (res.json().error.details as { field: string }[]).some((d) => d.field === field),
        `${field} named`,
      );
    }
    const director = await as(w.director.id);
    const council = await request(
      t.app,
      director,
      'POST',
      '/api/polls',
      pollBody(t.app, w.ce1.id, { audience: 'people', groupId: null, perFamily: false, personIds: [w.otherParent.id] }),
    );
    assert.equal(council.statusCode, 400, 'a council member from another school');
    const perFamilyStaff = await request(t.app, director, 'POST', '/api/polls', pollBody(t.app, w.ce1.id, { audience: 'staff', groupId: null }));
    assert.equal(perFamilyStaff.statusCode, 400, 'per family for the staff');
    const count = Number(
      (
        await t.app.db
          .selectFrom('polls')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(count, 0, 'nothing stored');
  });

  test('one vote per family: two guardians of the same child share it; results after closing; CSV export', async () => {
    const poll = await createPoll(t.app, await as(w.ce1Teacher.id), pollBody(t.app, w.ce1.id));
    const [monday, thursday] = poll.options as [string, string];
    const marc = await as(w.ce1aParent.id);
    const ines = await as(w.ce1bParent.id);
    const wrong = await request(t.app, await as(w.cm2Parent.id), 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [monday], studentId: w.cm2.id });
    assert.equal(wrong.statusCode, 404, 'another class’s parent');
    const pupil = await request(t.app, await as(w.ce1a.id), 'GET', `/api/polls/${poll.id}`);
    assert.equal(pupil.statusCode, 404, 'a pupil of the class');
    const notOption = await request(t.app, marc, 'POST', `/api/polls/${poll.id}/votes`, {
      optionIds: ['00000000-0000-4000-8000-000000000000'],
      studentId: w.ce1a.id,
    });
    assert.equal(notOption.statusCode, 400, 'not an option');
    const two = await request(t.app, marc, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [monday, thursday], studentId: w.ce1a.id });
    assert.equal(two.statusCode, 400, 'single choice');
    const otherChild = await request(t.app, marc, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [monday], studentId: w.ce1b.id });
    assert.equal(otherChild.statusCode, 400, 'for another family’s child');
    assert.equal(await ballots(), 0, 'nothing stored');

    assert.equal(
      (await request(t.app, marc, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [monday], studentId: w.ce1a.id })).statusCode,
      200,
      'Marc votes for Léa',
    );
    const inesView = (await request(t.app, ines, 'GET', `/api/polls/${poll.id}`)).json();
    assert.equal(inesView.mine.length, 2, 'Inès votes for Noé’s family and for Léa’s');
    const lea = inesView.mine.find((m: { studentId: string }) => m.studentId === w.ce1a.id);
    assert.ok(lea.voted && lea.choices[0] === monday, 'Léa’s family vote is already there');
    assert.equal(inesView.results, null, 'no results before closing');
    await request(t.app, ines, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [thursday], studentId: w.ce1a.id });
    await request(t.app, ines, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [thursday], studentId: w.ce1b.id });
    assert.equal(await ballots(), 2, 'one ballot per family');

    const author = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/polls/${poll.id}`)).json();
    assert.deepEqual(
      author.results.options.map((o: { votes: number }) => o.votes),
      [0, 2],
      'the author sees live counts',
    );
    clock.advance(8 * 86_400_000);
    const closed = (await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/polls/${poll.id}`)).json();
    assert.equal(closed.results.ballots, 2, 'results for the audience after closing');
    const late = await request(t.app, await as(w.ce1aParent.id), 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [monday], studentId: w.ce1a.id });
    assert.equal(late.statusCode, 404, 'closed');
    const csv = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/polls/${poll.id}/results.csv`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.body, /Jeudi 18 h;2/);
    assert.match(csv.body, /Inès Écolier;Léa Élève;Jeudi 18 h/);
    const parentCsv = await request(t.app, await as(w.ce1aParent.id), 'GET', `/polls/${poll.id}/results.csv`);
    assert.equal(parentCsv.statusCode, 404, 'a parent exports nothing');
    clock.set(TEST_NOW);
  });

  test('anonymity is chosen at creation and locked at the first vote; an anonymous vote is final and nameless', async () => {
    const director = await as(w.director.id);
    const poll = await createPoll(
      t.app,
      director,
      pollBody(t.app, w.ce1.id, { audience: 'staff', groupId: null, perFamily: false, anonymous: true, multiple: true, resultsLive: true }),
    );
    const teacher = await as(w.ce1Teacher.id);
    const unlock = await request(t.app, director, 'PUT', `/api/polls/${poll.id}`, { anonymous: false });
    assert.equal(unlock.statusCode, 200, 'changeable before any vote');
    const relock = await request(t.app, director, 'PUT', `/api/polls/${poll.id}`, { anonymous: true });
    assert.equal(relock.statusCode, 200, relock.body);
    assert.equal(
      (await request(t.app, teacher, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: poll.options })).statusCode,
      200,
      'the teacher votes for both',
    );
    const again = await request(t.app, teacher, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [poll.options[0]] });
    assert.equal(again.statusCode, 409, 'an anonymous vote is final');
    const locked = await request(t.app, director, 'PUT', `/api/polls/${poll.id}`, { anonymous: false });
    assert.equal(locked.statusCode, 409, locked.body);
    assert.equal(locked.json().error.code, 'polls.anonymity_locked');
    const rows = await t.app.db.selectFrom('pollChoices').select('voterKey').where('pollId', '=', poll.id).execute();
    assert.ok(
      rows.every((r) => r.voterKey === null),
      'choices are not tied to the voter',
    );
    const live = (await request(t.app, teacher, 'GET', `/api/polls/${poll.id}`)).json();
    assert.equal(live.results.ballots, 1, 'live results for the audience');
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/polls/${poll.id}`);
    assert.equal(parent.statusCode, 404, 'a parent is not staff');
    const csv = await request(t.app, director, 'GET', `/polls/${poll.id}/results.csv`);
    assert.ok(!csv.body.includes('Théo'), 'no names in an anonymous export');
    const edit = await request(t.app, teacher, 'PUT', `/api/polls/${poll.id}`, { title: 'Autre' });
    assert.equal(edit.statusCode, 404, 'only the author edits');
  });

  test('pages: the form comes back with its messages; a parent votes from the poll page', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const formPost = (session: { csrf: string }, url: string, fields: Record<string, string | string[]>) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
      params.set('_csrf', session.csrf);
      return request(t.app, session as never, 'POST', url, params.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    };
    const bad = await formPost(teacher, '/polls', {
      audience: 'classParents',
      groupId: w.ce1.id,
      title: 'Sortie de fin d’année',
      options: 'Zoo',
      opensOn: '2025-03-17',
      closesOn: '2025-03-20',
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.ok(bad.body.includes('Proposez de 2 à 20 réponses.') && bad.body.includes('value="Sortie de fin d’année"'), 'message and typed values');
    const created = await formPost(teacher, '/polls', {
      audience: 'classParents',
      groupId: w.ce1.id,
      title: 'Sortie de fin d’année',
      options: 'Zoo\nMusée',
      perFamily: 'on',
      opensOn: '2025-03-17',
      closesOn: '2025-03-20',
    });
    assert.equal(created.statusCode, 303, created.body);
    const url = String(created.headers.location);
    const parent = await as(w.ce1aParent.id);
    const page = await request(t.app, parent, 'GET', url);
    assert.ok(page.body.includes('Pour la famille de Léa Élève'), 'a vote per child’s family');
    const empty = await formPost(parent, `${url}/vote`, { studentId: w.ce1a.id });
    assert.equal(empty.statusCode, 400, 'no option chosen');
    assert.ok(empty.body.includes('Choisissez une réponse.'), 'the message is shown');
    const poll = (await request(t.app, parent, 'GET', `/api/polls/${url.split('/').pop()}`)).json();
    const voted = await formPost(parent, `${url}/vote`, { studentId: w.ce1a.id, optionIds: poll.options[1].id });
    assert.equal(voted.statusCode, 303, voted.body);
    const withdraw = await formPost(parent, `${url}/withdraw`, {});
    assert.equal(withdraw.statusCode, 404, 'a parent withdraws nothing');
    const list = await request(t.app, await as(w.cm2Parent.id), 'GET', '/polls');
    assert.ok(!list.body.includes('Sortie de fin d’année'), 'another class’s parent does not see it');
  });
});
