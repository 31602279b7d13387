import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { countPurge, runPurge } from './service/retention.js';
import { exportOf, fileRequestAs, readZip, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
let instanceAdmin: Session;
let schoolBAdmin: Session;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  instanceAdmin = await as((await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id);
  const b = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Basile', lastName: 'Port', structureId: w.schoolB.id, roles: ['localAdmin'] });
  schoolBAdmin = await as(b.id);
});
after(() => t.close());

const post = (session: Session, url: string, fields: Record<string, string>) => {
  const f = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', url, f.payload, { headers: f.headers });
};
type Handled = { id: string; status: string; body: string; reason: string | null; person: { login: string } };
const handled = async (session: Session, query = '') => {
  const res = await request(t.app, session, 'GET', `/api/privacy/requests${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Handled[] }).items;
};
const rowOf = (id: string) => t.app.db.selectFrom('privacyRequests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('privacy: a person files an erasure or rectification request', () => {
  test('a parent files one from « my data » with the form and sees it there, received; the filing is audited without its text', async () => {
    const parent = await as(w.ce1aParent.id);
    const res = await post(parent, '/privacy/requests', { kind: 'rectification', body: 'Mon numéro de téléphone est faux :\nle bon est le 06 12 34 56 78.' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/privacy#requests');
    const page = await request(t.app, parent, 'GET', '/privacy');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('le bon est le 06 12 34 56 78.'), 'the request is listed with its text');
    assert.ok(page.body.includes('Reçue'), 'with its status');
    const row = await t.app.db.selectFrom('privacyRequests').selectAll().where('personId', '=', w.ce1aParent.id).executeTakeFirstOrThrow();
    assert.equal(row.kind, 'rectification');
    assert.equal(row.createdAt, TEST_NOW.replace('Z', '.000Z'), 'dated by the application’s clock');
    const entry = await t.app.db.selectFrom('auditLog').selectAll().where('action', '=', 'privacy.request.file').executeTakeFirstOrThrow();
    assert.equal(entry.subjectId, w.ce1aParent.id);
    assert.ok(entry.details?.includes(row.id) && !entry.details.includes('06 12'), `the entry names the request, not its text: ${entry.details}`);
  });

  test('bad input: the form comes back (400) with its message and what was typed; the API answers 400 JSON; nothing is stored', async () => {
    const pupil = await as(w.ce1a.id);
    const empty = await post(pupil, '/privacy/requests', { kind: 'erasure', body: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Décrivez la donnée à rectifier ou à effacer.'), 'the message');
    assert.ok(/id="field-kind-erasure"[^>]*checked/.test(empty.body), 'the chosen kind is kept');
    const long = 'Ma photo de classe. '.repeat(120);
    const tooLong = await post(pupil, '/privacy/requests', { kind: 'rectification', body: long });
    assert.equal(tooLong.statusCode, 400);
    assert.ok(tooLong.body.includes('dépasse 2000 caractères') && tooLong.body.includes(long.trim()), 'the message and the text as typed');
    const badKind = await post(pupil, '/privacy/requests', { kind: 'deletion', body: 'Effacez ma photo.' });
    assert.equal(badKind.statusCode, 400);
    assert.ok(badKind.body.includes('Choisissez rectification ou effacement.') && badKind.body.includes('Effacez ma photo.'), 'the message, the text kept');
    const huge = await post(pupil, '/privacy/requests', { kind: 'erasure', body: 'x'.repeat(20_001) });
    assert.equal(huge.statusCode, 400, 'beyond the form’s bound: the form again, never a 500');
    for (const payload of [{ kind: 'erasure', body: '' }, { kind: 'oops', body: 'x' }, { kind: 'erasure', body: 'x'.repeat(2001) }, {}]) {
      const api = await request(t.app, pupil, 'POST', '/api/privacy/requests', payload);
      assert.equal(api.statusCode, 400, `${JSON.stringify(payload).slice(0, 60)}: ${api.body.slice(0, 200)}`);
      assert.equal((api.json() as { error: { code: string } }).error.code, 'validation');
    }
    const blank = await request(t.app, pupil, 'POST', '/api/privacy/requests', { kind: 'erasure', body: '  \n ' });
    assert.equal(blank.statusCode, 400, 'only spaces is empty');
    const stored = await t.app.db.selectFrom('privacyRequests').select('id').where('personId', '=', w.ce1a.id).execute();
    assert.equal(stored.length, 0, 'nothing stored');
  });

  test('three open requests at most: a fourth is refused (409, or the form again) until one is answered', async () => {
    const teacher = await as(w.ce1Teacher.id);
    for (const body of ['Mon nom d’usage est Martin.', 'Ma date d’arrivée est fausse.', 'Effacez mon ancien courriel.'])
      await fileRequestAs(t.app, teacher, { kind: 'rectification', body });
    const mine = await request(t.app, teacher, 'GET', '/api/privacy/requests/mine');
    assert.equal((mine.json() as { canFile: boolean; items: unknown[] }).canFile, false, 'the API says no more for now');
    assert.equal((mine.json() as { items: unknown[] }).items.length, 3);
    const api = await request(t.app, teacher, 'POST', '/api/privacy/requests', { kind: 'erasure', body: 'Une quatrième.' });
    assert.equal(api.statusCode, 409);
    assert.equal((api.json() as { error: { code: string } }).error.code, 'privacy.request.too_many');
    const page = await request(t.app, teacher, 'GET', '/privacy');
    assert.ok(page.body.includes('en attente de réponse') && !page.body.includes('action="/privacy/requests"'), 'no form while three wait');
    const again = await post(teacher, '/privacy/requests', { kind: 'erasure', body: 'Une quatrième.' });
    assert.equal(again.statusCode, 400);
    assert.ok(again.body.includes('attendez leur traitement') && again.body.includes('Une quatrième.'), 'the form again with its message');
    const [first] = await handled(await as(w.admin.id), `?status=open`).then((items) => items.filter((i) => i.person.login === w.ce1Teacher.login));
    const done = await request(t.app, await as(w.admin.id), 'PATCH', `/api/privacy/requests/${first!.id}`, {
      status: 'refused',
      reason: 'Le nom d’usage vient de l’import.',
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(
      (await request(t.app, teacher, 'POST', '/api/privacy/requests', { kind: 'erasure', body: 'Une quatrième.' })).statusCode,
      201,
      'one answered, one more',
    );
  });
});

describe('privacy: administrators handle the requests', () => {
  test('who sees which: their school’s local administrator, the instance administrator; never another school’s, a director, a teacher', async () => {
    const other = await fileRequestAs(t.app, await as(w.otherParent.id), { kind: 'erasure', body: 'Effacez la photo du carnaval.' });
    const own = await fileRequestAs(t.app, await as(w.admin.id), { kind: 'rectification', body: 'Mon bureau est en salle 12.' });
    const schoolA = await handled(await as(w.admin.id));
    assert.ok(
      schoolA.some((r) => r.person.login === w.ce1aParent.login),
      'a family of their school',
    );
    assert.ok(!schoolA.some((r) => r.id === other.id), 'not school B’s');
    assert.ok(!schoolA.some((r) => r.id === own.id), 'not their own');
    const schoolB = await handled(schoolBAdmin);
    assert.deepEqual(
      schoolB.map((r) => r.id),
      [other.id],
      'school B’s administrator: school B only',
    );
    const all = await handled(instanceAdmin);
    assert.ok(all.some((r) => r.id === other.id) && all.some((r) => r.id === own.id), 'the instance administrator: everyone’s');
    const page = await request(t.app, schoolBAdmin, 'GET', '/privacy/requests');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Ailleurs') && !page.body.includes(w.ce1aParent.login), 'the page is scoped the same');
    for (const personId of [w.director.id, w.ce1Teacher.id, w.ce1aParent.id]) {
      const session = await as(personId);
      assert.equal((await request(t.app, session, 'GET', '/api/privacy/requests')).statusCode, 403);
      const refused = await request(t.app, session, 'GET', '/privacy/requests');
      assert.equal(refused.statusCode, 403);
      assert.ok(!refused.body.includes('carnaval'), 'nothing in the refusal');
    }
    const detail = await request(t.app, await as(w.admin.id), 'GET', `/privacy/requests/${other.id}`);
    assert.equal(detail.statusCode, 404, 'another school’s request is not found');
    assert.ok(!detail.body.includes('carnaval'), 'and none of it is shown');
  });

  test('open ones first, oldest first; filtered by status; the admin link counts the open ones', async () => {
    const items = await handled(await as(w.admin.id));
    const firstClosed = items.findIndex((r) => r.status === 'done' || r.status === 'refused');
    assert.ok(firstClosed > 0, `some open then some closed: ${items.map((i) => i.status).join(',')}`);
    assert.ok(
      items.slice(firstClosed).every((r) => r.status === 'done' || r.status === 'refused'),
      'no open one after the closed ones',
    );
    assert.deepEqual(
      (await handled(await as(w.admin.id), '?status=refused')).map((r) => r.status),
      ['refused'],
      'by status',
    );
    const open = (await handled(await as(w.admin.id), '?status=open')).length;
    const page = await request(t.app, await as(w.admin.id), 'GET', '/privacy');
    assert.ok(page.body.includes(`Demandes à traiter (${open})`), `the link with the count ${open}`);
    const parentPage = await request(t.app, await as(w.ce1aParent.id), 'GET', '/privacy');
    assert.ok(!parentPage.body.includes('Demandes à traiter'), 'no link for a parent');
    const bad = await request(t.app, await as(w.admin.id), 'GET', '/api/privacy/requests?status=lost');
    assert.equal(bad.statusCode, 400);
    const filtered = await request(t.app, await as(w.admin.id), 'GET', '/privacy/requests?status=received');
    assert.equal(filtered.statusCode, 200);
    assert.ok(filtered.body.includes('Reçue') && !filtered.body.includes('Refusée</td>'), 'the page filters too');
  });

  test('the local administrator moves a request on: in progress, then done with a reason; audited; the person is told and reads the answer', async () => {
    const parent = await as(w.ce1bParent.id);
    const filed = await fileRequestAs(t.app, parent, { kind: 'rectification', body: 'Le prénom de mon fils s’écrit Noé, avec un tréma.' });
    const admin = await as(w.admin.id);
    const url = `/privacy/requests/${filed.id}`;
    await t.app.jobs.runDue();
    const told = await t.app.db
      .selectFrom('notifications')
      .select(['recipientId', 'title', 'body', 'link'])
      .where('source', '=', `privacy.request.filed:${filed.id}`)
      .execute();
    assert.deepEqual(
      told.map((n) => [n.recipientId, n.title, n.link]),
      [[w.admin.id, 'Nouvelle demande de rectification à traiter', url]],
      'school A’s local administrator is told of the new request, nobody else',
    );
    assert.ok(!told[0]!.body?.includes('tréma'), 'without its text');
    const page = await request(t.app, admin, 'GET', url);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('avec un tréma') && page.body.includes(w.ce1bParent.login) && page.body.includes('École des Tilleuls'), 'who, what, where');
    assert.equal((await post(admin, url, { status: 'in_progress' })).statusCode, 303, 'in progress needs no reason');
    const missing = await post(admin, url, { status: 'done', reason: '  ' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.body.includes('Indiquez ce qui a été fait'), 'a reason is required to close it');
    const typo = await post(admin, url, { status: 'received', reason: 'Retour au début.' });
    assert.equal(typo.statusCode, 400);
    assert.ok(typo.body.includes('Choisissez le nouvel état') && typo.body.includes('Retour au début.'), 'the message and what was typed');
    const none = await post(admin, url, {});
    assert.equal(none.statusCode, 400);
    assert.ok(none.body.includes('Choisissez le nouvel état') && !none.body.includes('Indiquez ce qui a été fait'), 'no status: only that is said');
    const done = await post(admin, url, { status: 'done', reason: 'Le prénom est corrigé dans l’annuaire.' });
    assert.equal(done.statusCode, 303, done.body);
    const row = await rowOf(filed.id);
    assert.deepEqual([row.status, row.reason, row.handledBy], ['done', 'Le prénom est corrigé dans l’annuaire.', w.admin.id]);
    const entries = await t.app.db.selectFrom('auditLog').select(['actorId', 'subjectId', 'details']).where('action', '=', 'privacy.request.status').execute();
    const mine = entries.filter((e) => e.details?.includes(filed.id));
    assert.deepEqual(mine.map((e) => (JSON.parse(e.details!) as { to: string }).to).sort(), ['done', 'in_progress'], 'each change is audited');
    assert.ok(
      mine.every((e) => e.actorId === w.admin.id && e.subjectId === w.ce1bParent.id && !e.details!.includes('tréma')),
      'by whom, about whom, without the texts',
    );
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    const notices = await t.app.db.selectFrom('notifications').select(['kind', 'title', 'link']).where('recipientId', '=', w.ce1bParent.id).execute();
    assert.deepEqual(
      notices.map((n) => n.title).sort(),
      ['Votre demande de rectification a été traitée', 'Votre demande de rectification est en cours de traitement'],
      'told at each change, once',
    );
    assert.ok(
      notices.every((n) => n.kind === 'privacy.request.status' && n.link === '/privacy#requests'),
      'to their page',
    );
    const own = await request(t.app, parent, 'GET', '/privacy');
    assert.ok(own.body.includes('Traitée') && own.body.includes('Le prénom est corrigé dans l’annuaire.'), 'the person reads the answer');
    const closed = await request(t.app, admin, 'PATCH', `/api/privacy/requests/${filed.id}`, { status: 'refused', reason: 'Finalement non.' });
    assert.equal(closed.statusCode, 409, 'an answered request does not change');
    assert.equal((closed.json() as { error: { code: string } }).error.code, 'privacy.request.closed');
    const after = await request(t.app, admin, 'GET', url);
    assert.ok(after.body.includes('elle ne change plus') && !after.body.includes(`action="${url}"`), 'no form on an answered request');
  });

  test('the API: refused needs a reason, school B’s administrator gets 404, the instance administrator handles anyone’s', async () => {
    const filed = await fileRequestAs(t.app, await as(w.cm2Parent.id), { kind: 'erasure', body: 'Effacez mon numéro de portable.' });
    const api = `/api/privacy/requests/${filed.id}`;
    const noReason = await request(t.app, instanceAdmin, 'PATCH', api, { status: 'refused' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(
      (noReason.json() as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field),
      ['reason'],
    );
    const wrong = await request(t.app, schoolBAdmin, 'PATCH', api, { status: 'done', reason: 'Fait.' });
    assert.equal(wrong.statusCode, 404);
    assert.ok(!wrong.body.includes('portable'), 'nothing of the request');
    const bad = await request(t.app, instanceAdmin, 'PATCH', api, { status: 'received' });
    assert.equal(bad.statusCode, 400, 'received is not a handler’s status');
    const refused = await request(t.app, instanceAdmin, 'PATCH', api, { status: 'refused', reason: 'Ce numéro sert aux appels d’urgence de l’école.' });
    assert.equal(refused.statusCode, 200, refused.body);
    const out = refused.json() as Handled;
    assert.deepEqual([out.status, out.reason, out.person.login], ['refused', 'Ce numéro sert aux appels d’urgence de l’école.', w.cm2Parent.login]);
    assert.equal((await rowOf(filed.id)).updatedAt, clock.now().toISOString(), 'dated by the clock');
  });
});

describe('privacy: requests in the archive and the retention schedule', () => {
  test('the person’s archive holds their own requests with the answers, nobody else’s', async () => {
    const url = await exportOf(t.app, await as(w.ce1bParent.id));
    const zip = await readZip((await request(t.app, await as(w.ce1bParent.id), 'GET', url)).rawPayload);
    const rows = JSON.parse(zip.get('privacy/demandes-rectification-effacement.json')?.toString() ?? '[]') as Array<{ body: string; reason: string }>;
    assert.deepEqual(
      rows.map((r) => [r.body, r.reason]),
      [['Le prénom de mon fils s’écrit Noé, avec un tréma.', 'Le prénom est corrigé dans l’annuaire.']],
      'their request and its answer',
    );
    const all = [...zip.values()].map((b) => b.toString()).join('\n');
    assert.ok(!all.includes('06 12 34 56 78') && !all.includes('carnaval'), 'nobody else’s');
  });

  test('answered requests go a year after their answer; open ones stay', async () => {
    const deps = { db: t.app.db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
    const before = await t.app.db.selectFrom('privacyRequests').select(['id', 'status']).execute();
    const later = new Date(clock.now().getTime() + 400 * 86400_000);
    const line = (await countPurge(deps, later)).lines.find((l) => l.kind === 'privacy.requests');
    const answered = before.filter((r) => r.status === 'done' || r.status === 'refused');
    assert.ok(answered.length >= 3, `${answered.length} answered`);
    assert.equal(line?.items, answered.length, 'the dry run counts the answered ones');
    assert.equal((await countPurge(deps, clock.now())).lines.find((l) => l.kind === 'privacy.requests')?.items, 0, 'none today');
    await runPurge(deps, later, null);
    const left = await t.app.db.selectFrom('privacyRequests').select('status').execute();
    assert.equal(left.length, before.length - answered.length, 'the answered ones are gone');
    assert.ok(
      left.every((r) => r.status === 'received' || r.status === 'in_progress'),
      'the open ones stay',
    );
  });
});
