import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { postForm, requestsWorld, TEST_NOW, type RequestsWorld } from './testing.js';

let t: TestApp;
let w: RequestsWorld;
let secondSchool: { id: string };
let secondDirector: { id: string };
let otherDirector: { id: string };

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await requestsWorld(t.app);
  secondSchool = await buildSchool(t.app.db, { name: 'École des Acacias', parentId: w.town.id });
  secondDirector = await buildPerson(t.app.db, {
    profile: 'teacher',
    firstName: 'Agathe',
    lastName: 'Acacia',
    structureId: secondSchool.id,
    roles: ['director'],
  });
  otherDirector = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Bruno', lastName: 'Portier', structureId: w.schoolB.id, roles: ['director'] });
});
after(() => t.close());

const as = (id: string) => loginAs(t.app, id);

test('a note to chosen schools reaches their directors only; each opening is recorded and shown to the town', async () => {
  const agent = await as(w.agent.id);
  const form = await request(t.app, agent, 'GET', '/mairie/notes/nouvelle');
  assert.equal(form.statusCode, 200, form.body);
  assert.match(form.body, /École des Acacias[\s\S]*École des Tilleuls/, 'the town’s schools in French order');
  assert.doesNotMatch(form.body, /École du Port/, 'not another town’s school');

  const empty = await postForm(t.app, agent, '/mairie/notes', { title: 'Travaux d’été', body: '', audience: 'chosen' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Écrivez le texte de la note\./);
  assert.match(empty.body, /Choisissez au moins une école\./);
  assert.match(empty.body, /value="Travaux d’été"/, 'the title typed comes back');
  const foreign = await postForm(t.app, agent, '/mairie/notes', { title: 'X', body: 'Y', audience: 'chosen', schoolIds: w.schoolB.id });
  assert.match(foreign.body, /Choisissez des écoles de votre commune\./);

  const sent = await postForm(t.app, agent, '/mairie/notes', {
    title: 'Travaux d’été',
    body: 'Listez vos besoins avant le 15 mai.',
    audience: 'chosen',
    schoolIds: w.schoolA.id,
  });
  assert.equal(sent.statusCode, 303, sent.body);
  const noteId = String(sent.headers.location).split('/').pop()!;

  const director = await as(w.director.id);
  const index = await request(t.app, director, 'GET', '/mairie');
  assert.equal(index.statusCode, 200);
  assert.match(index.body, /Travaux d’été/);
  assert.match(index.body, /Non lue/);
  for (const who of [secondDirector.id, otherDirector.id]) {
    const other = await request(t.app, await as(who), 'GET', '/mairie');
    assert.doesNotMatch(other.body, /Travaux d’été/, 'a director of a school not chosen');
    assert.equal((await request(t.app, await as(who), 'GET', `/mairie/notes/${noteId}`)).statusCode, 404);
  }
  const read = await request(t.app, director, 'GET', `/mairie/notes/${noteId}`);
  assert.match(read.body, /Listez vos besoins avant le 15 mai\./);
  assert.doesNotMatch(read.body, /Lectures par école/, 'the director does not see the reads');
  const again = await request(t.app, director, 'GET', '/mairie');
  assert.match(again.body, /Lue le 1er décembre 2026/);

  const followed = await request(t.app, agent, 'GET', `/api/requests/notes/${noteId}`);
  assert.deepEqual(
    (followed.json() as { schools: { name: string; directors: { name: string; readAt: string | null }[] }[] }).schools.map((s) => [
      s.name,
      s.directors.map((d) => [d.name, d.readAt]),
    ]),
    [['École des Tilleuls', [['Delphine Directrice', '2026-12-01T09:00:00.000Z']]]],
  );
  assert.equal((await request(t.app, await as(w.otherAgent.id), 'GET', `/api/requests/notes/${noteId}`)).statusCode, 404, 'another town’s agent');
  assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', `/mairie/notes/${noteId}`)).statusCode, 404, 'a teacher');
});

test('a note to all schools reaches every director of the town, also of a school added later', async () => {
  const agent = await as(w.agent.id);
  const res = await request(t.app, agent, 'POST', '/api/requests/notes', {
    title: 'Effectifs de janvier',
    body: 'Avant vendredi.',
    allSchools: true,
    schoolIds: [],
  });
  assert.equal(res.statusCode, 201, res.body);
  const later = await buildSchool(t.app.db, { name: 'École des Saules', parentId: w.town.id });
  const laterDirector = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Sacha', lastName: 'Saule', structureId: later.id, roles: ['director'] });
  for (const who of [w.director.id, secondDirector.id, laterDirector.id]) {
    const list = (await request(t.app, await as(who), 'GET', '/api/requests/notes')).json() as { title: string }[];
    assert.ok(
      list.some((n) => n.title === 'Effectifs de janvier'),
      `director ${who} sees it`,
    );
  }
  const port = (await request(t.app, await as(otherDirector.id), 'GET', '/api/requests/notes')).json() as { title: string }[];
  assert.deepEqual(
    port.map((n) => n.title),
    [],
    'another town’s director',
  );
  const bad = await request(t.app, agent, 'POST', '/api/requests/notes', { title: '', body: 'x', allSchools: true, schoolIds: [] });
  assert.equal(bad.statusCode, 400);
  assert.ok((bad.json() as { error: { code: string } }).error.code, 'the error envelope');
});

test('a director asks the town; its agents answer in the conversation and set the status; other directors see nothing', async () => {
  const director = await as(w.director.id);
  const form = await request(t.app, director, 'GET', '/mairie/demandes/nouvelle');
  assert.equal(form.statusCode, 200);
  const long = await postForm(t.app, director, '/mairie/demandes', { kind: 'works', title: 'Fuite', details: 'x'.repeat(4001) });
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /Ce texte est trop long/);
  assert.match(long.body, /value="Fuite"/);
  const none = await postForm(t.app, director, '/mairie/demandes', { kind: 'party', title: '', details: 'Y' });
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /Choisissez un type de demande\./);
  const count = async () => (await t.app.db.selectFrom('requestsRequests').select('id').where('origin', '=', 'school').execute()).length;
  assert.equal(await count(), 0, 'nothing stored');

  const filed = await postForm(t.app, director, '/mairie/demandes', { kind: 'incident', title: 'Portail cassé', details: 'Le portail ne ferme plus.' });
  assert.equal(filed.statusCode, 303, filed.body);
  const id = String(filed.headers.location).split('/').pop()!;
  const agent = await as(w.agent.id);
  const queue = await request(t.app, agent, 'GET', '/demarches/gestion?origin=school');
  assert.match(queue.body, /Incident : Portail cassé/);
  const status = await request(t.app, agent, 'PUT', `/api/requests/items/${id}/status`, { status: 'inReview' });
  assert.deepEqual(status.json(), { id, status: 'inReview', changed: true });
  const same = await request(t.app, agent, 'PUT', `/api/requests/items/${id}/status`, { status: 'inReview' });
  assert.equal((same.json() as { changed: boolean }).changed, false, 'the same status again changes nothing');
  const message = await request(t.app, agent, 'POST', `/api/requests/items/${id}/messages`, { body: 'Un serrurier passe demain.' });
  assert.equal(message.statusCode, 201, message.body);
  await t.app.jobs.runDue();
  const notices = await t.app.db
    .selectFrom('notifications')
    .select('title')
    .where('recipientId', '=', w.director.id)
    .where('kind', '=', 'requests')
    .orderBy('title')
    .execute();
  assert.deepEqual(
    notices.map((n) => n.title),
    ['Portail cassé : en cours d’examen', 'Portail cassé : nouveau message'],
  );
  const detail = (await request(t.app, director, 'GET', `/api/requests/items/${id}`)).json() as { history: { status: string }[]; messages: { body: string }[] };
  assert.deepEqual(
    detail.history.map((h) => h.status),
    ['submitted', 'inReview'],
  );
  assert.equal(detail.messages[0]?.body, 'Un serrurier passe demain.');
  for (const who of [secondDirector.id, otherDirector.id, w.otherAgent.id, w.ce1aParent.id]) {
    const res = await request(t.app, await as(who), 'GET', `/api/requests/items/${id}`);
    assert.equal(res.statusCode, 404, `${who} must not read it`);
    assert.doesNotMatch(res.body, /Portail/);
  }
  const closed = await request(t.app, agent, 'PUT', `/api/requests/items/${id}/status`, { status: 'closed' });
  assert.equal(closed.statusCode, 200);
  const after = await request(t.app, director, 'POST', `/api/requests/items/${id}/messages`, { body: 'Encore ?' });
  assert.equal(after.statusCode, 404, 'a closed request takes no message');
});
