import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { classParents, person } from './testing.js';

const MAX_BYTES = 4096;
let t: TestApp;
let w: World;
const as = (p: { id: string }) => loginAs(t.app, p.id);

before(async () => {
  t = await buildTestApp(buildApp, { uploadMaxBytes: MAX_BYTES });
  w = await buildWorld(t.app.db);
  await t.app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(t.app.clock.now()) })
    .execute();
  // A name found nowhere in school A, to tell whether it leaks.
  await t.app.db.updateTable('groups').set({ name: 'Classe des Mouettes' }).where('id', '=', w.otherClass.id).execute();
});
after(() => t.close());

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

const post = (session: Session, fields: Record<string, string | string[]>) => {
  const f = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', '/messaging/compose', f.payload, { headers: f.headers });
};

/** The compose form as a browser sends it: parts in the page's order, the file before the button pressed. */
function browserMultipart(parts: ([string, string] | { file: string; content: Buffer })[]) {
  const boundary = '----preau-compose-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (Array.isArray(part)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part[0]}"\r\n\r\n${part[1]}\r\n`));
    else
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${part.file}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        part.content,
        Buffer.from('\r\n'),
      );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const storedBlobs = async () => {
  const entries = await readdir(path.join(t.config.dataDir, 'blobs'), { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.split(path.sep).length === 3 && !entry.startsWith('tmp')).length;
};

describe('the compose form’s messages', () => {
  test('an empty form says “choose a recipient” once, and only once it was sent', async () => {
    const teacher = await as(w.ce1Teacher);
    const blank = await request(t.app, teacher, 'GET', '/messaging/compose');
    assert.equal(blank.statusCode, 200);
    assert.equal(occurrences(blank.body, 'Choisissez au moins un destinataire'), 0, 'no error before anything was sent');
    const res = await post(teacher, { action: 'send', subject: '', body: '' });
    assert.equal(res.statusCode, 400);
    assert.equal(occurrences(res.body, 'Choisissez au moins un destinataire'), 1, 'the error is shown once');
    assert.match(res.body, /href="#field-to"/, 'the summary leads to the recipients');
  });

  test('an attachment over the limit brings the form back with everything typed and one message; nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher);
    const blobsBefore = await storedBlobs();
    const body = browserMultipart([
      ['_csrf', teacher.csrf],
      ['to', person(w.ce1aParent)],
      ['to', classParents(w.ce1)],
      ['q', ''],
      ['subject', 'Photos de la sortie'],
      ['body', 'Voici les photos du musée.'],
      { file: 'photos.zip', content: Buffer.alloc(MAX_BYTES * 3, 7) },
      ['action', 'send'],
    ]);
    const res = await request(t.app, teacher, 'POST', `/messaging/compose?_csrf=${teacher.csrf}`, body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 413, res.body.slice(0, 300));
    assert.match(res.body, /<form[^>]*action="\/messaging\/compose/, 'the compose form, not an error page');
    assert.match(res.body, /value="Photos de la sortie"/);
    assert.match(res.body, /Voici les photos du musée\./);
    assert.match(res.body, new RegExp(`value="${person(w.ce1aParent)}" checked`), 'the person chosen stays chosen');
    assert.match(res.body, new RegExp(`value="${classParents(w.ce1)}" checked`), 'the group chosen stays chosen');
    assert.equal(occurrences(res.body, 'la taille maximale d’un fichier'), 1, 'one message, once, naming the file');
    assert.equal(await storedBlobs(), blobsBefore, 'no blob kept');
    const stored = await t.app.db.selectFrom('messages').select('id').where('subject', '=', 'Photos de la sortie').execute();
    assert.equal(stored.length, 0, 'nothing sent or saved');
  });

  test('the page tells a script the size limit; the script is small and served from the module', async () => {
    const page = await request(t.app, await as(w.ce1Teacher), 'GET', '/messaging/compose');
    assert.match(page.body, new RegExp(`data-max-bytes="${MAX_BYTES}"`));
    const src = /<script src="(\/messaging\/[^"]+\.js)"/.exec(page.body)?.[1];
    assert.ok(src, 'the compose page loads its script');
    const script = await request(t.app, null, 'GET', src);
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.ok(script.body.length < 2048, `${script.body.length} bytes`);
  });
});

describe('drafts name only the people and classes one may write to', () => {
  test('a draft to another school’s parent and class shows neither name, through the API or the form', async () => {
    const teacher = await as(w.ce1Teacher);
    const tokens = [person(w.otherParent), classParents(w.otherClass), person(w.ce1aParent)];
    const res = await request(t.app, teacher, 'POST', '/api/messaging/drafts', { to: tokens, subject: 'Brouillon', body: '' });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    const view = await request(t.app, teacher, 'GET', `/api/messaging/messages/${id}`);
    assert.equal(view.statusCode, 200);
    for (const body of [view.body, (await request(t.app, teacher, 'GET', `/messaging/compose?draft=${id}`)).body]) {
      assert.ok(!body.includes('Olga'), 'no name of another school’s parent');
      assert.ok(!body.includes('Mouettes'), 'no name of another school’s class');
    }
    assert.ok(view.body.includes('Marc Élève'), 'a reachable person keeps their name');
  });
});
