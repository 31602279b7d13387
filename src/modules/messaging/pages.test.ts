import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { classParents, person, send } from './testing.js';

let t: TestApp;
let w: World;
const as = (p: { id: string }) => loginAs(t.app, p.id);

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

/** A multipart body as a browser sends the compose form, files included. */
function multipart(fields: [string, string][], files: { name: string; filename: string; type: string; content: Buffer }[]) {
  const boundary = '----preau-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const post = (session: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', url, f.payload, { headers: f.headers });
};

describe('inbox and message pages', () => {
  test('the inbox shows the unread count and the message; the sender sees who has read', async () => {
    const id = (await send(t.app, await as(w.ce1Teacher), { to: [classParents(w.ce1)], subject: 'Cahier de liaison' })).json().id;
    const parent = await as(w.ce1aParent);
    const inbox = await request(t.app, parent, 'GET', '/messaging');
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /data-unread[^>]*>1</);
    assert.match(inbox.body, /Cahier de liaison/);
    assert.match(inbox.body, /messaging-unread\.js/);
    assert.match(inbox.body, /class="nav-count"/, 'the navigation shows the count');
    const page = await request(t.app, parent, 'GET', `/messaging/messages/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Répondre/);
    const teacherView = await request(t.app, await as(w.ce1Teacher), 'GET', `/messaging/messages/${id}`);
    assert.match(teacherView.body, /Lu par 1 \/ 2/);
    assert.match(teacherView.body, /Pas encore lu/);
  });

  test('a stranger gets 404 and no content', async () => {
    const id = (await send(t.app, await as(w.ce1Teacher), { to: [person(w.ce1aParent)], subject: 'Privé', body: 'Pour Marc.' })).json().id;
    for (const stranger of [w.ce1bParent, w.otherParent, w.ce1a]) {
      const res = await request(t.app, await as(stranger), 'GET', `/messaging/messages/${id}`);
      assert.equal(res.statusCode, 404);
      assert.ok(!res.body.includes('Pour Marc'), 'no content');
    }
  });
});

describe('compose', () => {
  test('recipient search proposes only reachable people', async () => {
    const pupil = await as(w.ce1a);
    const res = await post(pupil, '/messaging/compose', { action: 'search', q: 'grande', subject: 'x', body: '' });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('Paul Grande'), 'another class’s parent is not proposed');
    const teacher = await post(pupil, '/messaging/compose', { action: 'search', q: 'ensei' });
    assert.match(teacher.body, /Théo Enseignant/);
  });

  test('a refused send shows the form again with the rule’s message, nothing sent', async () => {
    const pupil = await as(w.ce1a);
    const res = await post(pupil, '/messaging/compose', { action: 'send', to: person(w.cm2Parent), subject: 'Coucou', body: 'Bonjour' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /règles de communication/);
    assert.match(res.body, /Coucou/, 'what was typed is kept');
    const count = await t.app.db.selectFrom('messages').select('id').where('subject', '=', 'Coucou').execute();
    assert.equal(count.length, 0);
  });

  test('a teacher writes to “CE1 – parents” with an attachment; the parent downloads it, a stranger cannot', async () => {
    const teacher = await as(w.ce1Teacher);
    const body = multipart(
      [
        ['_csrf', teacher.csrf],
        ['to', classParents(w.ce1)],
        ['subject', 'Liste de fournitures'],
        ['body', 'Voici la liste.'],
        ['action', 'send'],
      ],
      [{ name: 'files', filename: 'fournitures.txt', type: 'text/plain', content: Buffer.from('Cahier, crayons, gomme.\n') }],
    );
    const res = await request(t.app, teacher, 'POST', `/messaging/compose?_csrf=${teacher.csrf}`, body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 303, res.body);
    const id = (res.headers.location as string).split('/').pop()!;
    const view = (await request(t.app, await as(w.ce1bParent), 'GET', `/api/messaging/messages/${id}`)).json();
    assert.equal(view.attachments.length, 1);
    const file = await request(t.app, await as(w.ce1bParent), 'GET', `/messaging/attachments/${view.attachments[0].id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, 'Cahier, crayons, gomme.\n');
    const stranger = await request(t.app, await as(w.cm2Parent), 'GET', `/messaging/attachments/${view.attachments[0].id}`);
    assert.equal(stranger.statusCode, 404);
    assert.ok(!stranger.body.includes('crayons'), 'no content');
  });

  test('reply and forward prefill the form', async () => {
    const id = (await send(t.app, await as(w.ce1Teacher), { to: [person(w.ce1aParent)], subject: 'Rendez-vous' })).json().id;
    const parent = await as(w.ce1aParent);
    const reply = await request(t.app, parent, 'GET', `/messaging/compose?reply=${id}`);
    assert.match(reply.body, /value="Re : Rendez-vous"/);
    assert.match(reply.body, new RegExp(`value="person:${w.ce1Teacher.id}"`));
    const forward = await request(t.app, parent, 'GET', `/messaging/compose?forward=${id}`);
    assert.match(forward.body, /value="Tr : Rendez-vous"/);
  });
});

describe('administration page', () => {
  test('managers only; the read-only switch is one button', async () => {
    assert.equal((await request(t.app, await as(w.ce1Teacher), 'GET', '/messaging/admin')).statusCode, 404);
    const director = await as(w.director);
    const page = await request(t.app, director, 'GET', '/messaging/admin');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Règles de communication/);
    const on = await post(director, '/messaging/admin/read-only', { readOnly: 'on' });
    assert.equal(on.statusCode, 303);
    const inbox = await request(t.app, await as(w.ce1Teacher), 'GET', '/messaging');
    assert.match(inbox.body, /lecture seule/);
    await post(director, '/messaging/admin/read-only', { readOnly: 'off' });
    const bad = await post(director, '/messaging/admin/quiet', { quietStart: '25:00', quietEnd: '07:00' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /format 20:00/);
  });
});
