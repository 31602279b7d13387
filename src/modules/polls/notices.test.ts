import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, TEST_NOW } from '../liaison/testing.js';
import { createPoll, pollBody } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

const noticesFor = (pollId: string) =>
  t.app.db
    .selectFrom('notifications')
    .select(['recipientId', 'title', 'link'])
    .where('kind', '=', 'polls.opened')
    .where('link', '=', `/polls/${pollId}`)
    .execute();

test('a poll’s members are told once when it opens, the author and other classes never', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const opens = new Date(clock.now().getTime() + 2 * 86_400_000);
  const later = await createPoll(t.app, teacher, pollBody(t.app, w.ce1.id, { title: 'Sortie de fin d’année', opensAt: opens.toISOString() }));
  await t.app.jobs.runDue();
  assert.deepEqual(await noticesFor(later.id), [], 'nothing before it opens');
  clock.set(new Date(opens.getTime() + 60_000).toISOString());
  await t.app.jobs.runDue();
  const notices = await noticesFor(later.id);
  const told = notices.map((n) => n.recipientId).sort();
  assert.ok(told.length > 0, 'the class’s parents are told');
  assert.ok(told.includes(w.ce1aParent.id) && told.includes(w.ce1bParent.id), `the CE1 parents: ${told}`);
  assert.ok(!told.includes(w.ce1Teacher.id), 'not the author');
  assert.ok(!told.includes(w.cm2Parent.id), 'not another class’s parents');
  assert.equal(notices[0]!.title, 'Nouveau sondage : Sortie de fin d’année', 'the title says what');
  await t.app.jobs.runDue();
  assert.equal((await noticesFor(later.id)).length, notices.length, 'once');
});

test('a poll withdrawn before it opens tells nobody', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const opens = new Date(clock.now().getTime() + 86_400_000);
  const poll = await createPoll(t.app, teacher, pollBody(t.app, w.ce1.id, { title: 'Finalement non', opensAt: opens.toISOString() }));
  const withdrawn = await request(t.app, teacher, 'PUT', `/api/polls/${poll.id}`, { withdraw: true });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  clock.set(new Date(opens.getTime() + 60_000).toISOString());
  await t.app.jobs.runDue();
  assert.deepEqual(await noticesFor(poll.id), [], 'nobody');
});
