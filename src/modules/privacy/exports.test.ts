import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { buildNode } from '../documents/testing.js';
import { exportToFile } from './cli.js';
import { attachToMessage, exportOf, readZip, sendMessage, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  await t.app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(clock.now()) })
    .execute();
});
after(() => t.close());

const allText = (entries: Map<string, Buffer>) => [...entries.values()].map((b) => b.toString('utf8')).join('\n');
const json = (entries: Map<string, Buffer>, name: string) => JSON.parse(entries.get(name)?.toString('utf8') ?? 'null') as Array<Record<string, unknown>>;

describe('privacy: right of access', () => {
  test('without a session every privacy route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?privacy/.test(r.url));
    assert.ok(routes.length >= 10, `${routes.length} privacy routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
      else assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
    }
  });

  test('a parent’s archive holds their messages and files, and nothing of anyone else’s', async () => {
    const parent = await as(w.ce1aParent.id);
    const teacher = await as(w.ce1Teacher.id);
    const otherParent = await as(w.ce1bParent.id);
    await sendMessage(t.app, parent, w.ce1Teacher.id, 'Sortie du jeudi', 'Léa pourra-t-elle venir avec ses bottes ?');
    const answer = await sendMessage(t.app, teacher, w.ce1aParent.id, 'Re: Sortie du jeudi', 'Oui, bottes et imperméable.');
    await attachToMessage(t.app, answer, 'programme-sortie.txt', 'Programme : départ 8 h 30, retour 16 h.');
    // Someone else's conversation with the same teacher, and its attachment: none of it may leak.
    const secret = await sendMessage(t.app, otherParent, w.ce1Teacher.id, 'Confidentiel', 'Noé est suivi par l’orthophoniste le mardi.');
    await attachToMessage(t.app, secret, 'bilan-orthophonie.txt', 'Bilan orthophonique de Noé.');
    await buildNode(t.app, { ownerId: w.ce1aParent.id, name: 'attestation-assurance.txt', content: 'Attestation d’assurance scolaire de Léa.' });
    await buildNode(t.app, { ownerId: w.ce1bParent.id, name: 'avis-imposition.txt', content: 'Avis d’imposition de la famille Écolier.' });

    const url = await exportOf(t.app, parent);
    const res = await request(t.app, parent, 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="mes-donnees-preau-2025-03-17\.zip"/);
    const zip = await readZip(res.rawPayload);
    const sent = json(zip, 'messaging/messages-envoyes.json');
    const received = json(zip, 'messaging/messages-recus.json');
    assert.deepEqual(
      sent.map((m) => m.subject),
      ['Sortie du jeudi'],
      'the message they sent',
    );
    assert.deepEqual(
      received.map((m) => m.subject),
      ['Re: Sortie du jeudi'],
      'the message they received',
    );
    assert.equal(
      zip.get(`messaging/fichiers/${answer}/programme-sortie.txt`)?.toString(),
      'Programme : départ 8 h 30, retour 16 h.',
      'the attachment they received',
    );
    const files = [...zip.keys()].filter((k) => k.startsWith('documents/fichiers/'));
    assert.equal(files.length, 1, `their one document: ${files.join(', ')}`);
    assert.equal(zip.get(files[0]!)?.toString(), 'Attestation d’assurance scolaire de Léa.');
    const profile = json(zip, 'directory/profil.json');
    assert.equal(profile[0]?.login, w.ce1aParent.login, 'their profile');
    assert.ok(!('passwordHash' in profile[0]!) && !('activationCode' in profile[0]!), 'no secret of the account');
    assert.deepEqual(
      json(zip, 'directory/enfants.json').map((c) => c.firstName),
      ['Léa'],
      'their child, named',
    );
    const everything = allText(zip);
    for (const absent of ['Noé est suivi', 'Confidentiel', 'Bilan orthophonique', 'Avis d’imposition', w.ce1bParent.login])
      assert.ok(!everything.includes(absent), `nothing of another family: « ${absent} » is absent`);
    assert.ok(zip.has('LISEZMOI.txt') && zip.has('index.json'), 'the archive explains itself');
    const audit = json(zip, 'audit/journal.json');
    assert.ok(
      audit.some((a) => a.action === 'privacy.export.request'),
      'the request itself is in their audit entries',
    );

    const notices = await t.app.db.selectFrom('notifications').select(['kind', 'link']).where('recipientId', '=', w.ce1aParent.id).execute();
    assert.deepEqual(notices, [{ kind: 'privacy.export.ready', link: '/privacy' }], 'told when ready');
    // Another family, a teacher, the instance administrator: not found.
    for (const other of [otherParent, teacher, await as(w.admin.id)]) {
      const refused = await request(t.app, other, 'GET', url);
      assert.equal(refused.statusCode, 404, `${other.personId}: ${refused.statusCode}`);
      assert.ok(!refused.body.includes('Attestation'), 'no byte of the archive');
    }
  });

  test('asking twice while the archive is being built makes one archive; the page form asks too', async () => {
    const pupil = await as(w.ce1a.id);
    const first = await request(t.app, pupil, 'POST', '/api/privacy/exports', {});
    const second = await request(t.app, pupil, 'POST', '/api/privacy/exports', {});
    assert.equal(first.statusCode, 202);
    assert.deepEqual(second.json(), { id: (first.json() as { id: string }).id, created: false }, 'the same one');
    const page = await request(t.app, pupil, 'GET', '/privacy');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('En préparation') && !page.body.includes('action="/privacy/exports"'), 'no second request while one is built');
    await t.app.jobs.runDue();
    const again = await request(t.app, pupil, 'POST', '/privacy/exports', ...formArgs({ _csrf: pupil.csrf }));
    assert.equal(again.statusCode, 303);
    const rows = await t.app.db.selectFrom('privacyExports').select('status').where('personId', '=', w.ce1a.id).orderBy('createdAt').execute();
    assert.deepEqual(rows.map((r) => r.status).sort(), ['pending', 'ready'], 'a new one once the first is ready');
  });

  test('archives expire after seven days, their files with them', async () => {
    const row = await t.app.db.selectFrom('privacyExports').select(['id', 'blobKey']).where('personId', '=', w.ce1aParent.id).executeTakeFirstOrThrow();
    assert.ok(row.blobKey && (await t.app.blobs.size(row.blobKey)) !== null, 'the archive is stored');
    clock.set(new Date(clock.now().getTime() + 8 * 86400_000).toISOString());
    try {
      await t.app.jobs.runDue();
      const left = await t.app.db.selectFrom('privacyExports').select('id').where('id', '=', row.id).execute();
      assert.equal(left.length, 0, 'the row is gone');
      assert.equal(await t.app.blobs.size(row.blobKey), null, 'the file is gone');
    } finally {
      clock.set(TEST_NOW);
    }
  });

  test('the command line writes a person’s archive to a file, audited', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'preau-privacy-'));
    try {
      const out = path.join(dir, 'export.zip');
      const deps = { db: t.app.db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
      const done = await exportToFile(deps, w.ce1Teacher.login, out);
      const zip = await readZip(await readFile(out));
      assert.ok(
        json(zip, 'messaging/messages-recus.json').some((m) => m.subject === 'Confidentiel'),
        'the teacher received it: it is theirs too',
      );
      assert.ok(done.summary.rows > 0, 'rows counted');
      await assert.rejects(exportToFile(deps, w.ce1Teacher.login, out), /existe déjà/, 'an existing file is never overwritten');
      await assert.rejects(exportToFile(deps, 'personne.inconnue', path.join(dir, 'x.zip')), /aucune personne/);
      const entry = await t.app.db.selectFrom('auditLog').select(['subjectId', 'details']).where('action', '=', 'privacy.export.cli').executeTakeFirstOrThrow();
      assert.equal(entry.subjectId, w.ce1Teacher.id);
      assert.match(entry.details ?? '', /"file":"export.zip"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function formArgs(fields: Record<string, string>) {
  const f = form(fields);
  return [f.payload, { headers: f.headers }] as const;
}
