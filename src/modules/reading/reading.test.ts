import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import type { ReadingSettings } from './settings.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);

const ULIS: ReadingSettings = {
  font: 'opendyslexic',
  textSize: 'large',
  spacing: 'wide',
  contrast: 'default',
  lineFocus: true,
  reducedMotion: false,
  readAloud: true,
};

/** The opening <html> tag of a page, where the settings are applied. */
async function htmlTag(session: Session, url = '/') {
  const res = await request(t.app, session, 'GET', url);
  assert.equal(res.statusCode, 200, `${url} answers`);
  return /<html[^>]*>/.exec(res.body)?.[0] ?? '';
}

const stored = async () => (await t.app.db.selectFrom('readingSettings').select('personId').execute()).length;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

describe('reading: one’s own settings', () => {
  test('require a session', async () => {
    assert.equal((await request(t.app, null, 'GET', '/api/reading/settings')).statusCode, 401);
    const page = await request(t.app, null, 'GET', '/reading');
    assert.equal(page.statusCode, 303, 'the page sends to the login');
    assert.match(String(page.headers.location), /^\/login/);
  });

  test('a default page carries no reading attribute, and the footer links the settings and the statement', async () => {
    const session = await as(w.ce1Teacher.id);
    assert.equal(await htmlTag(session), '<html lang="fr" dir="ltr">');
    const home = await request(t.app, session, 'GET', '/');
    assert.match(home.body, /href="\/reading">Réglages de lecture/);
    assert.match(home.body, /href="\/accessibilite">Accessibilité : partiellement conforme/);
    assert.doesNotMatch(home.body, /reading-ruler|read-aloud/, 'no reading script on a default page');
  });

  test('the form saves them and every page wears them on <html>, with their scripts', async () => {
    const session = await as(w.ce1aParent.id);
    const body = form({
      _csrf: session.csrf,
      font: 'hyperlegible',
      textSize: 'larger',
      spacing: 'wider',
      contrast: 'high',
      reducedMotion: 'on',
      lineFocus: 'on',
    });
    const res = await request(t.app, session, 'POST', '/reading', body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 303, res.body);
    const tag = await htmlTag(session, '/messaging');
    for (const attr of [
      'data-font="hyperlegible"',
      'data-text-size="larger"',
      'data-spacing="wider"',
      'data-contrast="high"',
      'data-motion="reduced"',
      'data-line-focus="on"',
    ]) {
      assert.ok(tag.includes(attr), `${attr} in ${tag}`);
    }
    const page = await request(t.app, session, 'GET', '/reading');
    assert.match(page.body, /js\/reading-ruler\.js\?v=/, 'the ruler script is linked');
    assert.doesNotMatch(page.body, /read-aloud\.js/, 'read aloud was not chosen');
    assert.match(page.body, /Vous avez choisi vos propres réglages/);
    assert.match(page.body, /id="font-hyperlegible"[^>]*checked/, 'the form shows the saved choice');
  });

  test('a wrong value re-renders the form naming the field, with what was chosen, and stores nothing', async () => {
    const session = await as(w.ce1bParent.id);
    const before = await stored();
    const body = form({ _csrf: session.csrf, font: 'comic-sans', textSize: 'large' });
    const res = await request(t.app, session, 'POST', '/reading', body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#field-font">Police de caractères : Choisissez une des valeurs proposées/);
    assert.match(res.body, /id="textSize-large"[^>]*checked/, 'what was typed is kept');
    assert.equal(await stored(), before, 'nothing stored');
    const api = await request(t.app, session, 'PUT', '/api/reading/settings', { ...ULIS, spacing: 'huge' });
    assert.equal(api.statusCode, 400);
    assert.match(JSON.stringify(api.json()), /spacing/, 'the JSON error names the field');
    assert.equal(await stored(), before, 'nothing stored either');
  });

  test('the JSON API reads, sets and forgets them', async () => {
    const session = await as(w.cm2Parent.id);
    assert.equal((await request(t.app, session, 'GET', '/api/reading/settings')).json().source, 'default');
    const put = await request(t.app, session, 'PUT', '/api/reading/settings', ULIS);
    assert.equal(put.statusCode, 200, put.body);
    const got = (await request(t.app, session, 'GET', '/api/reading/settings')).json();
    assert.deepEqual(got, { settings: ULIS, source: 'own', className: null });
    assert.match(await htmlTag(session), /data-read-aloud-play="Lire à voix haute"/);
    assert.equal((await request(t.app, session, 'DELETE', '/api/reading/settings')).statusCode, 204);
    assert.equal((await request(t.app, session, 'GET', '/api/reading/settings')).json().source, 'default');
  });
});

describe('reading: a class’s defaults', () => {
  test('another class’s teacher, a pupil, a parent and another school’s teacher cannot read or set them', async () => {
    for (const personId of [w.cm2Teacher.id, w.ce1a.id, w.ce1aParent.id, w.otherTeacher.id]) {
      const session = await as(personId);
      assert.equal((await request(t.app, session, 'PUT', `/api/reading/classes/${w.ce1.id}`, ULIS)).statusCode, 404, `PUT as ${personId}`);
      assert.equal((await request(t.app, session, 'GET', `/reading/classes/${w.ce1.id}`)).statusCode, 404);
      const body = form({ _csrf: session.csrf, font: 'opendyslexic' });
      assert.equal((await request(t.app, session, 'POST', `/reading/classes/${w.ce1.id}`, body.payload, { headers: body.headers })).statusCode, 404);
    }
    const rows = await t.app.db.selectFrom('readingClassSettings').select('groupId').execute();
    assert.equal(rows.length, 0, 'nothing stored');
  });

  test('the class’s teacher sets them; its pupils get them unless they chose their own', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const list = await request(t.app, teacher, 'GET', '/reading');
    assert.match(list.body, new RegExp(`href="/reading/classes/${w.ce1.id}">CE1`), 'the teacher’s class is listed');
    assert.doesNotMatch(list.body, new RegExp(w.cm2Class.id), 'not another class');
    const body = form({ _csrf: teacher.csrf, font: 'opendyslexic', textSize: 'large', spacing: 'wide', contrast: 'default', lineFocus: 'on', readAloud: 'on' });
    const res = await request(t.app, teacher, 'POST', `/reading/classes/${w.ce1.id}`, body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 303, res.body);
    const got = (await request(t.app, teacher, 'GET', `/api/reading/classes/${w.ce1.id}`)).json();
    assert.deepEqual(got.settings, ULIS);

    const pupil = await as(w.ce1a.id);
    assert.deepEqual((await request(t.app, pupil, 'GET', '/api/reading/settings')).json(), { settings: ULIS, source: 'class', className: 'CE1' });
    assert.match(await htmlTag(pupil), /data-font="opendyslexic"/);
    assert.match((await request(t.app, pupil, 'GET', '/reading')).body, /les réglages de votre classe \(CE1\)/);
    assert.doesNotMatch(await htmlTag(await as(w.cm2.id)), /data-font/, 'another class’s pupil keeps the default');
    assert.doesNotMatch(await htmlTag(teacher), /data-font/, 'the teacher is not a pupil of the class');

    const own = await as(w.ce1b.id);
    await request(t.app, own, 'PUT', '/api/reading/settings', { ...ULIS, font: 'default', contrast: 'high' });
    const tag = await htmlTag(own);
    assert.doesNotMatch(tag, /data-font/, 'the pupil’s own choice wins');
    assert.match(tag, /data-contrast="high"/);
    await request(t.app, own, 'DELETE', '/api/reading/settings');
    assert.match(await htmlTag(own), /data-font="opendyslexic"/, 'back to the class’s defaults');
  });

  test('the director sets and clears any class of the school', async () => {
    const director = await as(w.director.id);
    const put = await request(t.app, director, 'PUT', `/api/reading/classes/${w.ce1.id}`, { ...ULIS, contrast: 'high' });
    assert.equal(put.statusCode, 200, put.body);
    assert.match(await htmlTag(await as(w.ce1a.id)), /data-contrast="high"/);
    assert.equal((await request(t.app, director, 'DELETE', `/api/reading/classes/${w.ce1.id}`)).statusCode, 204);
    assert.equal((await request(t.app, await as(w.ce1a.id), 'GET', '/api/reading/settings')).json().source, 'default');
    assert.equal((await request(t.app, director, 'PUT', `/api/reading/classes/${w.otherClass.id}`, ULIS)).statusCode, 404, 'not another school’s');
  });
});

