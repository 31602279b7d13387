// `--compare OLD.json`: the change of every scenario between an earlier results file and this run.
import fs from 'node:fs';
import type { BenchResults } from './report.js';

interface Row {
  name: string;
  old: { rps: number; p99_ms: number; ratio_to_floor: number | null } | null;
  new: { rps: number; p99_ms: number; ratio_to_floor: number | null } | null;
}

export function readResults(file: string): BenchResults {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  if (!Array.isArray(parsed.scenarios)) throw new Error(`${file} is not a bench results file (no "scenarios")`);
  return parsed;
}

const pct = (before: number | null | undefined, after: number | null | undefined) => {
  if (before === null || before === undefined || after === null || after === undefined || before === 0) return '–';
  const change = ((after - before) / before) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
};
const num = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? '–' : v.toFixed(digits));

/**
 * A Markdown table: req/s, p99 and the ratio to the floor before and after, per scenario. The
 * ratio is what compares across machines and loads; raw req/s only on the same quiet machine.
 */
export function compareResults(before: BenchResults, after: BenchResults): string {
  const rows = new Map<string, Row>();
  for (const s of before.scenarios) rows.set(s.name, { name: s.name, old: s, new: null });
  for (const s of after.scenarios) rows.set(s.name, { name: s.name, old: rows.get(s.name)?.old ?? null, new: s });
  const lines = [
    `Compared with ${before.date} (${before.mode}, ${before.machine.db}${before.commit ? `, ${before.commit}` : ''}) → ${after.date} (${after.mode}, ${after.machine.db}${after.commit ? `, ${after.commit}` : ''})`,
    '',
    '| scenario | req/s before | req/s after | change | p99 ms before | p99 ms after | × floor before | × floor after | change |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows.values()) {
    lines.push(
      `| ${r.name} | ${num(r.old?.rps, 1)} | ${num(r.new?.rps, 1)} | ${pct(r.old?.rps, r.new?.rps)} | ${num(r.old?.p99_ms, 2)} | ${num(r.new?.p99_ms, 2)} | ${num(r.old?.ratio_to_floor, 3)} | ${num(r.new?.ratio_to_floor, 3)} | ${pct(r.old?.ratio_to_floor, r.new?.ratio_to_floor)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
