import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, TEST_NOW } from '../liaison/testing.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { createPoll, pollBody } from './testing.js';

/** Polls in the register and in the archives: the polls one created or was asked, one’s own votes, never another family’s. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);

test('the register declares the polls', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; people: string[] }> }).items.find((i) => i.module === 'polls');
  assert.equal(entry?.title, 'Sondages');
  assert.ok(entry?.people.includes('responsables légaux'), `guardians are concerned: ${JSON.stringify(entry)}`);
});

test('a parent’s archive holds his votes (choices only when named), not the other family’s; the author’s her polls without the votes', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const named = await createPoll(t.app, teacher, pollBody(t.app, w.ce1.id));
  const secret = await createPoll(
    t.app,
    teacher,
    pollBody(t.app, w.ce1.id, { title: 'Une kermesse en juin ?', options: ['Oui', 'Non'], perFamily: false, anonymous: true }),
  );
  const marc = await loginAs(t.app, w.ce1aParent.id);
  const ines = await loginAs(t.app, w.ce1bParent.id);
  const vote = async (session: typeof marc, pollId: string, optionId: string, studentId?: string) => {
    const res = await request(t.app, session, 'POST', `/api/polls/${pollId}/votes`, { optionIds: [optionId], ...(studentId ? { studentId } : {}) });
    assert.equal(res.statusCode, 200, res.body);
  };
  await vote(marc, named.id, named.options[0]!, w.ce1a.id);
  await vote(ines, named.id, named.options[1]!, w.ce1b.id);
  await vote(marc, secret.id, secret.options[0]!);

  const parent = await archiveOf(w.ce1aParent.id);
  assert.deepEqual(
    json(parent, 'polls/sondages-recus.json')
      .map((p) => p.title)
      .sort(),
    ['Quel jour pour la réunion de rentrée ?', 'Une kermesse en juin ?'],
  );
  assert.deepEqual(
    json(parent, 'polls/votes.json').map((v) => [v.pollId, v.forStudentId, v.choices]),
    [
      [named.id, w.ce1a.id, [{ optionId: named.options[0], label: 'Lundi 18 h' }]],
      [secret.id, null, []],
    ],
    'his named vote with its choice; that he voted in the anonymous poll, without what',
  );
  const text = [...parent.entries()]
    .filter(([k]) => k.startsWith('polls/'))
    .map(([, v]) => v.toString('utf8'))
    .join('\n');
  assert.ok(!text.includes(w.ce1b.id) && !text.includes('Jeudi 18 h'), 'nothing of the other family’s vote');
  assert.deepEqual(json(parent, 'polls/sondages-crees.json'), [], 'he created none');

  const author = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(author, 'polls/sondages-crees.json')
      .map((p) => p.id)
      .sort(),
    [named.id, secret.id].sort(),
  );
  assert.deepEqual(
    json(author, 'polls/reponses-proposees.json')
      .filter((o) => o.pollId === named.id)
      .map((o) => o.label),
    ['Lundi 18 h', 'Jeudi 18 h'],
  );
  assert.deepEqual(json(author, 'polls/votes.json'), [], 'the families’ votes are theirs');
});
