import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { buildWorld, type World } from '../directory/testing.js';
import { handInWindow } from './policy.js';
import { parisToIso } from './service/boxes.js';
import { lessonBody, publishLesson } from '../homework/testing.js';

let t: TestApp;
let w: World;
const s: Record<string, Session> = {};
// The app's time is fixed for the whole file: deadlines are a week ahead or a day behind it.
// Ten o'clock UTC today keeps the world's school year (built on today's date) the current one.
const clock = new TestClock(`${new Date().toISOString().slice(0, 10)}T10:00:00.000Z`);
const future = new Date(clock.now().getTime() + 7 * 86400_000).toISOString();
const past = new Date(clock.now().getTime() - 86400_000).toISOString();
const anon = 'anonymous-csrf-token-0123456789';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  for (const key of ['cm2Teacher', 'ce1Teacher', 'cm2', 'ce1a', 'cm2Parent', 'ce1aParent', 'otherTeacher', 'otherStudent', 'director'] as const)
    s[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

async function send(session: Session | null, url: string, fields: Record<string, string>, files: TestFile[]) {
  const body = multipart(fields, files);
  const headers = session ? body.headers : { ...body.headers, cookie: `preau_csrf=${anon}`, 'x-csrf-token': anon };
  return request(t.app, session, 'POST', url, body.payload, { headers });
}

async function openBox(dueAt: string, acceptLate: boolean, title = 'Exposé sur les volcans') {
  const res = await request(t.app, s.cm2Teacher!, 'POST', '/api/documents/boxes', {
    groupId: w.cm2Class.id,
    title,
    instructions: 'Un fichier PDF.',
    dueAt,
    acceptLate,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

describe('policy', () => {
  test('hand-in window: open until the deadline, then late only for a first hand-in if accepted', () => {
    const box = { dueAt: '2026-12-01T17:00:00.000Z', acceptLate: 1 };
    assert.equal(handInWindow(box, false, new Date('2026-12-01T16:59:00Z')), 'on_time');
    assert.equal(handInWindow(box, true, new Date('2026-12-01T16:59:00Z')), 'on_time');
    assert.equal(handInWindow(box, false, new Date('2026-12-01T17:01:00Z')), 'late');
    assert.equal(handInWindow(box, true, new Date('2026-12-01T17:01:00Z')), 'closed');
    assert.equal(handInWindow({ ...box, acceptLate: 0 }, false, new Date('2026-12-01T17:01:00Z')), 'closed');
  });

  test('a datetime-local value is read as Paris time', () => {
    assert.equal(parisToIso('2026-12-01T18:00'), '2026-12-01T17:00:00.000Z');
    assert.equal(parisToIso('2026-06-01T18:00'), '2026-06-01T16:00:00.000Z');
    assert.equal(parisToIso('2026-02-31T18:00'), null);
    assert.equal(parisToIso('demain'), null);
  });
});

describe('hand-in boxes', () => {
  let boxId: string;

  test('requires a session', async () => {
    assert.equal((await request(t.app, null, 'GET', '/api/documents/boxes')).statusCode, 401);
    assert.equal(
      (
        await request(
          t.app,
          null,
          'POST',
          '/api/documents/boxes',
          { groupId: w.cm2Class.id, title: 'x', dueAt: future },
          { headers: { cookie: `preau_csrf=${anon}`, 'x-csrf-token': anon } },
        )
      ).statusCode,
      401,
    );
  });

  test('only a teacher of the group opens a box (404 for anyone else); bad input is a 400 that changes nothing', async () => {
    boxId = await openBox(future, false);
    for (const who of [s.ce1Teacher!, s.cm2!, s.otherTeacher!, s.cm2Parent!]) {
      const res = await request(t.app, who, 'POST', '/api/documents/boxes', { groupId: w.cm2Class.id, title: 'x', dueAt: future });
      assert.equal(res.statusCode, 404);
    }
    const bad = await request(t.app, s.cm2Teacher!, 'POST', '/api/documents/boxes', { groupId: w.cm2Class.id, title: '', dueAt: 'bientôt' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
      ['dueAt', 'title'],
    );
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/boxes')).json().items.length, 1);
  });

  test('a pupil hands in, sees a receipt with checksums, and replaces before the deadline', async () => {
    const first = await send(s.cm2!, `/api/documents/boxes/${boxId}/hand-in`, {}, [{ name: 'volcans.pdf', content: '%PDF-1.4 brouillon' }]);
    assert.equal(first.statusCode, 201, first.body);
    const receipt = first.json();
    assert.equal(receipt.late, false);
    assert.equal(receipt.files[0].sha256, createHash('sha256').update('%PDF-1.4 brouillon').digest('hex'));
    const second = await send(s.cm2!, `/api/documents/boxes/${boxId}/hand-in`, {}, [
      { name: 'volcans.pdf', content: '%PDF-1.4 version finale' },
      { name: 'schéma.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) },
    ]);
    assert.equal(second.statusCode, 201);
    assert.deepEqual(
      second
        .json()
        .files.map((f: { fileName: string }) => f.fileName)
        .sort(),
      ['schéma.png', 'volcans.pdf'],
    );
    assert.equal(second.json().handInId, receipt.handInId);
  });

  test('a hand-in sent several times at once (a double submit) is stored once, with one set of files', async () => {
    const box = await openBox(future, false, 'Envoi en double');
    const sends = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send(s.cm2!, `/api/documents/boxes/${box}/hand-in`, {}, [{ name: 'volcans.pdf', content: `%PDF-1.4 envoi ${i}` }])),
    );
    assert.deepEqual(
      sends.map((r) => r.statusCode),
      sends.map(() => 201),
      sends.map((r) => r.body).join('\n'),
    );
    const handIns = await t.app.db.selectFrom('handIns').select('id').where('boxId', '=', box).execute();
    assert.equal(handIns.length, 1, 'one hand-in');
    const files = await t.app.db.selectFrom('handInFiles').select('id').where('handInId', '=', handIns[0]!.id).execute();
    assert.equal(files.length, 1, 'the files of one of the sends');
    await t.app.db.deleteFrom('handInFiles').where('handInId', '=', handIns[0]!.id).execute();
    await t.app.db.deleteFrom('handIns').where('boxId', '=', box).execute();
    await t.app.db.deleteFrom('handInBoxes').where('id', '=', box).execute();
  });

  test('the teacher sees who handed in and who has not; a parent sees their child’s status only', async () => {
    const teacher = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${boxId}`)).json();
    assert.equal(teacher.role, 'teacher');
    assert.deepEqual(
      teacher.lines.map((l: { studentId: string; status: string }) => [l.studentId, l.status]),
      [[w.cm2.id, 'on_time']],
    );
    const parent = await request(t.app, s.cm2Parent!, 'GET', `/api/documents/boxes/${boxId}`);
    assert.equal(parent.statusCode, 200);
    assert.equal(parent.json().lines[0].status, 'on_time');
    assert.deepEqual(parent.json().lines[0].files, []);
    assert.deepEqual(
      (await request(t.app, s.cm2Parent!, 'GET', '/api/documents/boxes')).json().items.map((b: { id: string }) => b.id),
      [boxId],
    );
  });

  test('other classes, other parents, another school: 404 with no data, empty lists', async () => {
    const fileId = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${boxId}`)).json().lines[0].files[0].id;
    for (const who of [s.ce1a!, s.ce1aParent!, s.otherStudent!, s.otherTeacher!, s.ce1Teacher!]) {
      for (const url of [`/api/documents/boxes/${boxId}`, `/api/documents/boxes/${boxId}/zip`, `/api/documents/hand-in-files/${fileId}/content`]) {
        const res = await request(t.app, who, 'GET', url);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes('volcans'), `no data in ${url}`);
      }
      assert.deepEqual((await request(t.app, who, 'GET', '/api/documents/boxes')).json().items, []);
      const handIn = await send(who, `/api/documents/boxes/${boxId}/hand-in`, {}, [{ name: 'x.txt', content: 'x' }]);
      assert.equal(handIn.statusCode, 404);
    }
    // A parent never downloads the work itself.
    assert.equal((await request(t.app, s.cm2Parent!, 'GET', `/api/documents/hand-in-files/${fileId}/content`)).statusCode, 404);
  });

  test('the teacher downloads one file and the zip, named by pupil', async () => {
    const detail = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${boxId}`)).json();
    const pdf = detail.lines[0].files.find((f: { fileName: string }) => f.fileName === 'volcans.pdf');
    const one = await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/hand-in-files/${pdf.id}/content`);
    assert.equal(one.body, '%PDF-1.4 version finale');
    const zip = await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${boxId}/zip`);
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.match(String(zip.headers['content-disposition']), /^attachment;.*volcans\.zip/);
    const raw = zip.rawPayload.toString('latin1');
    assert.ok(zip.rawPayload.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'a zip file');
    assert.ok(raw.includes('Grande Zoé'.normalize('NFC').replace('é', '\u00c3\u00a9') + '/volcans.pdf'), 'entries are named by pupil');
    assert.ok(raw.includes('%PDF-1.4 version finale'), 'stored entries carry the bytes');
  });

  test('the teacher returns a file with a comment; the pupil downloads it; other pupils cannot', async () => {
    const detail = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${boxId}`)).json();
    const handInId = detail.lines[0].handInId;
    assert.equal((await send(s.cm2!, `/api/documents/hand-ins/${handInId}/returns`, { comment: 'Bravo' }, [])).statusCode, 404);
    assert.equal((await send(s.cm2Teacher!, `/api/documents/hand-ins/${handInId}/returns`, { comment: '' }, [])).statusCode, 400);
    const res = await send(s.cm2Teacher!, `/api/documents/hand-ins/${handInId}/returns`, { comment: 'Très bien, voir annotations.' }, [
      { field: 'file', name: 'corrigé.pdf', content: '%PDF-1.4 annoté' },
    ]);
    assert.equal(res.statusCode, 201, res.body);
    const returnId = res.json().id;
    const pupil = (await request(t.app, s.cm2!, 'GET', `/api/documents/boxes/${boxId}`)).json();
    assert.equal(pupil.lines[0].returns[0].comment, 'Très bien, voir annotations.');
    assert.equal((await request(t.app, s.cm2!, 'GET', `/api/documents/returns/${returnId}/content`)).body, '%PDF-1.4 annoté');
    for (const who of [s.ce1a!, s.cm2Parent!, s.otherStudent!])
      assert.equal((await request(t.app, who, 'GET', `/api/documents/returns/${returnId}/content`)).statusCode, 404);
  });

  test('after the deadline: late hand-ins marked late when accepted, refused otherwise', async () => {
    const lateOk = await openBox(past, true, 'Carte de France');
    const res = await send(s.cm2!, `/api/documents/boxes/${lateOk}/hand-in`, {}, [{ name: 'carte.pdf', content: '%PDF carte' }]);
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().late, true);
    const again = await send(s.cm2!, `/api/documents/boxes/${lateOk}/hand-in`, {}, [{ name: 'carte2.pdf', content: '%PDF carte 2' }]);
    assert.equal(again.statusCode, 409);
    const teacher = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${lateOk}`)).json();
    assert.equal(teacher.lines[0].status, 'late');
    const closed = await openBox(past, false, 'Fermé');
    const refused = await send(s.cm2!, `/api/documents/boxes/${closed}/hand-in`, {}, [{ name: 'x.pdf', content: '%PDF x' }]);
    assert.equal(refused.statusCode, 409);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${closed}`)).json().lines[0].status, 'missing');
  });
});

