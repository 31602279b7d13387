// The results file (<date>.json) and its Markdown rendering (<date>.md).
import fs from 'node:fs';
import path from 'node:path';
import type { DatasetCounts, ImportStats } from './dataset.js';
import type { ScenarioResult } from './load.js';
import type { PageWeight } from './weight.js';

export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  /** The commit measured (`git describe --always --dirty`), when the bench runs in a checkout. */
  commit?: string | null;
  machine: {
    cpus: number;
    cpu_model: string;
    memory_gb: number;
    node: string;
    db: string;
    server: string;
    os: string;
    loadavg_1m_before: number;
    loadavg_1m_after: number;
  };
  dataset: DatasetCounts & { reused: boolean };
  sessions: string;
  scenarios: ScenarioResult[];
  import: ImportStats;
  memory_rss_mb: number | null;
  memory_peak_rss_mb: number | null;
  db_size_mb: number;
  db_size_what: string;
  page_weight: { login: PageWeight | null; home: PageWeight | null };
  duration_s: number;
  notes: string[];
}

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  lines.push(`# Préau benchmark, ${r.date} (${r.mode})${r.commit ? `, ${r.commit}` : ''}`, '');
  lines.push(
    `${r.machine.cpus} CPUs (${r.machine.cpu_model}), ${r.machine.memory_gb} GB, Node ${r.machine.node}, ${r.machine.db}; server: ${r.machine.server}; load average ${r.machine.loadavg_1m_before} before the run, ${r.machine.loadavg_1m_after} after the load.`,
    '',
  );
  const d = r.dataset;
  lines.push(
    `Dataset${d.reused ? ' (reused)' : ''}: ${n(d.schools)} schools in ${n(d.municipalities)} municipalities, ${n(d.people)} people ` +
      `(${n(d.pupils)} pupils, ${n(d.parents)} parents, ${n(d.teachers)} teachers), ${n(d.classes)} classes, ${n(d.relative_links)} parent–child links.`,
    '',
  );
  lines.push('| scenario | req/s | p50 ms | p99 ms | × floor | conn. | non-2xx | notes |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const s of r.scenarios) {
    const ratio = s.ratio_to_floor === null ? '–' : s.ratio_to_floor.toFixed(s.ratio_to_floor < 0.1 ? 3 : 2);
    const note = [s.check.ok ? '' : `first request ${s.check.status}${s.check.answer ? ` (${s.check.answer})` : ''}`, s.note ?? ''].filter(Boolean).join('; ');
    lines.push(`| ${s.name} | ${n(s.rps, 1)} | ${n(s.p50_ms, 2)} | ${n(s.p99_ms, 2)} | ${ratio} | ${s.connections} | ${n(s.non_2xx + s.errors)} | ${note} |`);
  }
  lines.push('');
  const i = r.import;
  lines.push(
    `Import (ONDE, ${n(i.schools)} schools): ${n(i.people)} people in ${n(i.seconds, 1)} s = **${n(i.people_per_s)} people/s** ` +
      `(first tenth of the schools ${n(i.first_tenth_people_per_s)}/s, last tenth ${n(i.last_tenth_people_per_s)}/s, slowest school ${n(i.slowest_school_s, 2)} s; CSV generation ${n(i.generate_seconds, 1)} s, not counted).`,
    '',
  );
  lines.push(
    `Memory: server RSS after the load ${n(r.memory_rss_mb, 1)} MB (peak ${n(r.memory_peak_rss_mb, 1)} MB). Database: ${n(r.db_size_mb, 1)} MB (${r.db_size_what}).`,
    '',
  );
  lines.push('| page | title | status | HTML | CSS | JS | total | total gzipped |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, w] of Object.entries(r.page_weight)) {
    if (!w) continue;
    lines.push(
      `| ${name} (${w.url}) | ${w.title ?? '–'} | ${w.status} | ${kb(w.html_bytes)} | ${kb(w.css_bytes)} | ${kb(w.js_bytes)} | ${kb(w.total_bytes)} | ${kb(w.total_gzip_bytes)} |`,
    );
  }
  if (r.notes.length > 0) {
    lines.push('', 'Notes:', '');
    for (const note of r.notes) lines.push(`- ${note}`);
  }
  lines.push('');
  return lines.join('\n');
}

export function writeResults(dir: string, results: BenchResults): { json: string; md: string; text: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${results.date}.json`);
  const md = path.join(dir, `${results.date}.md`);
  const text = markdown(results);
  fs.writeFileSync(json, JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(md, text);
  return { json, md, text };
}
