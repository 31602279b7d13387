import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, type TestApp } from '../testing/index.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

test('pages link the style sheet by its fingerprint, which may be kept a year', async () => {
  const login = await t.app.inject({ method: 'GET', url: '/login' });
  const href = /<link rel="stylesheet" href="([^"]+)"/.exec(login.body)?.[1];
  assert.match(href ?? '', /^\/static\/css\/preau\.css\?v=[0-9a-f]{10}$/);
  const css = await t.app.inject({ method: 'GET', url: href! });
  assert.equal(css.statusCode, 200);
  assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
  const etag = css.headers.etag;
  assert.ok(etag, 'the file carries an ETag');
  const again = await t.app.inject({ method: 'GET', url: '/static/css/preau.css', headers: { 'if-none-match': String(etag) } });
  assert.equal(again.statusCode, 304, 'unchanged: 304 without the body');
});

test('an old or made-up fingerprint gets the short cache only', async () => {
  const stale = await t.app.inject({ method: 'GET', url: '/static/css/preau.css?v=0000000000' });
  assert.equal(stale.statusCode, 200);
  assert.equal(stale.headers['cache-control'], 'public, max-age=3600');
  const outside = await t.app.inject({ method: 'GET', url: '/static/..%2Fpackage.json?v=x' });
  assert.notEqual(outside.statusCode, 200, 'nothing outside public/');
});
