import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { homeworkWorld, lessonBody, publishLesson, TEST_NOW } from './testing.js';

// A side effect that fails must not turn a committed lesson into an error, nor publish it twice.
let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

test('a reaction that throws leaves the lesson published once, the teacher answered 201, and the families notified once', async () => {
  let failures = 0;
  t.app.events.on('homework.published', 'failing-subscriber', async () => {
    failures++;
    throw new Error('the mail relay is down');
  });
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id, { content: 'Une seule fois' }));
  assert.equal(saved.status, 'published');

  await t.app.jobs.runDue();
  assert.equal(failures, 1, 'the failing reaction ran');
  const jobs = await t.app.db
    .selectFrom('jobs')
    .select(['kind', 'status', 'attempts'])
    .where('kind', 'like', 'event:homework.published:%')
    .orderBy('kind')
    .execute();
  assert.deepEqual(jobs, [
    { kind: 'event:homework.published:failing-subscriber', status: 'pending', attempts: 1 },
    { kind: 'event:homework.published:notifications', status: 'done', attempts: 1 },
  ]);

  // A retry of the teacher's request (same lesson, saved again) publishes nothing twice.
  const again = await request(
    t.app,
    teacher,
    'PUT',
    `/api/homework/lessons/${saved.id}`,
    await lessonBody(t.app, w.schoolA.id, w.ce1.id, { content: 'Une seule fois' }),
  );
  assert.equal(again.statusCode, 200, again.body);
  clock.advance(60 * 60_000);
  await t.app.jobs.runDue();
  const lessons = await t.app.db.selectFrom('lessons').select('id').where('content', 'like', '%Une seule fois%').execute();
  assert.equal(lessons.length, 1, 'the lesson exists once');
  for (const family of [w.ce1a, w.ce1aParent, w.ce1b, w.ce1bParent]) {
    const mine = await t.app.db
      .selectFrom('notifications')
      .select('id')
      .where('recipientId', '=', family.id)
      .where('kind', '=', 'homework.published')
      .execute();
    assert.equal(mine.length, 1, `one notice for ${family.firstName}`);
  }
  assert.equal(failures, 2, 'the failing reaction was retried, apart from the others');
});
