import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { liaisonWorld, noteBody, sendNote, TEST_NOW, writeFamilyNote } from './testing.js';

/** The cahier de liaison in the register and in the archives: each family its own notes and answers, the teacher what he wrote. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);
const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'liaison');

test('the register declares the cahier de liaison', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; people: string[] }> }).items.find((i) => i.module === 'liaison');
  assert.equal(entry?.title, 'Cahier de liaison');
  assert.ok(entry?.people.includes('responsables légaux'), `guardians are concerned: ${JSON.stringify(entry)}`);
});

test('each family’s archive holds its notes, answers and own words, not the other family’s; the teacher’s holds what he wrote', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const noteId = await sendNote(t.app, teacher, noteBody(w.ce1.id, { showToPupils: true }));
  const a = await loginAs(t.app, w.ce1aParent.id);
  const b = await loginAs(t.app, w.ce1bParent.id);
  const signedA = await request(t.app, a, 'POST', `/api/liaison/notes/${noteId}/signatures`, { studentId: w.ce1a.id, answer: 'yes' });
  assert.equal(signedA.statusCode, 200, signedA.body);
  const signedB = await request(t.app, b, 'POST', `/api/liaison/notes/${noteId}/signatures`, { studentId: w.ce1b.id, answer: 'no' });
  assert.equal(signedB.statusCode, 200, signedB.body);
  await writeFamilyNote(t.app, a, w.ce1a.id, 'Léa sera absente vendredi (rendez-vous médical).');
  await writeFamilyNote(t.app, b, w.ce1b.id, 'Noé a perdu son cahier de poésie.');

  const guardian = await archiveOf(w.ce1aParent.id);
  assert.deepEqual(
    json(guardian, 'liaison/mots-recus.json').map((n) => [n.id, n.forStudentId, n.title]),
    [[noteId, w.ce1a.id, 'Sortie au musée des Beaux-Arts']],
    'the note, for his own child',
  );
  assert.deepEqual(
    json(guardian, 'liaison/signatures-et-reponses.json').map((r) => [r.studentId, r.answer, r.channel]),
    [[w.ce1a.id, 'yes', 'online']],
  );
  assert.deepEqual(
    json(guardian, 'liaison/mots-des-familles.json').map((n) => n.body),
    ['Léa sera absente vendredi (rendez-vous médical).'],
  );
  const his = moduleText(guardian);
  assert.ok(!his.includes(w.ce1b.id) && !his.includes('cahier de poésie') && !his.includes(w.ce1bParent.id), 'nothing of the other family');

  const pupil = await archiveOf(w.ce1a.id);
  assert.deepEqual(
    json(pupil, 'liaison/mots-recus.json').map((n) => [n.id, n.forStudentId]),
    [[noteId, w.ce1a.id]],
    'shown to the pupils',
  );
  assert.deepEqual(
    json(pupil, 'liaison/signatures-et-reponses.json').map((r) => [r.studentId, r.answer]),
    [[w.ce1a.id, 'yes']],
    'the answer given for her',
  );
  assert.deepEqual(
    json(pupil, 'liaison/mots-des-familles.json').map((n) => n.studentId),
    [w.ce1a.id],
  );
  assert.ok(!moduleText(pupil).includes('cahier de poésie'), 'not her classmate’s note');

  const author = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(author, 'liaison/mots-ecrits.json').map((n) => [n.id, n.body]),
    [[noteId, 'Jeudi 20 mars, la classe visite le musée.\nPrévoir un goûter.']],
  );
  assert.deepEqual(json(author, 'liaison/signatures-et-reponses.json'), [], 'the families’ answers are theirs');
  const text = moduleText(author);
  assert.ok(!text.includes('rendez-vous médical') && !text.includes('cahier de poésie'), 'the families’ notes are theirs');
});
