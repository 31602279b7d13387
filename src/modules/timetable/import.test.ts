import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { parseCsv, readDay, readTime, readWeeks } from './service/import-lines.js';
import { buildRoom, countSlots, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (id: string) => loginAs(t.app, id);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await timetableWorld(t.app);
  await buildRoom(t.app.db, w.schoolA.id, 'Salle 1');
});
after(() => t.close());

const HEADER = 'Jour;Début;Fin;Matière;Classe;Enseignant;Salle;Semaine;Du;Au';

test('the CSV reader: quotes, separators, French days and times', () => {
  assert.deepEqual(parseCsv('a,b\n"x, y","say ""hi"""\n'), [
    { line: 1, cells: ['a', 'b'] },
    { line: 2, cells: ['x, y', 'say "hi"'] },
  ]);
  assert.equal(readDay('Mercredi'), 3);
  assert.equal(readDay('dimanche'), 0);
  assert.equal(readTime('8h30'), '08:30');
  assert.equal(readTime('14h'), '14:00');
  assert.equal(readWeeks('Q2'), 'B');
  assert.equal(readWeeks('tous les jours'), null);
});

test('only the school’s staff import', async () => {
  const content = `${HEADER}\nLundi;08:30;09:30;Lecture;CE1;Théo Enseignant;;;;\n`;
  for (const who of [w.ce1Teacher, w.ce1aParent, w.otherTeacher]) {
    const res = await request(t.app, await as(who.id), 'POST', '/api/timetable/import/csv', { content });
    assert.equal(res.statusCode, 403, `${who.firstName} is refused`);
  }
  assert.equal(await countSlots(t.app.db), 0);
});

test('a file with bad lines is refused whole, every bad line reported', async () => {
  const content = [
    HEADER,
    'Lundi;08:30;09:30;Lecture;CE1;Théo Enseignant;Salle 1;;;',
    'Mardi;10:00;09:00;Calcul;CE1;Théo Enseignant;;;;',
    'Jeudi;08:30;09:30;Chant;CE9;Théo Enseignant;;;;',
    'Jeudi;08:30;09:30;Chant;CE1;Personne Inconnue;;;;',
    'Vendredi;08:30;09:30;Sport;CE1;Théo Enseignant;Gymnase;;;',
    'Lundi;09:00;10:00;Lecture;CE1;Théo Enseignant;;;;',
    'Samedi;08:30;09:30;Sport;CE1;Théo Enseignant;;;01/01/2031;',
  ].join('\n');
  const res = await request(t.app, await as(w.director.id), 'POST', '/api/timetable/import/csv', { content });
  assert.equal(res.statusCode, 400, res.body);
  const details = (res.json() as { error: { details: { line: number; field: string }[] } }).error.details;
  assert.deepEqual(
    details.map((d) => `${d.line}:${d.field}`),
    ['3:endTime', '4:groupId', '5:teacherId', '6:roomId', '7:groupId', '8:validFrom'],
  );
  assert.equal(await countSlots(t.app.db), 0, 'nothing half-imported');
  const header = await request(t.app, await as(w.director.id), 'POST', '/api/timetable/import/csv', { content: 'Jour;Début\nLundi;08:30' });
  assert.equal(header.statusCode, 400);
  assert.ok(header.body.includes('Colonnes manquantes'), header.body);
});

