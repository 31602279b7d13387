import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { PERSON_HEADER } from './person.js';

/** The files that make Préau installable and readable offline, and what pages tell the worker. */
let t: TestApp;
let w: World;
before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(async () => {
  await t?.close();
});

test('the manifest is served as a web app manifest, in French, with its icons', async () => {
  const res = await request(t.app, null, 'GET', '/manifest.webmanifest');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/manifest\+json/);
  assert.match(String(res.headers['cache-control']), /public, max-age=\d+/);
  const manifest = res.json() as { lang: string; display: string; start_url: string; theme_color: string; icons: { src: string; sizes: string }[] };
  assert.deepEqual([manifest.lang, manifest.display, manifest.start_url, manifest.theme_color], ['fr', 'standalone', '/', '#0f6b6b']);
  for (const icon of manifest.icons.filter((i) => i.src.endsWith('.png'))) {
    const png = await request(t.app, null, 'GET', icon.src);
    assert.equal(png.statusCode, 200, icon.src);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.rawPayload.subarray(1, 4).toString(), 'PNG', `${icon.src} is a PNG`);
    assert.equal(png.rawPayload.readUInt32BE(16), Number(icon.sizes.split('x')[0]), `${icon.src} is ${icon.sizes}`);
  }
  assert.equal((await request(t.app, null, 'GET', '/icons/icon-64.png')).statusCode, 404);
});

test('the worker is served at the root, as JavaScript, checked on every visit, with the French strings', async () => {
  const res = await request(t.app, null, 'GET', '/sw.js', undefined, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/javascript/);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.match(res.body, /Hors ligne — mis à jour le \{date\}/);
  assert.ok(res.rawPayload.length < 15 * 1024, `worker under 15 KB: ${res.rawPayload.length}`);
});

test('signed-in pages say whose they are (not the id), anonymous ones do not; logout clears the site’s data', async () => {
  const login = await request(t.app, null, 'GET', '/login');
  assert.equal(login.headers[PERSON_HEADER], undefined);
  const a = await loginAs(t.app, w.ce1a.id);
  const b = await loginAs(t.app, w.ce1b.id);
  const pageA = await request(t.app, a, 'GET', '/homework/agenda');
  const keyA = String(pageA.headers[PERSON_HEADER]);
  assert.match(keyA, /^[0-9a-f]{24}$/);
  assert.ok(!w.ce1a.id.includes(keyA), 'the key is not the id');
  assert.equal((await request(t.app, a, 'GET', '/messaging')).headers[PERSON_HEADER], keyA, 'stable per person');
  assert.notEqual((await request(t.app, b, 'GET', '/homework/agenda')).headers[PERSON_HEADER], keyA, 'another person, another key');
  assert.equal((await request(t.app, a, 'GET', '/api/notifications')).headers[PERSON_HEADER], undefined, 'JSON is never kept');
  const out = await request(t.app, a, 'POST', '/logout', { _csrf: a.csrf });
  assert.equal(out.statusCode, 303);
  assert.equal(out.headers['clear-site-data'], '"cache", "storage"');
});

test('the device settings page: a session is needed; it works without JavaScript and explains', async () => {
  assert.equal((await request(t.app, null, 'GET', '/notifications/push')).statusCode, 303);
  const page = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', '/notifications/push');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Notifications sur cet appareil/);
  assert.match(page.body, /<button type="button" id="push-toggle" class="button" hidden/);
});
