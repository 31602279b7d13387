import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { addDays, todayInParis } from './dates.js';
import { homeworkWorld, lessonBody, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const clock = new TestClock(TEST_NOW);
const today = todayInParis(clock.now());

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

async function feedOf(session: Session): Promise<string> {
  const created = await request(t.app, session, 'POST', '/api/homework/calendar');
  assert.equal(created.statusCode, 201);
  return new URL(created.json().url).pathname;
}

async function fetchFeed(path: string): Promise<string> {
  const res = await request(t.app, null, 'GET', path);
  assert.equal(res.statusCode, 200);
  return res.body;
}

/** The raw property lines of the feed, unfolded (RFC 5545 §3.1). */
const unfolded = (body: string) => body.replace(/\r\n[ \t]/g, '').split('\r\n');

const stampAt = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

describe('the iCalendar feed', () => {
  test('a feed with no work is still a valid calendar: it carries the Paris time zone', async () => {
    const path = await feedOf(await as(w.cm2.id));
    const body = await fetchFeed(path);
    const cal = new ICAL.Component(ICAL.parse(body));
    assert.equal(cal.getAllSubcomponents('vevent').length, 0);
    const zones = cal.getAllSubcomponents('vtimezone');
    assert.equal(zones.length, 1, 'a component, as RFC 5545 requires');
    assert.equal(zones[0]!.getFirstPropertyValue('tzid'), 'Europe/Paris');
    assert.equal(zones[0]!.getAllSubcomponents('standard').length, 1);
    assert.equal(zones[0]!.getAllSubcomponents('daylight').length, 1);
    const zone = new ICAL.Timezone(zones[0]!);
    const summer = ICAL.Time.fromData({ year: 2026, month: 7, day: 1, hour: 12 }, zone);
    const winter = ICAL.Time.fromData({ year: 2026, month: 1, day: 1, hour: 12 }, zone);
    assert.equal(zone.utcOffset(summer), 7200);
    assert.equal(zone.utcOffset(winter), 3600);
  });

  test('control characters are stripped, text is escaped, DTSTAMP is the generation time; LAST-MODIFIED and SEQUENCE follow edits', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const body = await lessonBody(t.app, w.schoolA.id, w.ce1.id, {
      assignments: [{ instructions: 'Sonner\u0007 la\u000b cloche; puis, noter\\ceci\tici\nligne 2', dueOn: addDays(today, 2) }],
    });
    const saved = await request(t.app, teacher, 'POST', '/api/homework/lessons', body);
    assert.equal(saved.statusCode, 201);
    const lessonId = saved.json().id;
    const assignmentId = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${lessonId}`)).json().assignments[0].id;
    const path = await feedOf(await as(w.ce1a.id));

    clock.advance(60 * 60 * 1000);
    const firstAt = clock.now();
    const first = await fetchFeed(path);
    assert.doesNotMatch(first, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, 'no control character in the raw feed');
    const line = unfolded(first).find((l) => l.startsWith('DESCRIPTION:') && l.includes('cloche'));
    assert.equal(line, 'DESCRIPTION:Sonner la cloche\\; puis\\, noter\\\\ceci\tici\\nligne 2');
    const parse = (text: string) =>
      new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).startsWith(assignmentId))!;
    const event = parse(first);
    assert.equal(event.getFirstPropertyValue('description'), 'Sonner la cloche; puis, noter\\ceci\tici\nligne 2');
    assert.ok(unfolded(first).includes(`DTSTAMP:${stampAt(firstAt)}`), 'DTSTAMP is when the feed was made');
    assert.equal(event.getFirstPropertyValue('sequence'), 0);
    const created = String(event.getFirstProperty('last-modified')?.getFirstValue());
    assert.ok(created, 'LAST-MODIFIED is given');

    clock.advance(60 * 60 * 1000);
    const editedAt = clock.now();
    const edit = await request(t.app, await as(w.ce1Teacher.id), 'PUT', `/api/homework/lessons/${lessonId}`, {
      ...body,
      assignments: [{ id: assignmentId, instructions: 'Consigne corrigée', dueOn: addDays(today, 3) }],
    });
    assert.equal(edit.statusCode, 200, edit.body);
    clock.advance(60 * 60 * 1000);
    const second = await fetchFeed(path);
    const changed = parse(second);
    assert.equal(changed.getFirstPropertyValue('sequence'), 1, 'a change raises SEQUENCE');
    assert.ok(unfolded(second).includes(`LAST-MODIFIED:${stampAt(editedAt)}`), 'LAST-MODIFIED is the change');
    assert.ok(unfolded(second).includes(`DTSTAMP:${stampAt(clock.now())}`), 'DTSTAMP is the time the feed is generated');

    clock.advance(60 * 60 * 1000);
    const resaved = await request(t.app, await as(w.ce1Teacher.id), 'PUT', `/api/homework/lessons/${lessonId}`, {
      ...body,
      assignments: [{ id: assignmentId, instructions: 'Consigne corrigée', dueOn: addDays(today, 3) }],
    });
    assert.equal(resaved.statusCode, 200);
    assert.equal(parse(await fetchFeed(path)).getFirstPropertyValue('sequence'), 1, 'saving the same work again changes nothing');
  });
});

describe('other services’ events in the feed', () => {
  test('a registered source adds its events for the feed’s owner only', async () => {
    t.app.calendarSources.add('test-meetings', async (owner) =>
      owner.id === w.cm2.id
        ? [
            {
              uid: `meeting-${owner.id}@preau`,
              summary: 'Réunion de rentrée',
              start: '2026-09-10T16:30:00Z',
              end: '2026-09-10T18:00:00Z',
              modifiedAt: '2026-09-01T08:00:00Z',
              sequence: 0,
            },
          ]
        : [],
    );
    const own = await fetchFeed(await feedOf(await as(w.cm2.id)));
    assert.match(own, /SUMMARY:Réunion de rentrée/);
    assert.match(own, /DTSTART:20260910T163000Z/);
    const other = await fetchFeed(await feedOf(await as(w.ce1a.id)));
    assert.ok(!other.includes('Réunion de rentrée'), 'another pupil’s feed does not carry it');
  });
});
