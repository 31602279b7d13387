import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { multipart } from '../../kernel/storage/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass, buildWorld, type World } from '../directory/testing.js';
import { classParents, classPupils, person, send } from './testing.js';

let t: TestApp;
let w: World;
const as = (p: { id: string }) => loginAs(t.app, p.id);

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const countMessages = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('bounded lists', () => {
  test('a limit that is not a bounded whole number is a 400 in the error envelope, on messages and recipients', async () => {
    const parent = await as(w.ce1aParent);
    for (const path of ['/api/messaging/messages', '/api/messaging/recipients']) {
      for (const limit of ['Infinity', '1e999', '-Infinity', '0', '2.5', '101']) {
        const res = await request(t.app, parent, 'GET', `${path}?q=a&limit=${encodeURIComponent(limit)}`);
        assert.equal(res.statusCode, 400, `${path} limit=${limit}`);
        assert.equal(res.json().error.code, 'validation', `${path} limit=${limit}`);
      }
    }
    assert.equal((await request(t.app, parent, 'GET', '/api/messaging/recipients?q=a&limit=50')).statusCode, 200);
    assert.equal((await request(t.app, parent, 'GET', '/api/messaging/messages?limit=100')).statusCode, 200);
  });
});

describe('communication rules on send', () => {
  test('a teacher writes to "CE1 – parents": stored once, one copy per parent', async () => {
    const teacher = await as(w.ce1Teacher);
    const before = await countMessages();
    const res = await send(t.app, teacher, { to: [classParents(w.ce1)], subject: 'Sortie au musée', body: 'Départ à 9 h.' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().recipientCount, 2);
    assert.equal(await countMessages(), before + 1);
    const copies = await t.app.db.selectFrom('messageRecipients').select('personId').where('messageId', '=', res.json().id).execute();
    assert.deepEqual(new Set(copies.map((c) => c.personId)), new Set([w.ce1aParent.id, w.ce1bParent.id]));
    const inbox = (await request(t.app, await as(w.ce1aParent), 'GET', '/api/messaging/messages')).json();
    assert.ok(
      inbox.items.some((m: { subject: string }) => m.subject === 'Sortie au musée'),
      'the parent has it',
    );
    const other = (await request(t.app, await as(w.cm2Parent), 'GET', '/api/messaging/messages')).json();
    assert.equal(other.total, 0);
  });

  test('a pupil cannot write to another class’s parent: 403 with a message, nothing sent', async () => {
    const pupil = await as(w.ce1a);
    const before = await countMessages();
    const res = await send(t.app, pupil, { to: [person(w.cm2Parent)] });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'messaging.not_allowed');
    assert.match(res.json().error.message, /règles de communication/);
    assert.equal(await countMessages(), before);
  });

  test('a pupil’s recipient search only proposes their teachers', async () => {
    const pupil = await as(w.ce1a);
    const parents = (await request(t.app, pupil, 'GET', `/api/messaging/recipients?q=${encodeURIComponent('grande')}`)).json();
    assert.deepEqual(parents.people, [], 'another class’s family is not found');
    const teacher = (await request(t.app, pupil, 'GET', '/api/messaging/recipients?q=enseignant')).json();
    assert.deepEqual(
      teacher.people.map((p: { id: string }) => p.id),
      [w.ce1Teacher.id],
    );
    assert.deepEqual(
      teacher.groups.map((g: { label: string }) => g.label),
      ['CE1 – enseignants'],
      'a primary pupil’s only group is their teachers',
    );
    const classmate = (await request(t.app, pupil, 'GET', '/api/messaging/recipients?q=noe')).json();
    assert.deepEqual(classmate.people, [], 'classmates are off in primary schools');
  });

  test('a parent writes to the school’s teachers and director, not to other parents or another school', async () => {
    const parent = await as(w.ce1aParent);
    assert.equal((await send(t.app, parent, { to: [person(w.cm2Teacher)] })).statusCode, 201);
    assert.equal((await send(t.app, parent, { to: [person(w.director)] })).statusCode, 201);
    assert.equal((await send(t.app, parent, { to: [person(w.ce1bParent)] })).statusCode, 403);
    assert.equal((await send(t.app, parent, { to: [person(w.otherTeacher)] })).statusCode, 403);
    assert.equal((await send(t.app, parent, { to: [classParents(w.ce1)] })).statusCode, 403);
  });

  test('replying to someone who wrote is allowed even where the rules say no', async () => {
    const cm2Teacher = await as(w.cm2Teacher);
    assert.equal((await send(t.app, cm2Teacher, { to: [person(w.ce1bParent)] })).statusCode, 403, 'not their pupil’s parent');
    const first = await send(t.app, await as(w.ce1bParent), { to: [person(w.cm2Teacher)], subject: 'Question' });
    assert.equal(first.statusCode, 201);
    const reply = await send(t.app, cm2Teacher, { to: [person(w.ce1bParent)], subject: 'Re : Question', parentId: first.json().id });
    assert.equal(reply.statusCode, 201, reply.body);
    const view = (await request(t.app, await as(w.ce1bParent), 'GET', `/api/messaging/messages/${reply.json().id}`)).json();
    assert.equal(view.threadId, first.json().id);
    assert.deepEqual(
      view.thread.map((m: { id: string }) => m.id),
      [first.json().id, reply.json().id],
    );
  });

  test('a teacher of another school is refused, groups of another school too', async () => {
    const other = await as(w.otherTeacher);
    assert.equal((await send(t.app, other, { to: [person(w.ce1aParent)] })).statusCode, 403);
    assert.equal((await send(t.app, other, { to: [classPupils(w.ce1)] })).statusCode, 403);
  });
});

