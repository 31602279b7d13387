import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareResults, readResults } from '../../bench/compare.js';
import { benchOptions } from '../../bench/options.js';
import type { BenchResults } from '../../bench/report.js';

const scenario = (name: string, rps: number, p99: number, ratio: number | null) => ({
  name,
  rps,
  p50_ms: p99 / 3,
  p99_ms: p99,
  ratio_to_floor: ratio,
  connections: 10,
  duration_s: 3,
  requests: rps * 3,
  non_2xx: 0,
  errors: 0,
  timeouts: 0,
  status_codes: { '200': rps * 3 },
  check: { status: 200, bytes: 100, ok: true },
});

const results = (commit: string, scenarios: BenchResults['scenarios']) =>
  ({ date: '2026-12-01', mode: 'quick', commit, machine: { db: 'sqlite' }, scenarios }) as unknown as BenchResults;

test('the comparison gives the change per scenario, and marks scenarios only one side has', () => {
  const before = results('abc123', [scenario('home', 400, 60, 0.01), scenario('gone', 10, 5, 0.001)]);
  const after = results('def456', [scenario('home', 800, 30, 0.02), scenario('new_one', 50, 4, 0.002)]);
  const table = compareResults(before, after);
  assert.match(table, /abc123.*def456/);
  const home = table.split('\n').find((l) => l.startsWith('| home '));
  assert.ok(home, 'a row for home');
  assert.match(home, /\| 400\.0 \| 800\.0 \| \+100\.0 % \| 60\.00 \| 30\.00 \| 0\.010 \| 0\.020 \| \+100\.0 % \|/);
  assert.match(table, /\| gone \| 10\.0 \| – \| – \|/);
  assert.match(table, /\| new_one \| – \| 50\.0 \| – \|/);
});

test('--compare reads a results file; anything else is refused before the run', () => {
  assert.equal(benchOptions(['--quick', '--compare', 'old.json']).compare, 'old.json');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
  const file = path.join(dir, 'x.json');
  fs.writeFileSync(file, '{"date":"2026-12-01"}');
  assert.throws(() => readResults(file), /not a bench results file/);
  fs.rmSync(dir, { recursive: true, force: true });
});