test('a good file is imported; importing it again with "replace" keeps one copy', async () => {
  const content = [
    HEADER,
    'Lundi;8h30;9h30;Lecture;CE1;Théo Enseignant;Salle 1;;;',
    'Lundi;8h30;9h30;Chant;CM2;Maîtresse Camille;;A;;',
    '"Mardi";10:00;11:00;"Calcul, mental";ce1;THÉO ENSEIGNANT;;B;;',
  ].join('\r\n');
  const director = await as(w.director.id);
  const res = await request(t.app, director, 'POST', '/api/timetable/import/csv', { content });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json(), { imported: 3, replaced: 0 });
  const again = await request(t.app, director, 'POST', '/api/timetable/import/csv', { content });
  assert.equal(again.statusCode, 400, 'without replace, the same slots overlap themselves');
  const replaced = await request(t.app, director, 'POST', '/api/timetable/import/csv', { content, replace: true });
  assert.deepEqual(replaced.json(), { imported: 3, replaced: 3 });
  assert.equal(await countSlots(t.app.db), 3);
  const slots = await t.app.db.selectFrom('timetableSlots').select(['subject', 'weeks', 'dayOfWeek', 'startTime']).orderBy('subject').execute();
  assert.deepEqual(
    slots.map((s) => `${s.subject}|${s.weeks}|${s.dayOfWeek}|${s.startTime}`),
    ['Calcul, mental|B|2|10:00', 'Chant|A|1|08:30', 'Lecture|all|1|08:30'],
  );
});

function ics(events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Index Education//EDT//FR', ...events, 'END:VCALENDAR', ''].join('\r\n');
}
const event = (uid: string, start: string, end: string, summary: string, location = '', extra: string[] = []) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  `DTSTAMP:20270101T000000Z`,
  `DTSTART:${start}`,
  `DTEND:${end}`,
  `SUMMARY:${summary}`,
  ...(location ? [`LOCATION:${location}`] : []),
  ...extra,
  'END:VEVENT',
];

test('an iCalendar file of a class: occurrences become weekly slots, teachers read from the summary', async () => {
  const director = await as(w.director.id);
  // Wednesdays 8:00–9:00 Paris (7:00Z in winter), four weeks in a row; one weekly RRULE; one event for an unknown teacher.
  const weekly = ['20270106', '20270113', '20270120', '20270127'].flatMap((d, i) =>
    event(`a${i}`, `${d}T070000Z`, `${d}T080000Z`, 'ARTS PLASTIQUES - M. ENSEIGNANT THÉO', 'Salle 1'),
  );
  const rule = event('r', '20270108T130000Z', '20270108T140000Z', 'MUSIQUE - Enseignant Théo', '', ['RRULE:FREQ=WEEKLY;COUNT=10']);
  const content = ics([...weekly, ...rule]);
  const res = await request(t.app, director, 'POST', '/api/timetable/import/ical', { content, groupId: w.cm2Class.id });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json(), { imported: 2, replaced: 0 });
  const slots = await t.app.db
    .selectFrom('timetableSlots')
    .selectAll()
    .where('groupId', '=', w.cm2Class.id)
    .where('source', '=', 'ical')
    .orderBy('subject')
    .execute();
  assert.deepEqual(
    slots.map(
      (s) => `${s.subject}|${s.dayOfWeek}|${s.startTime}-${s.endTime}|${s.validFrom}|${s.validTo}|${s.teacherId === w.ce1Teacher.id}|${s.roomId !== null}`,
    ),
    ['ARTS PLASTIQUES|3|08:00-09:00|2027-01-06|2027-01-27|true|true', 'MUSIQUE|5|14:00-15:00|2027-01-08|2027-03-12|true|false'],
  );
  const bad = ics([
    ...event('x', '20270107T070000Z', '20270107T080000Z', 'HISTOIRE - Inconnu'),
    ...event('y', '20270107T090000Z', '20270107T100000Z', 'EPS', 'Gymnase'),
  ]);
  const refused = await request(t.app, director, 'POST', '/api/timetable/import/ical', { content: bad, groupId: w.cm2Class.id });
  assert.equal(refused.statusCode, 400);
  assert.ok(refused.body.includes('"field":"teacherId"') && refused.body.includes('"field":"roomId"'), refused.body);
  const garbage = await request(t.app, director, 'POST', '/api/timetable/import/ical', { content: 'not a calendar', groupId: w.cm2Class.id });
  assert.equal(garbage.statusCode, 400);
  const noTarget = await request(t.app, director, 'POST', '/api/timetable/import/ical', { content });
  assert.equal(noTarget.statusCode, 400);
  assert.equal(slots.length, 2);
});
