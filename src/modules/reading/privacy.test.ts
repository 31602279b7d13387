import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildWorld, type World } from '../directory/testing.js';
import { exportOf, readZip, zipJson } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';
import { setClassDefaults, setLanguage, setOwnSettings } from './testing.js';

/** Reading settings and the interface language in the register, in the person's archive, and purged on schedule. */
const NOW = '2027-03-15T10:00:00Z';
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(NOW) });
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const json = zipJson;

test('the register declares the reading settings and the language', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'reading');
  assert.equal(entry?.title, 'Réglages de lecture et langue');
  assert.ok(entry?.dataKinds.includes('langue de l’interface'), `the language is a kind of data: ${JSON.stringify(entry)}`);
});

test('a pupil’s archive holds her settings and language; her teacher’s holds the class defaults he set', async () => {
  await setOwnSettings(t.app.db, w.ce1a.id, { font: 'opendyslexic', textSize: 'large' });
  await setLanguage(t.app.db, w.ce1a.id, 'pt');
  await setOwnSettings(t.app.db, w.ce1b.id, { contrast: 'high' });
  await setClassDefaults(t.app.db, w.ce1.id, w.ce1Teacher.id, { spacing: 'wide' });

  const pupil = await loginAs(t.app, w.ce1a.id);
  const zip = await readZip((await request(t.app, pupil, 'GET', await exportOf(t.app, pupil))).rawPayload);
  assert.deepEqual(
    json(zip, 'reading/reglages.json').map((r) => [r.font, r.textSize, r.contrast]),
    [['opendyslexic', 'large', 'default']],
    'her own settings, not her classmate’s',
  );
  assert.deepEqual(
    json(zip, 'reading/langue.json').map((r) => r.locale),
    ['pt'],
  );
  assert.deepEqual(json(zip, 'reading/reglages-des-classes-fixes.json'), [], 'she set no class defaults');

  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const his = await readZip((await request(t.app, teacher, 'GET', await exportOf(t.app, teacher))).rawPayload);
  assert.deepEqual(
    json(his, 'reading/reglages-des-classes-fixes.json').map((r) => [r.groupId, r.spacing]),
    [[w.ce1.id, 'wide']],
  );
});

test('the purge removes a departed pupil’s settings and language, and the defaults of a class of a past year', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'student', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2025-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  await setOwnSettings(db, gone.id, { font: 'hyperlegible' });
  await setLanguage(db, gone.id, 'tr');
  const old = await buildClass(db, w.schoolA.id, { name: 'ULIS 2024', schoolYear: '2024-2025' });
  await setClassDefaults(db, old.id, w.ce1Teacher.id, { textSize: 'larger' });
  await setClassDefaults(db, w.ce1.id, w.ce1Teacher.id, { spacing: 'wide' });
  await setOwnSettings(db, w.ce1a.id, { font: 'opendyslexic' });
  await setLanguage(db, w.ce1a.id, 'pt');

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  const dry = await countPurge(deps, new Date(NOW));
  assert.equal(dry.lines.find((l) => l.kind === 'reading.settings')?.items, 3, 'his settings, his language, the old class’s defaults');
  const done = await runPurge(deps, new Date(NOW), null);
  assert.equal(done.lines.find((l) => l.kind === 'reading.settings')?.items, 3, 'what the dry run counted');

  const own = (await db.selectFrom('readingSettings').select('personId').execute()).map((r) => r.personId);
  assert.ok(!own.includes(gone.id) && own.includes(w.ce1a.id), 'the departed pupil’s settings go, the enrolled pupil’s stay');
  const languages = (await db.selectFrom('readingLanguage').select('personId').execute()).map((r) => r.personId);
  assert.ok(!languages.includes(gone.id) && languages.includes(w.ce1a.id), 'the same for the language');
  const classes = (await db.selectFrom('readingClassSettings').select('groupId').execute()).map((r) => r.groupId);
  assert.deepEqual(classes, [w.ce1.id], 'this year’s class keeps its defaults');
});
