import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { countSlots, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const as = (id: string) => loginAs(t.app, id);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await timetableWorld(t.app);
});
after(() => t.close());

/** Counts what reaches the blob store: an upload is read and never kept. */
async function blobCount() {
  let n = 0;
  for await (const _ of t.app.blobs.list()) n++;
  return n;
}

async function upload(personId: string, fields: Record<string, string>, file?: { name: string; content: string; type?: string }) {
  const session = await as(personId);
  const body = multipart({ _csrf: session.csrf, ...fields }, file ? [{ field: 'file', ...file }] : []);
  return request(t.app, session, 'POST', '/timetable/import/file', body.payload, { headers: body.headers });
}

const HEADER = 'Jour;Début;Fin;Matière;Classe;Enseignant';

describe('importing a timetable file from the page', () => {
  test('only the school’s staff may send one; nothing is read or kept otherwise', async () => {
    const before = await blobCount();
    for (const id of [w.ce1Teacher.id, w.ce1aParent.id, w.otherTeacher.id]) {
      const res = await upload(id, { format: 'csv' }, { name: 'edt.csv', content: `${HEADER}\nLundi;08:00;09:00;Chant;CE1;Théo Enseignant` });
      assert.ok([403, 404].includes(res.statusCode), `refused to ${id}: ${res.statusCode}`);
    }
    assert.equal(await countSlots(t.app.db), 0, 'no slot');
    assert.equal(await blobCount(), before, 'no blob kept');
  });

  test('a file with a bad line imports nothing and reports the line; a good file imports all', async () => {
    const form = await request(t.app, await as(w.director.id), 'GET', '/timetable/manage');
    assert.match(form.body, /enctype="multipart\/form-data"/, 'the form sends files');
    assert.match(form.body, /type="file"/, 'with a file field');
    const before = await blobCount();
    const bad = await upload(
      w.director.id,
      { format: 'csv' },
      { name: 'edt.csv', type: 'text/csv', content: `${HEADER}\nLundi;08:00;09:00;Chant;CE1;Théo Enseignant\nMardi;08:00;09:00;Chant;CE9;Théo Enseignant` },
    );
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Ligne 3') && bad.body.includes('CE9'), 'the bad line is reported');
    assert.ok(bad.body.includes('Rien n’a été importé'), 'all or nothing, said');
    assert.equal(await countSlots(t.app.db), 0, 'nothing imported');
    const empty = await upload(w.director.id, { format: 'csv', content: '' });
    assert.equal(empty.statusCode, 400, 'neither a file nor pasted content');
    assert.match(empty.body, /id="field-file-error">Choisissez un fichier/, 'the file field is named');
    const good = await upload(
      w.director.id,
      { format: 'csv', replace: 'on' },
      {
        name: 'edt.csv',
        type: 'text/csv',
        content: `\uFEFF${HEADER}\nLundi;08:00;09:00;Chant;CE1;Théo Enseignant\nMardi;08:00;09:00;Lecture;CE1;Théo Enseignant`,
      },
    );
    assert.equal(good.statusCode, 303, good.body.slice(0, 300));
    assert.equal(await countSlots(t.app.db), 2, 'both lines imported');
    assert.equal(await blobCount(), before, 'the uploaded file is not kept');
  });

  test('pasted content still works through the same form, and a teacher’s iCalendar file', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:1@test',
      'DTSTART;TZID=Europe/Paris:20270316T140000',
      'DTEND;TZID=Europe/Paris:20270316T150000',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Arts plastiques - CE1',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const res = await upload(w.director.id, { format: 'ical', teacherId: w.ce1Teacher.id }, { name: 'ce1.ics', type: 'text/calendar', content: ics });
    assert.equal(res.statusCode, 303, /report__errors.*?<\/div>|error-summary.*?<\/div>/s.exec(res.body)?.[0] ?? res.body.slice(0, 300));
    const slots = await t.app.db.selectFrom('timetableSlots').select(['subject', 'dayOfWeek', 'startTime']).where('subject', '=', 'Arts plastiques').execute();
    // 14:00 Paris time every Tuesday, on both sides of the change to summer time (28 March 2027),
    // though the file names Europe/Paris without defining it: one slot, whatever the server's zone.
    assert.deepEqual(slots, [{ subject: 'Arts plastiques', dayOfWeek: 2, startTime: '14:00' }]);
    const pasted = await upload(w.director.id, { format: 'csv', content: `${HEADER}\nVendredi;08:00;09:00;Anglais;CE1;Théo Enseignant` });
    assert.equal(pasted.statusCode, 303, 'pasted content without a file');
  });
});
