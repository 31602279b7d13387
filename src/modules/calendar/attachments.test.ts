// An event's files: joined by its author or the direction (API and form), read by its audience
// only, taken off again; and the calendar in the privacy register and in its author's archive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { newsWorld, TEST_NOW, type NewsWorld } from '../news/testing.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { MAX_FILES } from './service.js';

let t: TestApp;
let w: NewsWorld;
const as: Record<string, Session> = {};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await newsWorld(t.app);
  for (const key of ['director', 'ce1Teacher', 'cm2Teacher', 'ce1aParent', 'cm2Parent', 'otherTeacher'] as const) as[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

const PDF: TestFile = { field: 'file', name: 'autorisation-sortie.pdf', content: Buffer.from('%PDF-1.4\n% Autorisation de sortie\n'), type: 'application/pdf' };
const attachmentRows = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('calendarAttachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const blobCount = async () => {
  let n = 0;
  for await (const _ of t.app.blobs.list()) n++;
  return n;
};

async function outing(title: string): Promise<string> {
  const res = await request(t.app, as.ce1Teacher!, 'POST', '/api/calendar/events', {
    kind: 'outing',
    title,
    startDay: '2027-03-25',
    audience: [`class:${w.ce1.id}`],
  });
  assert.equal(res.statusCode, 201, res.body);
  return (res.json() as { id: string }).id;
}

const upload = (who: Session, id: string, files: TestFile[]) => {
  const body = multipart({}, files);
  return request(t.app, who, 'POST', `/api/calendar/events/${id}/attachments`, body.payload, { headers: body.headers });
};

test('files join an event: refused to who may not change it before anything is stored; read by its audience only; taken off', async () => {
  const id = await outing('Sortie à la ferme');
  const [rowsBefore, blobsBefore] = [await attachmentRows(), await blobCount()];
  for (const [name, who] of [
    ['another teacher', as.cm2Teacher!],
    ['a parent of the class', as.ce1aParent!],
    ['another school’s teacher', as.otherTeacher!],
  ] as const) {
    const res = await upload(who, id, [PDF]);
    assert.equal(res.statusCode, 404, `${name}: ${res.body}`);
  }
  assert.equal(await attachmentRows(), rowsBefore, 'no row for a refused upload');
  assert.equal(await blobCount(), blobsBefore, 'no blob for a refused upload');

  const res = await upload(as.ce1Teacher!, id, [PDF]);
  assert.equal(res.statusCode, 201, res.body);
  const [file] = res.json() as { id: string; fileName: string; size: number }[];
  assert.equal(file?.fileName, 'autorisation-sortie.pdf');
  const detail = (await request(t.app, as.ce1aParent!, 'GET', `/api/calendar/events/${id}`)).json() as { attachments: { id: string }[]; mayEdit: boolean };
  assert.deepEqual(
    detail.attachments.map((a) => a.id),
    [file!.id],
    'the family sees the file',
  );
  assert.equal(detail.mayEdit, false, 'and may not change the event');
  const url = `/calendar/events/${id}/attachments/${file!.id}`;
  const download = await request(t.app, as.ce1aParent!, 'GET', url);
  assert.equal(download.statusCode, 200, 'the class’s parent downloads it');
  assert.match(download.body, /Autorisation de sortie/, 'the file as sent');
  for (const [name, who] of [
    ['another class’s parent', as.cm2Parent!],
    ['another school’s teacher', as.otherTeacher!],
  ] as const) {
    const refused = await request(t.app, who, 'GET', url);
    assert.equal(refused.statusCode, 404, `${name}: 404`);
    assert.ok(!refused.body.includes('Autorisation de sortie'), `${name}: nothing of the file`);
  }
  const page = await request(t.app, as.ce1aParent!, 'GET', `/calendar/events/${id}`);
  assert.ok(page.body.includes(`href="${url}"`), 'the event page links the file');
  assert.ok(!page.body.includes('enctype="multipart/form-data"'), 'no upload form for a parent');

  assert.equal(
    (await request(t.app, as.cm2Teacher!, 'DELETE', `/api/calendar/events/${id}/attachments/${file!.id}`)).statusCode,
    404,
    'another teacher may not',
  );
  assert.equal(
    (await request(t.app, as.director!, 'DELETE', `/api/calendar/events/${id}/attachments/${file!.id}`)).statusCode,
    204,
    'the direction takes it off',
  );
  assert.equal((await request(t.app, as.ce1aParent!, 'GET', url)).statusCode, 404, 'gone for the family');
  assert.equal(await blobCount(), blobsBefore, 'its blob is gone too');
});

test('at most five files; the form shows the refusal on the event page, and the author joins and takes off files from it', async () => {
  const id = await outing('Classe de mer');
  const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ ...PDF, name: `document-${i}.pdf` }));
  const tooMany = await upload(as.ce1Teacher!, id, many);
  assert.equal(tooMany.statusCode, 400, tooMany.body);
  assert.equal((await request(t.app, as.ce1Teacher!, 'GET', `/api/calendar/events/${id}`)).json().attachments.length, 0, 'nothing kept of a refused upload');

  const teacher = as.ce1Teacher!;
  const sendForm = (files: TestFile[]) => {
    const body = multipart({ _csrf: teacher.csrf }, files);
    return request(t.app, teacher, 'POST', `/calendar/events/${id}/attachments`, body.payload, { headers: body.headers });
  };
  const empty = await sendForm([]);
  assert.equal(empty.statusCode, 400, 'no file chosen');
  assert.match(empty.body, /Choisissez un fichier/, 'the event page says so');
  assert.match(empty.body, /aria-invalid="true"/, 'on the field');
  const sent = await sendForm([{ ...PDF, name: 'trousseau.pdf' }]);
  assert.equal(sent.statusCode, 303, sent.body);
  const page = await request(t.app, teacher, 'GET', `/calendar/events/${id}`);
  assert.match(page.body, /trousseau\.pdf/, 'listed on the event page');
  const fileId = /\/attachments\/([^/"]+)\/remove/.exec(page.body)?.[1];
  assert.ok(fileId, 'with a button to take it off');
  const removed = await request(t.app, teacher, 'POST', `/calendar/events/${id}/attachments/${fileId}/remove`, `_csrf=${encodeURIComponent(teacher.csrf)}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(removed.statusCode, 303, removed.body);
  assert.ok(!(await request(t.app, teacher, 'GET', `/calendar/events/${id}`)).body.includes('trousseau.pdf'), 'taken off');
});

test('the calendar is in the register; its author’s archive holds her events with their audience and files', async () => {
  const res = await request(t.app, as.director!, 'GET', '/api/privacy/register');
  const entry = (res.json() as { items: Array<{ module: string; title: string }> }).items.find((i) => i.module === 'calendar');
  assert.equal(entry?.title, 'Calendrier', 'declared');
  const id = await outing('Piscine');
  assert.equal((await upload(as.ce1Teacher!, id, [{ ...PDF, name: 'piscine.pdf' }])).statusCode, 201);
  const archive = await personArchive(t.app, w.ce1Teacher.id);
  const events = zipJson(archive, 'calendar/evenements-ajoutes.json');
  assert.ok(Array.isArray(events), 'the archive has the calendar’s events');
  assert.ok(
    events.some((e) => e.id === id && e.title === 'Piscine'),
    'her event',
  );
  assert.ok(
    zipJson(archive, 'calendar/publics.json').some((a) => a.eventId === id && a.targetId === w.ce1.id),
    'its audience',
  );
  assert.ok(
    zipJson(archive, 'calendar/pieces-jointes.json').some((a) => a.eventId === id && a.fileName === 'piscine.pdf'),
    'its file',
  );
  const parent = await personArchive(t.app, w.ce1aParent.id);
  assert.equal((zipJson(parent, 'calendar/evenements-ajoutes.json') ?? []).length, 0, 'a reader’s archive holds no one else’s events');
});
