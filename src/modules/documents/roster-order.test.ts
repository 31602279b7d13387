import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool } from '../directory/testing.js';
import { buildBox } from './testing.js';

// A teacher reads the hand-in roster in the order people read names: French collation, by the
// name shown (the usage name when there is one).
let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

test('the hand-in roster sorts pupils by their displayed name, accents folded', async () => {
  const school = await buildSchool(t.app.db);
  const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
  const pupils = [];
  for (const [firstName, lastName] of [
    ['Ali', 'YILMAZ'],
    ['Noël', 'BRUNET'],
    ['Ece', 'ÖZTÜRK'],
    ['Arthur', 'BÉRANGER'],
  ] as const) {
    pupils.push(await buildPerson(t.app.db, { profile: 'student', firstName, lastName, structureId: school.id }));
  }
  const group = await buildClass(t.app.db, school.id, { name: 'CM1', level: 'CM1', teachers: [teacher.id], students: pupils.map((p) => p.id) });
  const box = await buildBox(t.app, { groupId: group.id, teacherId: teacher.id, title: 'Exposé' });
  const res = await request(t.app, await loginAs(t.app, teacher.id), 'GET', `/api/documents/boxes/${box.id}`);
  assert.equal(res.statusCode, 200, res.body);
  const names = (res.json().lines as { name: string }[]).map((l) => l.name);
  assert.deepEqual(names, ['Arthur BÉRANGER', 'Noël BRUNET', 'Ece ÖZTÜRK', 'Ali YILMAZ']);
});