describe('reading: public pages', () => {
  test('the accessibility statement says the conformance level, the tests and the recourse', async () => {
    const res = await request(t.app, null, 'GET', '/accessibilite');
    assert.equal(res.statusCode, 200);
    for (const text of ['Déclaration d’accessibilité', 'partiellement conforme', 'axe-core', '320 pixels', 'Défenseur des droits', 'Libre réponse 71120']) {
      assert.ok(res.body.includes(text), `the statement mentions ${text}`);
    }
  });

  test('the statement gives the instance’s accessibility contact when it has one', async () => {
    const other = await buildTestApp(buildApp, { accessibilityContact: { kind: 'email', value: 'accessibilite@beaulieu.fr' } });
    try {
      const res = await request(other.app, null, 'GET', '/accessibilite');
      assert.match(res.body, /<a href="mailto:accessibilite@beaulieu.fr">accessibilite@beaulieu.fr<\/a>/);
    } finally {
      await other.close();
    }
    assert.doesNotMatch((await request(t.app, null, 'GET', '/accessibilite')).body, /mailto:/, 'none without the setting');
  });

  test('only the chosen fonts’ woff2 files are served', async () => {
    const font = await request(t.app, null, 'GET', '/reading/fonts/opendyslexic-latin-400-normal.woff2');
    assert.equal(font.statusCode, 200);
    assert.equal(font.headers['content-type'], 'font/woff2');
    assert.equal(font.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2', 'a woff2 file');
    assert.equal((await request(t.app, null, 'GET', '/reading/fonts/..%2Fpackage.json')).statusCode, 404);
    assert.equal((await request(t.app, null, 'GET', '/reading/fonts/opendyslexic-latin-400-normal.woff')).statusCode, 404);
  });
});
