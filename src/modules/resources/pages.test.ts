import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { addLink, catalogueCsv, importCatalogue } from './testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const post = (session: Session, url: string, fields: Record<string, string | string[]>) => {
  const { payload, headers } = form({ ...fields, _csrf: session.csrf });
  return request(t.app, session, 'POST', url, payload, { headers });
};

test('the pages ask for a session', async () => {
  for (const url of ['/resources/links', '/resources/catalogue']) {
    const res = await request(t.app, null, 'GET', url);
    assert.equal(res.statusCode, 303, url);
    assert.match(String(res.headers.location), /^\/login/);
  }
});

test('a teacher adds a link with the form; a javascript: address comes back with its message and what was typed', async () => {
  const teacher = await loginAs(t.app, w.cm2Teacher.id);
  const bad = await post(teacher, '/resources/links', { title: 'Piège à clics', url: 'javascript:alert(1)', levels: 'CM2', groupIds: w.cm2Class.id });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Une adresse « javascript: » n’est pas un site/);
  assert.match(bad.body, /value="Piège à clics"/);
  assert.equal((await t.app.db.selectFrom('resourceLinks').selectAll().execute()).length, 0, 'nothing stored');
  const unknown = await post(teacher, '/resources/links', { title: 'Niveau', url: 'https://x.example.org/', levels: 'CM9' });
  assert.equal(unknown.statusCode, 400, 'an unknown level');
  const ok = await post(teacher, '/resources/links', {
    title: 'Le système solaire',
    url: 'https://ciel.example.org/',
    levels: 'CM2',
    subjects: 'Sciences, Astronomie',
    groupIds: w.cm2Class.id,
  });
  assert.equal(ok.statusCode, 303);
  const pupilPage = await request(t.app, await loginAs(t.app, w.cm2.id), 'GET', '/resources/links');
  assert.equal(pupilPage.statusCode, 200);
  assert.match(pupilPage.body, /Le système solaire/);
  assert.match(pupilPage.body, /Sciences, Astronomie/);
  assert.doesNotMatch(pupilPage.body, /Ajouter un lien/, 'no form for pupils');
  const ce1Page = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', '/resources/links');
  assert.doesNotMatch(ce1Page.body, /Le système solaire/, 'a CE1 pupil does not see it');
});

test('a pupil refused the form gets 403', async () => {
  const res = await post(await loginAs(t.app, w.cm2.id), '/resources/links', { title: 'x', url: 'https://x.example.org/' });
  assert.equal(res.statusCode, 403);
});

test('the catalogue page searches with accents folded and shows facets to tick', async () => {
  const admin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id);
  const res = await importCatalogue(
    t.app,
    admin,
    'csv',
    catalogueCsv([
      {
        identifier: 'p1',
        title: 'Écouter l’orchestre',
        url: 'https://o.example.org/',
        levels: 'CE1',
        subjects: 'Éducation musicale',
        type: 'audio',
        access: 'free',
      },
      { identifier: 'p2', title: 'Écrire un conte', url: 'https://c.example.org/', levels: 'CM2', subjects: 'Français', type: 'exercise', access: 'free' },
    ]),
  );
  assert.equal(res.statusCode, 200, res.body);
  const page = await request(t.app, await loginAs(t.app, w.cm2Teacher.id), 'GET', '/resources/catalogue?q=ecou');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Écouter l’orchestre/);
  assert.doesNotMatch(page.body, /Écrire un conte/);
  assert.match(page.body, /name="level" value="CE1"/);
  const filtered = await request(t.app, await loginAs(t.app, w.cm2Teacher.id), 'GET', '/resources/catalogue?level=CM2&type=exercise');
  assert.match(filtered.body, /Écrire un conte/);
  assert.doesNotMatch(filtered.body, /Écouter l’orchestre/);
});

