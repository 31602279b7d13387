import { test } from 'node:test';
import assert from 'node:assert/strict';
import { average, formatMark, parseMark, stats } from './averages.js';

test('a weighted average brings every mark to 20 and skips absent, exempt and not-marked', () => {
  const assessments = [
    { id: 'a', scale: 20, coefficientCenti: 100 },
    { id: 'b', scale: 10, coefficientCenti: 200 },
    { id: 'c', scale: 20, coefficientCenti: 100 },
  ];
  const marks = { a: { pointsCenti: 1000, special: null }, b: { pointsCenti: 800, special: null }, c: { pointsCenti: null, special: 'absent' as const } };
  // (10×1 + 16×2) / 3 = 14
  assert.equal(
    average(assessments, (id) => marks[id as 'a']),
    14,
    'weighted average',
  );
  assert.equal(
    average(assessments, () => ({ pointsCenti: null, special: 'exempt' })),
    null,
    'nothing counts',
  );
});

test('marks are typed the French way and never over the scale', () => {
  assert.deepEqual(parseMark('12,5', 20), { mark: { pointsCenti: 1250, special: null } });
  assert.deepEqual(parseMark(' abs ', 20), { mark: { pointsCenti: null, special: 'absent' } });
  assert.deepEqual(parseMark('Disp', 20), { mark: { pointsCenti: null, special: 'exempt' } });
  assert.deepEqual(parseMark('', 20), { mark: null });
  assert.deepEqual(parseMark('21', 20), { error: 'over' });
  assert.deepEqual(parseMark('-1', 20), { error: 'format' });
  assert.deepEqual(parseMark('12,555', 20), { error: 'format' });
  assert.equal(formatMark({ pointsCenti: 1250, special: null }), '12,5');
  assert.equal(formatMark({ pointsCenti: null, special: 'notMarked' }), 'NN');
});

test('class statistics over the averages that exist', () => {
  assert.deepEqual(stats([10, null, 14]), { mean: 12, min: 10, max: 14, count: 2 });
  assert.deepEqual(stats([null]), { mean: null, min: null, max: null, count: 0 });
});
