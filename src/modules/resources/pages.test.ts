import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { catalogueCsv, importCatalogue } from './testing.js';

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
  assert.match(bad.body, /doit commencer par http/);
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
