import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { newsWorld, TEST_NOW, type NewsWorld } from './testing.js';

let t: TestApp;
let w: NewsWorld;
const clock = new TestClock(TEST_NOW);
let teacher: Session;
let id: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await newsWorld(t.app);
  teacher = await loginAs(t.app, w.ce1Teacher.id);
  const res = await request(t.app, teacher, 'POST', '/api/news', {
    title: 'Sortie au musée',
    body: 'Départ à 9 h.',
    audience: [`parents:${w.ce1.id}`],
    publishTo: '2027-03-31T22:00:00Z',
  });
  assert.equal(res.statusCode, 201, res.body);
  id = res.json().id;
  await t.app.jobs.runDue();
});
after(() => t.close());

const stored = () => t.app.db.selectFrom('newsItems').select(['title', 'bodyHtml', 'publishTo', 'pinned']).where('id', '=', id).executeTakeFirstOrThrow();
const notices = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the author corrects the words, the end and the pin; nobody is told again', async () => {
  const before = await notices();
  const res = await request(t.app, teacher, 'PATCH', `/api/news/${id}`, { title: 'Sortie au musée (horaire corrigé)', body: 'Départ à 8 h 30.', pinned: true });
  assert.equal(res.statusCode, 200, res.body);
  const row = await stored();
  assert.equal(row.title, 'Sortie au musée (horaire corrigé)', 'the title');
  assert.match(row.bodyHtml, /8 h 30/, 'the text');
  assert.equal(row.pinned, 1, 'pinned');
  assert.equal(row.publishTo, '2027-03-31T22:00:00.000Z', 'the end stays when not given');
  await t.app.jobs.runDue();
  assert.equal(await notices(), before, 'no new notice');
  const parent = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', `/api/news/${id}`);
  assert.equal(parent.json().title, 'Sortie au musée (horaire corrigé)', 'the parents read the correction');
  assert.equal(parent.json().mayEdit, false, 'a parent may not edit');
});

test('another teacher, a parent, another school’s teacher cannot correct it; the director can', async () => {
  for (const [who, personId] of [
    ['the CM2 teacher', w.cm2Teacher.id],
    ['a parent of the class', w.ce1aParent.id],
    ['another school’s teacher', w.otherTeacher.id],
  ] as const) {
    const res = await request(t.app, await loginAs(t.app, personId), 'PATCH', `/api/news/${id}`, { title: 'Intrus' });
    assert.ok([403, 404].includes(res.statusCode), `${who}: ${res.statusCode}`);
  }
  assert.notEqual((await stored()).title, 'Intrus', 'nothing changed');
  const director = await request(t.app, await loginAs(t.app, w.director.id), 'PATCH', `/api/news/${id}`, { pinned: false });
  assert.equal(director.statusCode, 200, 'the director manages the school’s news');
});

test('an empty title, an end before the start or an unreadable date are refused field by field, nothing changed', async () => {
  const was = await stored();
  const empty = await request(t.app, teacher, 'PATCH', `/api/news/${id}`, { title: '   ', body: 'Nouveau texte' });
  assert.equal(empty.statusCode, 400, empty.body);
  assert.equal(empty.json().error.details[0].field, 'title', 'names the title');
  const early = await request(t.app, teacher, 'PATCH', `/api/news/${id}`, { publishTo: '2027-03-01T00:00:00Z' });
  assert.equal(early.statusCode, 400, early.body);
  assert.equal(early.json().error.details[0].field, 'publishTo', 'names the end');
  const garbled = await request(t.app, teacher, 'PATCH', `/api/news/${id}`, { publishTo: 'demain' });
  assert.equal(garbled.statusCode, 400, garbled.body);
  assert.deepEqual(await stored(), was, 'unchanged');
});

test('the page form is filled with the item, comes back with what was typed on an error, and saves', async () => {
  const html = { headers: { accept: 'text/html' } };
  const page = await request(t.app, teacher, 'GET', `/news/${id}/edit`, undefined, html);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /value="2027-03-31"/, 'the last day shown, in Paris');
  const bad = form({ _csrf: teacher.csrf, title: '', body: 'Texte tapé à garder', publishTo: '2027-04-10' });
  const again = await request(t.app, teacher, 'POST', `/news/${id}/edit`, bad.payload, { headers: { ...bad.headers, accept: 'text/html' } });
  assert.equal(again.statusCode, 400, 'the form comes back');
  assert.match(again.body, /Texte tapé à garder/, 'with what was typed');
  assert.match(again.body, /value="2027-04-10"/, 'the date too');
  const good = form({ _csrf: teacher.csrf, title: 'Sortie au musée, le retour', body: 'Retour à 16 h.', publishTo: '2027-04-10' });
  const saved = await request(t.app, teacher, 'POST', `/news/${id}/edit`, good.payload, { headers: good.headers });
  assert.equal(saved.statusCode, 303, saved.body);
  const row = await stored();
  assert.equal(row.title, 'Sortie au musée, le retour', 'saved');
  assert.equal(row.publishTo, '2027-04-10T22:00:00.000Z', 'the end of the 10th in Paris');
  const other = await request(t.app, await loginAs(t.app, w.cm2Teacher.id), 'GET', `/news/${id}/edit`, undefined, html);
  assert.equal(other.statusCode, 404, 'another teacher gets no form');
});

test('a withdrawn item is no longer corrected', async () => {
  const withdrawn = await request(t.app, teacher, 'POST', `/api/news/${id}/withdraw`);
  assert.equal(withdrawn.statusCode, 204, withdrawn.body);
  const res = await request(t.app, teacher, 'PATCH', `/api/news/${id}`, { title: 'Trop tard' });
  assert.ok([403, 404].includes(res.statusCode), `refused: ${res.statusCode}`);
});