describe('bad input', () => {
  test('empty recipients, bad token, oversized body, unknown draft: clear 4xx, nothing stored', async () => {
    const teacher = await as(w.ce1Teacher);
    const before = await countMessages();
    const empty = await send(t.app, teacher, { to: [] });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.details[0].field, 'to');
    assert.equal((await send(t.app, teacher, { to: ['everyone'] })).statusCode, 400);
    const big = await send(t.app, teacher, { to: [person(w.ce1aParent)], body: 'x'.repeat(100_001) });
    assert.equal(big.statusCode, 400);
    assert.equal(big.json().error.details[0].field, 'body');
    const draft = await send(t.app, teacher, { to: [person(w.ce1aParent)], draftId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(draft.statusCode, 404);
    assert.equal(draft.json().error.code, 'not_found');
    assert.equal((await send(t.app, teacher, { to: [person(w.ce1aParent)], body: '   ' })).statusCode, 400);
    assert.equal(await countMessages(), before);
  });
});

describe('reading', () => {
  test('nobody but the sender and recipients can read a message, by any route', async () => {
    const teacher = await as(w.ce1Teacher);
    const sent = await send(t.app, teacher, { to: [person(w.ce1aParent)], subject: 'Confidentiel', body: 'Pour Marc seulement.' });
    const id = sent.json().id;
    for (const stranger of [w.ce1bParent, w.cm2Teacher, w.ce1a, w.otherParent, w.director]) {
      const s = await as(stranger);
      for (const [method, url] of [
        ['GET', `/api/messaging/messages/${id}`],
        ['POST', `/api/messaging/messages/${id}/trash`],
        ['POST', `/api/messaging/messages/${id}/restore`],
      ] as const) {
        const res = await request(t.app, s, method, url, method === 'POST' ? {} : undefined);
        assert.equal(res.statusCode, 404, `${stranger.firstName} ${url}`);
        assert.ok(!res.body.includes('Marc seulement') && !res.body.includes('Confidentiel'), 'no data in the body');
      }
      const read = await request(t.app, s, 'POST', `/api/messaging/messages/${id}/read`, { read: true });
      assert.equal(read.statusCode, 404);
      const search = (await request(t.app, s, 'GET', '/api/messaging/messages?q=confidentiel')).json();
      assert.equal(search.total, 0, 'search only looks into one’s own messages');
      const reply = await send(t.app, s, { to: [person(w.ce1Teacher)], parentId: id });
      assert.ok(reply.statusCode === 404 || reply.statusCode === 403, `reply to an unreadable message: ${reply.statusCode}`);
    }
    assert.equal((await request(t.app, await as(w.ce1aParent), 'GET', `/api/messaging/messages/${id}`)).statusCode, 200);
  });

  test('read receipts per recipient, unread count; a JSON read leaves the message unread until POST …/read', async () => {
    const teacher = await as(w.ce1Teacher);
    const parentA = await as(w.ce1aParent);
    const unreadBefore = (await request(t.app, parentA, 'GET', '/api/messaging/unread')).json().unread;
    const id = (await send(t.app, teacher, { to: [classParents(w.ce1)], subject: 'Photos de classe' })).json().id;
    assert.equal((await request(t.app, parentA, 'GET', '/api/messaging/unread')).json().unread, unreadBefore + 1);
    const read = await request(t.app, parentA, 'GET', `/api/messaging/messages/${id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['cache-control'], 'no-store');
    assert.equal((await request(t.app, parentA, 'GET', '/api/messaging/unread')).json().unread, unreadBefore + 1, 'a JSON read changes nothing');
    assert.equal((await request(t.app, parentA, 'POST', `/api/messaging/messages/${id}/read`, { read: true })).statusCode, 204);
    assert.equal((await request(t.app, parentA, 'GET', '/api/messaging/unread')).json().unread, unreadBefore, 'marked read by the explicit call');
    const view = (await request(t.app, teacher, 'GET', `/api/messaging/messages/${id}`)).json();
    assert.equal(view.receipts.total, 2);
    assert.equal(view.receipts.read, 1);
    const byId = Object.fromEntries(view.receipts.people.map((p: { id: string; readAt: string | null }) => [p.id, p.readAt]));
    assert.ok(byId[w.ce1aParent.id], 'Marc has read it');
    assert.equal(byId[w.ce1bParent.id], null);
    const parentView = (await request(t.app, parentA, 'GET', `/api/messaging/messages/${id}`)).json();
    assert.equal(parentView.receipts, null, 'recipients do not see who read');
    assert.equal((await request(t.app, parentA, 'POST', `/api/messaging/messages/${id}/read`, { read: false })).statusCode, 204);
    assert.equal((await request(t.app, parentA, 'GET', '/api/messaging/unread')).json().unread, unreadBefore + 1);
  });

  test('trash is per person: restore, empty; the others keep their copy', async () => {
    const id = (await send(t.app, await as(w.ce1Teacher), { to: [classParents(w.ce1)], subject: 'Kermesse' })).json().id;
    const parentA = await as(w.ce1aParent);
    assert.equal((await request(t.app, parentA, 'POST', `/api/messaging/messages/${id}/trash`, {})).statusCode, 204);
    const trash = (await request(t.app, parentA, 'GET', '/api/messaging/messages?folder=trash')).json();
    assert.ok(
      trash.items.some((m: { id: string }) => m.id === id),
      'in the trash',
    );
    const inboxB = (await request(t.app, await as(w.ce1bParent), 'GET', '/api/messaging/messages?q=kermesse')).json();
    assert.equal(inboxB.total, 1, 'Inès keeps hers');
    await request(t.app, parentA, 'POST', `/api/messaging/messages/${id}/restore`, {});
    assert.equal((await request(t.app, parentA, 'GET', '/api/messaging/messages?q=kermesse')).json().total, 1);
    await request(t.app, parentA, 'POST', `/api/messaging/messages/${id}/trash`, {});
    assert.equal((await request(t.app, parentA, 'POST', '/api/messaging/trash/empty', {})).statusCode, 204);
    assert.equal((await request(t.app, parentA, 'GET', `/api/messaging/messages/${id}`)).statusCode, 404, 'gone for Marc');
    assert.equal((await request(t.app, await as(w.ce1bParent), 'GET', `/api/messaging/messages/${id}`)).statusCode, 200, 'still there for Inès');
    assert.equal((await request(t.app, await as(w.ce1Teacher), 'GET', `/api/messaging/messages/${id}`)).statusCode, 200, 'and for the sender');
  });

  test('search is French and accent-insensitive, by word prefix, with pagination', async () => {
    const teacher = await as(w.ce1Teacher);
    await send(t.app, teacher, { to: [person(w.ce1bParent)], subject: 'Réunion', body: 'Le goûter de Noël aura lieu à l’école.' });
    const parentB = await as(w.ce1bParent);
    for (const q of ['noel', 'NOËL', 'gout', 'ecole reunion']) {
      const res = (await request(t.app, parentB, 'GET', `/api/messaging/messages?q=${encodeURIComponent(q)}`)).json();
      assert.equal(res.total, 1, q);
    }
    assert.equal((await request(t.app, parentB, 'GET', '/api/messaging/messages?q=oel')).json().total, 0, 'word prefixes only');
    assert.equal((await request(t.app, parentB, 'GET', `/api/messaging/messages?q=${encodeURIComponent('%_')}`)).json().total, 0);
    const page1 = (await request(t.app, parentB, 'GET', '/api/messaging/messages?limit=1')).json();
    const page2 = (await request(t.app, parentB, 'GET', '/api/messaging/messages?limit=1&offset=1')).json();
    assert.ok(page1.total >= 2, 'several messages');
    assert.notEqual(page1.items[0].id, page2.items[0].id);
  });

  test('drafts: save, update, send; a stranger cannot touch them', async () => {
    const teacher = await as(w.ce1Teacher);
    const created = await request(t.app, teacher, 'POST', '/api/messaging/drafts', { to: [person(w.ce1aParent)], subject: 'Brouillon', body: 'À finir' });
    assert.equal(created.statusCode, 201);
    const id = created.json().id;
    assert.equal((await request(t.app, await as(w.cm2Teacher), 'PUT', `/api/messaging/drafts/${id}`, { to: [], subject: 'x' })).statusCode, 404);
    assert.equal(
      (await request(t.app, teacher, 'PUT', `/api/messaging/drafts/${id}`, { to: [person(w.ce1aParent)], subject: 'Brouillon fini', body: 'Fini.' }))
        .statusCode,
      204,
    );
    const drafts = (await request(t.app, teacher, 'GET', '/api/messaging/messages?folder=drafts')).json();
    assert.ok(
      drafts.items.some((d: { id: string; subject: string }) => d.id === id && d.subject === 'Brouillon fini'),
      'updated draft listed',
    );
    const sent = await send(t.app, teacher, { to: [person(w.ce1aParent)], subject: 'Brouillon fini', body: 'Fini.', draftId: id });
    assert.equal(sent.statusCode, 201);
    assert.equal(sent.json().id, id);
    assert.equal(
      (await request(t.app, teacher, 'GET', '/api/messaging/messages?folder=drafts')).json().items.filter((d: { id: string }) => d.id === id).length,
      0,
    );
    assert.equal((await request(t.app, teacher, 'DELETE', `/api/messaging/drafts/${id}`)).statusCode, 404, 'no longer a draft');
  });
});

describe('administration', () => {
  test('rules: managers read and change them; anyone else gets 404', async () => {
    const url = `/api/messaging/structures/${w.schoolA.id}/settings`;
    assert.equal((await request(t.app, await as(w.ce1Teacher), 'GET', url)).statusCode, 404);
    const other = await request(t.app, await as(w.otherTeacher), 'GET', url);
    assert.equal(other.statusCode, 404);
    assert.ok(!other.body.includes('teacher'), 'no rules in the body');
    const admin = await as(w.admin);
    const settings = (await request(t.app, admin, 'GET', url)).json();
    assert.equal(settings.quietStart, '20:00');
    const withoutParents = settings.rules.filter(
      (r: { fromAudience: string; toAudience: string }) => !(r.fromAudience === 'teacher' && r.toAudience === 'relative'),
    );
    assert.equal((await request(t.app, admin, 'PUT', `/api/messaging/structures/${w.schoolA.id}/rules`, { rules: withoutParents })).statusCode, 204);
    assert.equal((await send(t.app, await as(w.ce1Teacher), { to: [classParents(w.ce1)] })).statusCode, 403);
    const bad = await request(t.app, admin, 'PUT', `/api/messaging/structures/${w.schoolA.id}/rules`, {
      rules: [{ fromAudience: 'x', toAudience: 'teacher', scope: 'linked' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await request(t.app, admin, 'PUT', `/api/messaging/structures/${w.schoolA.id}/rules`, { rules: settings.rules })).statusCode, 204);
    assert.equal((await send(t.app, await as(w.ce1Teacher), { to: [classParents(w.ce1)] })).statusCode, 201);
  });

  test('read-only switch: one action, audited, blocks every send until switched back', async () => {
    const url = `/api/messaging/structures/${w.schoolA.id}/read-only`;
    assert.equal((await request(t.app, await as(w.ce1Teacher), 'PUT', url, { readOnly: true })).statusCode, 404);
    const admin = await as(w.director);
    assert.equal((await request(t.app, admin, 'PUT', url, { readOnly: true })).statusCode, 204);
    const refused = await send(t.app, await as(w.ce1Teacher), { to: [person(w.ce1aParent)] });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'messaging.read_only');
    assert.equal((await send(t.app, await as(w.otherTeacher), { to: [person(w.otherParent)] })).statusCode, 201, 'another school is not affected');
    assert.equal((await request(t.app, admin, 'PUT', url, { readOnly: false })).statusCode, 204);
    assert.equal((await send(t.app, await as(w.ce1Teacher), { to: [person(w.ce1aParent)] })).statusCode, 201);
    const log = await t.app.db
      .selectFrom('auditLog')
      .select('action')
      .where('structureId', '=', w.schoolA.id)
      .where('action', 'like', 'messaging.read_only%')
      .execute();
    assert.deepEqual(log.map((l) => l.action).sort(), ['messaging.read_only.off', 'messaging.read_only.on']);
  });

  test('preferences: each person chooses immediate notices or a daily digest', async () => {
    const parent = await as(w.ce1aParent);
    assert.deepEqual((await request(t.app, parent, 'GET', '/api/messaging/preferences')).json(), { emailMode: 'off', hasEmail: false });
    assert.equal((await request(t.app, parent, 'PUT', '/api/messaging/preferences', { emailMode: 'digest' })).statusCode, 204);
    assert.equal((await request(t.app, parent, 'GET', '/api/messaging/preferences')).json().emailMode, 'digest');
    assert.equal((await request(t.app, parent, 'PUT', '/api/messaging/preferences', { emailMode: 'hourly' })).statusCode, 400);
  });
});

describe('uploads', () => {
  const storedBlobs = async () => {
    const root = path.join(t.config.dataDir, 'blobs');
    // Blobs live at `xx/yy/<key>` under the store's root; partial uploads under `tmp/`.
    const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
    return entries.filter((entry) => entry.split(path.sep).length === 3 && !entry.startsWith('tmp')).length;
  };

  test('a refused upload to someone else’s draft stores no byte; the writer’s own upload is stored', async () => {
    const teacher = await as(w.ce1Teacher);
    const draft = (await request(t.app, teacher, 'POST', '/api/messaging/drafts', { to: [], subject: 'Pièces', body: '' })).json().id;
    const before = await storedBlobs();
    const body = multipart({}, [{ field: 'files', name: 'sortie.txt', content: 'Autorisation parentale' }]);
    const url = `/api/messaging/drafts/${draft}/attachments`;
    const refused = await request(t.app, await as(w.cm2Teacher), 'POST', `${url}?_csrf=x`, body.payload, { headers: body.headers });
    assert.equal(refused.statusCode, 404);
    assert.equal(await storedBlobs(), before, 'no blob stored for a refused upload');
    const own = await request(t.app, teacher, 'POST', url, body.payload, { headers: body.headers });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(await storedBlobs(), before + 1);
  });
});

describe('past school years', () => {
  test('a class of a closed school year cannot be written to; its old mail stays readable', async () => {
    const teacher = await as(w.ce1Teacher);
    const old = await send(t.app, teacher, { to: [person(w.ce1aParent)], subject: 'Bilan de l’année', body: 'Merci pour cette année.' });
    assert.equal(old.statusCode, 201);
    const start = Number(schoolYearOf(t.app.clock.now()).slice(0, 4)) - 1;
    const lastYear = await buildClass(t.app.db, w.schoolA.id, {
      name: 'CP',
      schoolYear: `${start}-${start + 1}`,
      teachers: [w.ce1Teacher.id],
      students: [w.ce1a.id],
    });
    const before = await countMessages();
    const res = await send(t.app, teacher, { to: [classParents(lastYear)] });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'messaging.closed_year');
    assert.deepEqual(res.json().error.details.refused, [classParents(lastYear)]);
    assert.equal(await countMessages(), before);
    const read = await request(t.app, await as(w.ce1aParent), 'GET', `/api/messaging/messages/${old.json().id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().subject, 'Bilan de l’année');
  });
});