test('the owner edits a link in a page: fields filled in, a bad address comes back with what was typed, the change is saved', async () => {
  const teacher = await loginAs(t.app, w.cm2Teacher.id);
  const id = await addLink(t.app, teacher, {
    title: 'Les volcans',
    url: 'https://volcans.example.org/',
    description: 'Cartes et vidéos',
    levels: ['CM1'],
    subjects: ['Sciences'],
    theme: 'La planète Terre',
    tags: ['relief'],
    groupIds: [w.cm2Class.id],
  });
  const list = await request(t.app, teacher, 'GET', '/resources/links?scope=mine');
  assert.match(list.body, new RegExp(`href="/resources/links/${id}/edit"`), 'an edit link on the owner’s card');
  const form = await request(t.app, teacher, 'GET', `/resources/links/${id}/edit`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<h1 id="link-form-title">Modifier le lien<\/h1>/);
  assert.match(form.body, /value="Les volcans"/);
  assert.match(form.body, /value="Cartes et vidéos"/);
  assert.match(form.body, /value="La planète Terre"/);
  assert.match(form.body, /name="levels" value="CM1" checked/);
  assert.match(form.body, new RegExp(`name="groupIds" value="${w.cm2Class.id}" checked`));

  const bad = await post(teacher, `/resources/links/${id}`, { title: 'Les volcans actifs', url: 'javascript:void(0)', levels: 'CM2' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Une adresse « javascript: » n’est pas un site/);
  assert.match(bad.body, /value="Les volcans actifs"/, 'what was typed is kept');
  assert.match(bad.body, /value="javascript:void\(0\)"/);
  const ftp = await post(teacher, `/resources/links/${id}`, { title: 'Les volcans', url: 'ftp://volcans.example.org/' });
  assert.equal(ftp.statusCode, 400);
  assert.match(ftp.body, /doit commencer par http/);
  const empty = await post(teacher, `/resources/links/${id}`, { title: '', url: 'https://volcans.example.org/' });
  assert.equal(empty.statusCode, 400, 'an empty title');
  const unchanged = await t.app.db.selectFrom('resourceLinks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(unchanged.title, 'Les volcans', 'nothing stored');

  const ok = await post(teacher, `/resources/links/${id}`, {
    title: 'Les volcans actifs',
    url: 'https://volcans.example.org/actifs',
    description: 'Cartes',
    levels: ['CM1', 'CM2'],
    subjects: 'Sciences, Géographie',
    theme: 'Risques naturels',
    tags: 'relief, séisme',
    sharedWithSchool: 'on',
  });
  assert.equal(ok.statusCode, 303);
  const saved = await t.app.db.selectFrom('resourceLinks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(saved.title, 'Les volcans actifs');
  assert.equal(saved.url, 'https://volcans.example.org/actifs');
  assert.deepEqual(JSON.parse(saved.levelsJson), ['CM1', 'CM2']);
  assert.deepEqual(JSON.parse(saved.subjectsJson), ['Sciences', 'Géographie']);
  assert.deepEqual(JSON.parse(saved.tagsJson), ['relief', 'séisme']);
  assert.equal(saved.sharedWithSchool, 1);
  const pupil = await request(t.app, await loginAs(t.app, w.cm2.id), 'GET', '/resources/links');
  assert.doesNotMatch(pupil.body, /Les volcans/, 'no longer shared with the class');

  const deleted = await post(teacher, `/resources/links/${id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal((await request(t.app, teacher, 'GET', `/resources/links/${id}/edit`)).statusCode, 404, 'gone');
});

test('a colleague or a pupil cannot open the edit page or save it', async () => {
  const id = await addLink(t.app, await loginAs(t.app, w.cm2Teacher.id), { title: 'Carte du ciel', url: 'https://ciel.example.org/', sharedWithSchool: true });
  for (const person of [w.ce1Teacher, w.cm2, w.otherTeacher]) {
    const session = await loginAs(t.app, person.id);
    const page = await request(t.app, session, 'GET', `/resources/links/${id}/edit`);
    assert.equal(page.statusCode, 404, person.firstName);
    assert.doesNotMatch(page.body, /Carte du ciel/);
    const saved = await post(session, `/resources/links/${id}`, { title: 'Pris', url: 'https://pris.example.org/' });
    assert.equal(saved.statusCode, 404, person.firstName);
    const invalid = await post(session, `/resources/links/${id}`, { title: '', url: 'javascript:x' });
    assert.equal(invalid.statusCode, 404, `${person.firstName}: a bad form from someone else is still a 404`);
    assert.doesNotMatch(invalid.body, /Carte du ciel/);
  }
  const row = await t.app.db.selectFrom('resourceLinks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.title, 'Carte du ciel');
});
