import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../src/kernel/testing/index.js';
import { schoolYearOf, subjectsTaughtInGroup, teacherSubjects } from '../../src/modules/directory/index.js';
import { completeFeed, feedModel } from '../../src/modules/directory/aaf/generate.js';
import { importAaf } from '../../src/modules/directory/aaf/import.js';

// A collège loaded from the académie's feed: each teacher's cahier de textes offers exactly the
// classes and groups they teach, and in each exactly the subjects the feed gives them.
let t: TestApp;
let teacherId: string;
let structureId: string;

before(async () => {
  t = await buildTestApp(buildApp);
  const model = feedModel({ structures: 1, classesPerLevel: 2, pupilsPerClass: 4 });
  const files = completeFeed(model);
  const year = schoolYearOf(t.app.clock.now());
  await importAaf(t.app.db, { schoolYear: year, sources: files.map((f) => ({ name: f.name, read: () => [f.bytes] })), actorId: null });
  const jointure = model.staff.find((p) => p.mainClass)!.jointure;
  const row = await t.app.db.selectFrom('aafPeople').select('personId').where('jointure', '=', jointure).executeTakeFirstOrThrow();
  teacherId = row.personId;
  // The account as after its first login: activated, charter accepted.
  const now = t.app.clock.now().toISOString();
  await t.app.db.updateTable('people').set({ activationCode: null, activatedAt: now, charterAcceptedAt: now }).where('id', '=', teacherId).execute();
  const taught = await teacherSubjects(t.app.db, teacherId, year);
  assert.ok(taught.length >= 2, `the feed gives the teacher subjects: ${JSON.stringify(taught)}`);
  structureId = taught[0]!.structureId;
});
after(() => t.close());

test('the lesson form offers the teacher’s own groups, and in each only the subjects the feed gives', async () => {
  const session = await loginAs(t.app, teacherId, structureId);
  const year = schoolYearOf(t.app.clock.now());
  const taught = await teacherSubjects(t.app.db, teacherId, year);
  const groupIds = [...new Set(taught.map((s) => s.groupId))];
  for (const groupId of groupIds) {
    const page = await request(t.app, session, 'GET', `/homework/lessons/new?groupId=${groupId}`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const offered = [...page.body.matchAll(/<select[^>]*name="subjectId"[^>]*>([\s\S]*?)<\/select>/g)].flatMap((m) =>
      [...m[1]!.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^<]+)<\/option>/g)].map((o) => o[2]!.trim()),
    );
    const expected = (await subjectsTaughtInGroup(t.app.db, teacherId, groupId)).map((s) => s.label);
    assert.deepEqual([...offered].sort(), [...expected].sort(), `group ${groupId}`);
  }
});

test('a lesson in a subject the teacher does not teach in that group is refused', async () => {
  const session = await loginAs(t.app, teacherId, structureId);
  const year = schoolYearOf(t.app.clock.now());
  const [first] = await teacherSubjects(t.app.db, teacherId, year);
  // The school's whole list of disciplines, and this group's form (which adds the feed's subjects).
  assert.equal((await request(t.app, session, 'GET', '/api/homework/subjects')).statusCode, 200);
  assert.equal((await request(t.app, session, 'GET', `/homework/lessons/new?groupId=${first!.groupId}`)).statusCode, 200);
  const mine = await t.app.db.selectFrom('subjects').select(['id', 'code']).where('structureId', '=', structureId).execute();
  const taughtHere = new Set((await subjectsTaughtInGroup(t.app.db, teacherId, first!.groupId)).map((s) => s.code));
  const other = mine.find((s) => !taughtHere.has(s.code));
  const own = mine.find((s) => taughtHere.has(s.code));
  assert.ok(own && other, `a subject taught here and one that is not, among ${mine.map((s) => s.code).join(', ')}`);
  const body = (subjectId: string) => ({
    groupId: first!.groupId,
    subjectId,
    lessonDate: t.app.clock.now().toISOString().slice(0, 10),
    content: 'Séance du jour',
    publish: true,
    assignments: [],
  });
  const ok = await request(t.app, session, 'POST', '/api/homework/lessons', body(own.id));
  assert.equal(ok.statusCode, 201, ok.body);
  const refused = await request(t.app, session, 'POST', '/api/homework/lessons', body(other.id));
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(refused.json().error.details[0].field, 'subjectId');
});
