import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, preauCommand, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';

/** Registering partner services: the admin page, the JSON API and `preau cas service add`. */
let t: TestApp;
let admin: Session;
let director: Session;

before(async () => {
  t = await buildTestApp(buildApp);
  const school = await buildSchool(t.app.db);
  admin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true })).id);
  director = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id, roles: ['director'] })).id);
});
after(() => t.close());

const count = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('casServices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a director may not register a service, and nothing is stored', async () => {
  const f = form({ name: 'X', urlPattern: 'https://x.example/' });
  const res = await request(t.app, director, 'POST', '/admin/cas/services', f.payload, { headers: f.headers });
  assert.equal(res.statusCode, 403);
  assert.equal(await count(), 0);
});

test('the form comes back with the message and what was typed; a good one is registered and listed', async () => {
  const bad = form({ name: 'Atelier', urlPattern: 'https://*.fr/', attributes: ['displayName', 'email'] });
  const res = await request(t.app, admin, 'POST', '/admin/cas/services', bad.payload, { headers: bad.headers });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /ne remplace que le premier élément/);
  assert.match(res.body, /value="https:\/\/\*\.fr\/"/, 'what was typed');
  assert.match(res.body, /id="field-attr-email" name="attributes" value="email" checked/, 'the ticked attributes');
  assert.equal(await count(), 0, 'nothing stored');
  const good = form({ name: 'Atelier de lecture', urlPattern: 'https://atelier.example/ent/', attributes: ['displayName', 'email'], trusted: '1' });
  const ok = await request(t.app, admin, 'POST', '/admin/cas/services', good.payload, { headers: good.headers });
  assert.equal(ok.statusCode, 303);
  const page = await request(t.app, admin, 'GET', '/admin/cas');
  assert.match(page.body, /Atelier de lecture/);
  assert.match(page.body, /displayName, email/);
  const again = await request(t.app, admin, 'POST', '/admin/cas/services', good.payload, { headers: good.headers });
  assert.match(again.body, /déjà enregistré/, 'one registration per pattern');
});

test('the JSON API names the wrong field and stores nothing; a good body gives 201', async () => {
  const before = await count();
  const bad = await request(t.app, admin, 'POST', '/api/cas/services', { name: 'Outil', urlPattern: 'ftp://outil.example/' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.details[0].field, 'urlPattern');
  const unknownAttribute = await request(t.app, admin, 'POST', '/api/cas/services', {
    name: 'Outil',
    urlPattern: 'https://o.example/',
    attributes: ['password'],
  });
  assert.equal(unknownAttribute.statusCode, 400);
  assert.equal(await count(), before, 'nothing stored');
  const ok = await request(t.app, admin, 'POST', '/api/cas/services', { name: 'Outil', urlPattern: 'https://*.outil.example/*' });
  assert.equal(ok.statusCode, 201);
  assert.deepEqual(ok.json().attributes, ['displayName', 'profile', 'uai', 'className'], 'the default attributes');
  const list = await request(t.app, admin, 'GET', '/api/cas/services');
  assert.ok(
    list.json().items.some((s: { name: string }) => s.name === 'Outil'),
    'listed',
  );
});

test('preau cas service add registers a service and prints it as JSON; a bad pattern is refused', () => {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [...preauCommand(), 'cas', 'service', 'add', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: path.join(t.config.dataDir, 'cli'), PREAU_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const ok = run(['--url-pattern', 'https://lecture.example/', '--name', 'Lecture', '--attributes', 'displayName,uai']);
  assert.equal(ok.status, 0, ok.stderr);
  const printed = JSON.parse(ok.stdout);
  assert.equal(printed.name, 'Lecture');
  assert.deepEqual(printed.attributes, ['displayName', 'uai']);
  assert.equal(printed.trusted, false);
  const bad = run(['--url-pattern', 'https://*']);
  assert.equal(bad.status, 1);
  assert.ok(JSON.parse(bad.stderr).error.urlPattern, `the field is named: ${bad.stderr}`);
});
