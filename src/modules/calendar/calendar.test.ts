import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { newsWorld, TEST_NOW, type NewsWorld } from '../news/testing.js';

let t: TestApp;
let w: NewsWorld;
const clock = new TestClock(TEST_NOW);
const as: Record<string, Session> = {};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await newsWorld(t.app);
  for (const key of [
    'director',
    'ce1Teacher',
    'cm2Teacher',
    'ce1a',
    'ce1aParent',
    'cm2Parent',
    'cm2',
    'otherTeacher',
    'otherParent',
    'agent',
    'otherAgent',
  ] as const)
    as[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

const create = (who: Session, body: Record<string, unknown>) =>
  request(t.app, who, 'POST', '/api/calendar/events', { kind: 'outing', title: 'Sortie au zoo', startDay: '2027-03-18', ...body });
const count = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('calendarEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('bad input names its field and stores nothing; pupils and parents are told no', async () => {
  assert.equal((await request(t.app, null, 'GET', '/api/calendar/events')).statusCode, 401, 'a session is needed');
  assert.equal((await create(as.ce1aParent!, { audience: [`class:${w.ce1.id}`] })).statusCode, 403, 'a parent adds no event');
  const cases = [
    { who: as.ce1Teacher!, body: { audience: [`class:${w.cm2Class.id}`] }, field: 'audience', note: 'another class' },
    { who: as.otherTeacher!, body: { audience: [`parents:${w.ce1.id}`] }, field: 'audience', note: 'another school’s teacher' },
    { who: as.otherAgent!, body: { audience: [`municipality:${w.municipality.id}`] }, field: 'audience', note: 'another municipality’s agent' },
    { who: as.ce1Teacher!, body: { audience: [`class:${w.ce1.id}`], endDay: '2027-03-17' }, field: 'endDay', note: 'last day before the first' },
    { who: as.ce1Teacher!, body: { audience: [`class:${w.ce1.id}`], startTime: '10:00', endTime: '09:00' }, field: 'endTime', note: 'ends before it starts' },
    { who: as.ce1Teacher!, body: { audience: [`class:${w.ce1.id}`], startDay: '2027-02-30' }, field: 'startDay', note: 'a day that does not exist' },
  ];
  for (const c of cases) {
    const res = await create(c.who, c.body);
    assert.equal(res.statusCode, 400, c.note);
    assert.ok(
      (res.json().error.details as { field: string }[]).some((d) => d.field === c.field),
      `${c.note}: ${c.field} is named`,
    );
  }
  const page = await request(
    t.app,
    as.ce1Teacher!,
    'POST',
    '/calendar/events',
    form({ _csrf: as.ce1Teacher!.csrf, kind: 'meeting', title: 'Réunion', startDay: '2027-03-18', endDay: '2027-03-17', audience: `parents:${w.ce1.id}` })
      .payload,
    {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  );
  assert.equal(page.statusCode, 400, 'the form comes back');
  assert.match(page.body, /La fin doit venir après le début/, 'with the message');
  assert.match(page.body, /value="Réunion"/, 'and the title typed');
  assert.equal(await count(), 0, 'nothing stored');
});

test('a class outing: its class and families see it in the month, the list and the feed; others get 404', async () => {
  const res = await create(as.ce1Teacher!, {
    title: 'Sortie au zoo',
    place: 'Zoo de Vincennes',
    startTime: '09:00',
    endTime: '16:30',
    audience: [`class:${w.ce1.id}`],
  });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json() as { id: string };
  for (const who of [as.ce1a!, as.ce1aParent!]) {
    const month = (await request(t.app, who, 'GET', '/api/calendar/events?month=2027-03')).json() as { id: string; startTime: string }[];
    assert.deepEqual(
      month.map((e) => [e.id, e.startTime]),
      [[id, '09:00']],
      'in the month, at its Paris time',
    );
    const page = await request(t.app, who, 'GET', '/calendar?month=2027-03');
    assert.match(page.body, /09:00 Sortie au zoo/, 'in the month table');
    assert.match(page.body, /<th scope="col">Lundi<\/th>/, 'weekday headers');
    assert.match(page.body, /href="\/calendar\?month=2027-04"/, 'a link to the next month');
  }
  const list = await request(t.app, as.ce1aParent!, 'GET', '/calendar/list');
  assert.match(list.body, /Sortie au zoo/, 'in the list');
  for (const [name, who] of [
    ['another class’s parent', as.cm2Parent!],
    ['a pupil of another class', as.cm2!],
    ['another school’s teacher', as.otherTeacher!],
    ['another municipality’s agent', as.otherAgent!],
  ] as const) {
    assert.equal((await request(t.app, who, 'GET', `/api/calendar/events/${id}`)).statusCode, 404, `${name}: 404`);
    const page = await request(t.app, who, 'GET', '/calendar?month=2027-03');
    assert.ok(!page.body.includes('Sortie au zoo'), `${name}: not in the month`);
  }
  const feed = await request(t.app, as.ce1aParent!, 'POST', '/api/homework/calendar');
  const body = (await request(t.app, null, 'GET', new URL(feed.json().url).pathname)).body.replace(/\r\n[ \t]/g, '');
  assert.match(body, /SUMMARY:Sortie : Sortie au zoo/, 'the event is in the parent’s feed');
  assert.match(body, /DTSTART:20270318T080000Z/, 'timed, 09:00 in Paris');
  assert.match(body, /LOCATION:Zoo de Vincennes/, 'with its place');

  assert.equal((await request(t.app, as.cm2Teacher!, 'POST', `/api/calendar/events/${id}/cancel`)).statusCode, 404, 'another teacher may not cancel it');
  assert.equal((await request(t.app, as.ce1Teacher!, 'POST', `/api/calendar/events/${id}/cancel`)).statusCode, 204, 'the author cancels it');
  const after = (await request(t.app, as.ce1aParent!, 'GET', `/api/calendar/events/${id}`)).json() as { cancelled: boolean };
  assert.equal(after.cancelled, true, 'kept, marked cancelled');
  const again = (await request(t.app, null, 'GET', new URL(feed.json().url).pathname)).body;
  assert.match(again, /STATUS:CANCELLED/, 'calendar apps are told');
  assert.match(again, /SEQUENCE:1/, 'as a new version');
});

test('holidays over several days are all-day entries; the zone is the director’s setting', async () => {
  const res = await create(as.director!, {
    kind: 'holiday',
    title: 'Vacances de printemps',
    startDay: '2027-04-17',
    endDay: '2027-05-02',
    audience: [`school:${w.schoolA.id}`],
  });
  assert.equal(res.statusCode, 201, res.body);
  const april = (await request(t.app, as.cm2Parent!, 'GET', '/api/calendar/events?month=2027-04')).json() as { title: string; allDay: boolean }[];
  assert.deepEqual(
    april.map((e) => [e.title, e.allDay]),
    [['Vacances de printemps', true]],
    'a whole-school event reaches every family',
  );
  const may = (await request(t.app, as.ce1a!, 'GET', '/api/calendar/events?month=2027-05')).json() as unknown[];
  assert.equal(may.length, 1, 'it spans into May');
  assert.equal((await request(t.app, as.otherParent!, 'GET', '/api/calendar/events?month=2027-04')).json().length, 0, 'not another school’s families');

  assert.equal(
    (await request(t.app, as.ce1Teacher!, 'PUT', `/api/calendar/settings/${w.schoolA.id}`, { zone: 'B' })).statusCode,
    403,
    'a teacher does not set the zone',
  );
  assert.equal(
    (await request(t.app, as.otherTeacher!, 'GET', `/api/calendar/settings/${w.schoolA.id}`)).statusCode,
    404,
    'another school’s teacher learns nothing',
  );
  assert.equal((await request(t.app, as.director!, 'PUT', `/api/calendar/settings/${w.schoolA.id}`, { zone: 'B' })).statusCode, 200, 'the director sets it');
  assert.deepEqual((await request(t.app, as.ce1Teacher!, 'GET', `/api/calendar/settings/${w.schoolA.id}`)).json(), { zone: 'B' }, 'the school reads it');
  const page = await request(t.app, as.director!, 'GET', '/calendar?month=2027-04');
  assert.match(page.body, /zone B/, 'the month says the zone');
});

test('an event is changed by its author or the direction, in the API and the form; calendar apps get the new version', async () => {
  const res = await create(as.ce1Teacher!, { title: 'Réunion des parents', kind: 'meeting', startDay: '2027-03-22', audience: [`parents:${w.ce1.id}`] });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json() as { id: string };
  const changed = {
    kind: 'meeting',
    title: 'Réunion des parents (salle 4)',
    startDay: '2027-03-23',
    startTime: '18:00',
    endTime: '19:00',
    audience: [`parents:${w.ce1.id}`],
  };
  for (const [name, who, code] of [
    ['another teacher', as.cm2Teacher!, 404],
    ['a parent of the class', as.ce1aParent!, 404],
    ['another school’s teacher', as.otherTeacher!, 404],
  ] as const) {
    assert.equal((await request(t.app, who, 'PUT', `/api/calendar/events/${id}`, changed)).statusCode, code, `${name}: refused`);
    assert.equal((await request(t.app, who, 'GET', `/calendar/events/${id}/edit`)).statusCode, code, `${name}: no edit form`);
  }
  const bad = await request(t.app, as.ce1Teacher!, 'PUT', `/api/calendar/events/${id}`, { ...changed, endTime: '17:00' });
  assert.equal(bad.statusCode, 400, 'ends before it starts');
  assert.equal(
    (await t.app.db.selectFrom('calendarEvents').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title,
    'Réunion des parents',
    'a refused change changes nothing',
  );
  assert.equal((await request(t.app, as.ce1Teacher!, 'PUT', `/api/calendar/events/${id}`, changed)).statusCode, 204, 'the author changes it');
  const seen = (await request(t.app, as.ce1aParent!, 'GET', `/api/calendar/events/${id}`)).json() as { title: string; startDay: string; startTime: string };
  assert.deepEqual([seen.title, seen.startDay, seen.startTime], ['Réunion des parents (salle 4)', '2027-03-23', '18:00'], 'families see the change');
  const feed = await request(t.app, as.ce1aParent!, 'POST', '/api/homework/calendar');
  const ics = (await request(t.app, null, 'GET', new URL(feed.json().url).pathname)).body.replace(/\r\n[ \t]/g, '');
  const entry = ics.split('BEGIN:VEVENT').find((v) => v.includes(`calendar-${id}-`));
  assert.ok(entry?.includes('SEQUENCE:1') && entry.includes('DTSTART:20270323T170000Z'), 'the feed carries the new version');

  // The form: filled with the event, sent back with a mistake it comes again with what was typed.
  const director = as.director!;
  const edit = await request(t.app, director, 'GET', `/calendar/events/${id}/edit`);
  assert.equal(edit.statusCode, 200, 'the direction may change it');
  assert.match(edit.body, /value="Réunion des parents \(salle 4\)"/, 'the form holds the title');
  assert.match(edit.body, new RegExp(`action="/calendar/events/${id}"`), 'and posts to the event');
  const post = (fields: Record<string, string>) => {
    const f = form({ _csrf: director.csrf, ...fields });
    return request(t.app, director, 'POST', `/calendar/events/${id}`, f.payload, { headers: f.headers });
  };
  const wrong = await post({
    kind: 'meeting',
    title: 'Réunion reportée',
    startDay: '2027-03-23',
    endDay: '2027-03-20',
    audience: `parents:${w.ce1.id}`,
  });
  assert.equal(wrong.statusCode, 400, 'a last day before the first');
  assert.match(wrong.body, /value="Réunion reportée"/, 'what was typed is kept');
  const ok = await post({ kind: 'meeting', title: 'Réunion reportée', startDay: '2027-03-30', audience: `parents:${w.ce1.id}` });
  assert.equal(ok.statusCode, 303, ok.body);
  const page = await request(t.app, as.ce1aParent!, 'GET', `/calendar/events/${id}`);
  assert.match(page.body, /Réunion reportée/, 'the new title');
  assert.ok(!page.body.includes(`/calendar/events/${id}/edit`), 'no edit link for a parent');
  assert.equal((await request(t.app, as.ce1Teacher!, 'POST', `/api/calendar/events/${id}/cancel`)).statusCode, 204);
  assert.equal((await request(t.app, as.ce1Teacher!, 'PUT', `/api/calendar/events/${id}`, changed)).statusCode, 404, 'a cancelled event is not changed');
});
