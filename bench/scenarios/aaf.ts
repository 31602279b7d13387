// AAF import: a generated académie feed of about 100 000 people (collèges and lycées, pupils,
// parents, contacts, staff with subjects) written to disk file by file, then imported twice
// into a fresh SQLite database: people per second (wall clock and per CPU second, since the
// machine may be shared), peak memory, and the second Complet (nothing to change).
// Run alone with `node --import tsx bench/scenarios/aaf.ts [structures]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../../src/kernel/db/index.js';
import { migrations } from '../../src/app.js';
import { folderSources } from '../../src/modules/directory/aaf/files.js';
import { writeLargeFeed } from '../../src/modules/directory/aaf/generate.js';
import { importAaf } from '../../src/modules/directory/aaf/import.js';

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface AafBenchContext {
  log: (line: string) => void;
  quick: boolean;
  /** Structures of the feed (61 make about 100 000 people; 6 in quick mode). */
  structures?: number;
}

export async function runAafBench(ctx: AafBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const structures = ctx.structures ?? (ctx.quick ? 6 : 61);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-aaf-'));
  try {
    const feed = path.join(dir, 'feed');
    const { people, bytes } = await writeLargeFeed(feed, { structures, classesPerLevel: 5, pupilsPerClass: 28 });
    ctx.log(`[bench] aaf: feed of ${people} people, ${round(bytes / 1024 / 1024)} MB in ${fs.readdirSync(feed).length} files`);
    const handle = openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'aaf.db') });
    const metrics: Record<string, number> = { people, feed_mb: round(bytes / 1024 / 1024) };
    try {
      await migrateToLatest(handle.db, migrations);
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      try {
        for (const run of ['first', 'second'] as const) {
          const cpu = process.cpuUsage();
          const t0 = performance.now();
          const report = await importAaf(handle.db, { schoolYear: '2026-2027', sources: await folderSources(feed), actorId: null });
          const seconds = (performance.now() - t0) / 1000;
          const used = process.cpuUsage(cpu);
          const cpuSeconds = (used.user + used.system) / 1e6;
          if (report.status !== 'done') throw new Error(`AAF bench import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
          metrics[`${run}_s`] = round(seconds, 1);
          metrics[`${run}_people_per_s`] = round(people / seconds);
          metrics[`${run}_people_per_cpu_s`] = round(people / cpuSeconds);
          ctx.log(
            `[bench] aaf: ${run} Complet ${round(seconds, 1)} s, ${metrics[`${run}_people_per_s`]} people/s (${metrics[`${run}_people_per_cpu_s`]} per CPU second)`,
          );
        }
      } finally {
        clearInterval(sampler);
      }
      metrics.peak_rss_mb = round(peak / 1024 / 1024);
    } finally {
      await handle.close();
    }
    return {
      metrics,
      notes: [
        `AAF import (SQLite): ${people} people from ${metrics.feed_mb} MB of XML; first Complet ${metrics.first_people_per_s} people/s (${metrics.first_people_per_cpu_s} per CPU second), second Complet (unchanged) ${metrics.second_people_per_s} people/s; peak RSS ${metrics.peak_rss_mb} MB.`,
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runAafBench({ log: (l) => console.error(l), quick: false, structures: process.argv[2] ? Number(process.argv[2]) : undefined });
  console.log(JSON.stringify(result.metrics, null, 2));
}
