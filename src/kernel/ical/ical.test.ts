import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { CalendarSources, foldLine, renderCalendar } from './index.js';

const at = new Date('2027-03-15T07:00:00Z');

test('timed and all-day events parse back with their times, place and status', () => {
  const body = renderCalendar(
    'Agenda',
    [
      {
        uid: 'a@preau',
        summary: 'Réunion, parents; CE1',
        start: '2027-03-16T16:30:00Z',
        end: '2027-03-16T18:00:00Z',
        location: 'Salle 2',
        modifiedAt: at.toISOString(),
        sequence: 1,
      },
      { uid: 'b@preau', summary: 'Sortie', date: '2027-03-20', modifiedAt: at.toISOString(), sequence: 0, status: 'CANCELLED' },
    ],
    at,
  );
  const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  assert.equal(events.length, 2);
  assert.equal(events[0]!.summary, 'Réunion, parents; CE1');
  assert.equal(events[0]!.location, 'Salle 2');
  assert.equal(events[0]!.startDate.toJSDate().toISOString(), '2027-03-16T16:30:00.000Z');
  assert.equal(events[0]!.endDate.toJSDate().toISOString(), '2027-03-16T18:00:00.000Z');
  assert.equal(events[1]!.startDate.isDate, true);
  assert.equal(events[1]!.component.getFirstPropertyValue('status'), 'CANCELLED');
});

test('lines fold at 75 octets without splitting a character', () => {
  const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
  for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `line of ${Buffer.byteLength(line)} octets`);
  assert.equal(folded.replace(/\r\n /g, ''), `SUMMARY:${'é'.repeat(60)}`);
});

test('every source’s events reach the feed, and a source is registered once', async () => {
  const sources = new CalendarSources();
  sources.add('one', async (owner) => [{ uid: `1-${owner.id}@preau`, summary: 'Un', date: '2027-03-15', modifiedAt: at.toISOString(), sequence: 0 }]);
  sources.add('two', async () => []);
  assert.deepEqual(
    (await sources.eventsFor({ id: 'p', profile: 'student' }, at)).map((e) => e.uid),
    ['1-p@preau'],
  );
  assert.throws(() => sources.add('one', async () => []), /already registered/);
});