describe('a box tied to the cahier de textes', () => {
  test("only the teacher's own work to hand in, given to the same class", async () => {
    // Due on the lesson's own day, whichever day the cahier de textes takes as today.
    const base = await lessonBody(t.app, w.schoolA.id, w.cm2Class.id);
    const body = { ...base, assignments: [{ instructions: 'Rendre l’exposé sur les volcans', dueOn: base.lessonDate, toHandIn: true }] };
    const lesson = await publishLesson(t.app, s.cm2Teacher!, body);
    const detail = (await request(t.app, s.cm2Teacher!, 'GET', `/api/homework/lessons/${lesson.id}`)).json();
    const assignmentId = detail.assignments[0].id as string;
    const open = (fields: Record<string, unknown>, who = s.cm2Teacher!) =>
      request(t.app, who, 'POST', '/api/documents/boxes', {
        groupId: w.cm2Class.id,
        title: 'Exposé',
        instructions: '',
        dueAt: future,
        acceptLate: true,
        ...fields,
      });
    const ok = await open({ assignmentId });
    assert.equal(ok.statusCode, 201, ok.body);
    const box = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${ok.json().id}`)).json();
    assert.equal(box.box.assignmentId, assignmentId);
    const foreign = await open({ assignmentId, groupId: w.ce1.id }, s.ce1Teacher!);
    assert.equal(foreign.statusCode, 400, 'another teacher cannot tie a box to this work');
    assert.equal(foreign.json().error.details[0].field, 'assignmentId');
    assert.equal((await open({ assignmentId }, s.cm2!)).statusCode, 404, 'a pupil opens no box');
    assert.equal((await open({ assignmentId: 'not-an-assignment' })).statusCode, 400);
    const form = await request(t.app, s.cm2Teacher!, 'GET', '/documents/boxes/new');
    assert.match(form.body, /Rendre l’exposé sur les volcans/);

    // From the pupil's agenda to the box; the parent too; nobody else.
    const agenda = await request(t.app, s.cm2!, 'GET', '/homework/agenda');
    assert.match(agenda.body, new RegExp(`href="/documents/boxes/for-assignment/${assignmentId}"`));
    for (const who of [s.cm2!, s.cm2Parent!]) {
      const go = await request(t.app, who, 'GET', `/documents/boxes/for-assignment/${assignmentId}`);
      assert.equal(go.statusCode, 303);
      assert.equal(go.headers.location, `/documents/boxes/${ok.json().id}`);
    }
    const stranger = await request(t.app, s.otherStudent!, 'GET', `/documents/boxes/for-assignment/${assignmentId}`);
    assert.equal(stranger.statusCode, 404);
    assert.doesNotMatch(stranger.body, /Exposé/);
    const none = await request(t.app, s.cm2!, 'GET', '/documents/boxes/for-assignment/00000000-0000-4000-8000-000000000000');
    assert.equal(none.statusCode, 404);
    assert.match(none.body, /Pas encore de dépôt pour ce travail/);
  });
});
