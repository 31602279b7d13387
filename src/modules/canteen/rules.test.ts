import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { beforeDeadline, deadlineOf, describeRule, parisMinute } from './rules.js';

describe('deadline rules', () => {
  test('« mardi 23 h 59 pour la semaine suivante »: every day of a week closes on the Tuesday before', () => {
    const rule = { kind: 'weekBefore', weekday: 2, time: '23:59' } as const;
    // Thursday 10 December 2026 and Monday 7 December close on Tuesday 1 December.
    assert.equal(deadlineOf(rule, '2026-12-10'), '2026-12-01T23:59');
    assert.equal(deadlineOf(rule, '2026-12-07'), '2026-12-01T23:59');
    assert.equal(deadlineOf(rule, '2026-12-13'), '2026-12-01T23:59');
    assert.equal(describeRule(rule), 'mardi 23\u00a0h\u00a059 pour la semaine suivante');
  });

  test('« la veille 18 h »: the calendar day before', () => {
    const rule = { kind: 'dayBefore', time: '18:00' } as const;
    assert.equal(deadlineOf(rule, '2026-12-10'), '2026-12-09T18:00');
    assert.equal(beforeDeadline(rule, '2026-12-10', '2026-12-09T18:00'), true, 'the minute itself is still in time');
    assert.equal(beforeDeadline(rule, '2026-12-10', '2026-12-09T18:01'), false, 'a minute later is too late');
  });

  test('« J-2 hors week-end »: Saturdays and Sundays do not count', () => {
    const rule = { kind: 'workingDays', days: 2, time: '23:59' } as const;
    // Monday 14 December → Thursday 10 December; Wednesday 16 → Monday 14.
    assert.equal(deadlineOf(rule, '2026-12-14'), '2026-12-10T23:59');
    assert.equal(deadlineOf(rule, '2026-12-16'), '2026-12-14T23:59');
  });

  test('now is read as Paris wall-clock time, in winter and in summer', () => {
    assert.equal(parisMinute(new Date('2026-12-09T17:30:00Z')), '2026-12-09T18:30');
    assert.equal(parisMinute(new Date('2027-06-09T16:30:00Z')), '2027-06-09T18:30');
  });
});
