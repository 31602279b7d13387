import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildLink, buildPerson, buildWorld, type World } from '../directory/testing.js';
import { lessonBody, publishLesson } from '../homework/testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
});
after(() => t.close());

test('a pupil’s home page shows the work due soon, with a way to the agenda', async () => {
  const res = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', '/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Travail à faire/);
  assert.match(res.body, /1\u00a0devoir pour demain · 2\u00a0devoirs d’ici une semaine/);
  assert.match(res.body, /Exercices 3 et 4 page 52/);
  assert.match(res.body, /href="\/homework\/agenda"/);
});

test('a parent sees each child’s work on the home page; another class’s family sees none of it', async () => {
  const parent = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', '/');
  assert.match(parent.body, /1\u00a0devoir pour demain/);
  assert.match(parent.body, /Agenda de Léa Élève/);
  assert.match(parent.body, new RegExp(`href="/homework/agenda\\?child=${w.ce1a.id}"`));
  const other = await request(t.app, await loginAs(t.app, w.cm2Parent.id), 'GET', '/');
  assert.doesNotMatch(other.body, /Exercices 3 et 4/);
  assert.match(other.body, /Rien à faire cette semaine/);
});

test('when the school keeps the cahier de textes closed to parents, their home page says nothing of it', async () => {
  await t.app.db
    .insertInto('homeworkSettings')
    .values({ structureId: w.schoolA.id, openToStudents: 1, openToRelatives: 0, updatedAt: new Date().toISOString(), updatedBy: null })
    .onConflict((oc) => oc.column('structureId').doUpdateSet({ openToRelatives: 0 }))
    .execute();
  const parent = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', '/');
  assert.doesNotMatch(parent.body, /Exercices 3 et 4|pour demain/);
  const pupil = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', '/');
  assert.match(pupil.body, /Exercices 3 et 4/);
});

test('the structure’s figures are for those who manage it, the instance’s for the instance administrator', async () => {
  const director = await request(t.app, await loginAs(t.app, w.director.id, w.schoolA.id), 'GET', '/');
  assert.match(director.body, /Votre établissement : École des Tilleuls/);
  assert.doesNotMatch(director.body, /Administration de l’instance/);
  const teacher = await request(t.app, await loginAs(t.app, w.ce1Teacher.id, w.schoolA.id), 'GET', '/');
  assert.equal(teacher.statusCode, 200);
  assert.doesNotMatch(teacher.body, /Votre établissement :|Administration de l’instance/);
  const admin = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
  const page = await request(t.app, await loginAs(t.app, admin.id), 'GET', '/');
  assert.match(page.body, /Administration de l’instance/);
  assert.match(page.body, /2\u00a0structures/);
});

test('the home page elides before a vowel and counts in the singular for one', async () => {
  const aymeric = await buildPerson(t.app.db, { profile: 'student', firstName: 'Aymeric', lastName: 'Martin', structureId: w.schoolB.id });
  const parent = await buildPerson(t.app.db, { profile: 'relative', firstName: 'Anne', lastName: 'Martin', structureId: w.schoolB.id });
  await buildLink(t.app.db, parent.id, aymeric.id);
  const teacher = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Hugo', lastName: 'Seul', structureId: w.schoolB.id });
  await buildClass(t.app.db, w.schoolB.id, { name: 'CP', level: 'CP', teachers: [teacher.id], students: [aymeric.id] });
  const page = await request(t.app, await loginAs(t.app, parent.id), 'GET', '/');
  assert.match(page.body, /Agenda d’Aymeric Martin/);
  assert.doesNotMatch(page.body, /Agenda de Aymeric/);
  assert.match(page.body, /Rien à faire cette semaine/);
  const classes = await request(t.app, await loginAs(t.app, teacher.id), 'GET', '/');
  assert.match(classes.body, /1\u00a0élève/);
  assert.doesNotMatch(classes.body, /1 élèves/);
  assert.match(page.body, /Enseignant : Hugo Seul/);
  assert.doesNotMatch(page.body, /Enseignants : Hugo Seul/);
});
