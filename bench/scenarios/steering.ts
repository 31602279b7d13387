// Steering: a municipality's dashboard over a year of usage for 150 schools (10 in a quick run),
// in process on a fresh SQLite database: rolled-up monthly rows per school, profile and service,
// then the dashboard's JSON read by the municipality's agent (budget: 200 ms).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { loginAs, request } from '../../src/kernel/testing/index.js';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool } from '../../src/modules/equipment/testing.js';
import { lastMonths } from '../../src/modules/steering/service.js';
import { seedMonthly } from '../../src/modules/steering/testing.js';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const SERVICES = ['home', 'homework', 'messaging', 'documents', 'blog', 'news', 'canteen', 'liaison'];
const PROFILES = ['student', 'relative', 'teacher', 'personnel'];

export async function runSteeringBench(ctx: { log: (line: string) => void; quick: boolean }): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-steering-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { logger: false });
    const schools = ctx.quick ? 10 : 150;
    const town = await buildSchool(app.db, { kind: 'municipality', name: 'Ville du bench' });
    const agent = await buildPerson(app.db, { profile: 'municipal', structureId: town.id });
    const months = lastMonths(new Date().toISOString().slice(0, 10));
    const t0 = performance.now();
    let rows = 0;
    for (let s = 0; s < schools; s++) {
      const school = await buildSchool(app.db, { name: `École ${s + 1}` });
      await attachSchool(app.db, school.id, town.id);
      const batch = months.flatMap((month, m) =>
        PROFILES.flatMap((profile, p) =>
          ['*', ...SERVICES].map((service, v) => ({
            month,
            structureId: school.id,
            profile,
            service,
            people: ((s + m + p + v) % 40) + (v === 0 ? 30 : 1),
            actions: v * 3,
          })),
        ),
      );
      await seedMonthly(app.db, batch);
      rows += batch.length;
    }
    const seedMs = performance.now() - t0;
    const session = await loginAs(app, agent.id);
    const url = `/api/steering/structures/${town.id}`;
    const first = await request(app, session, 'GET', url);
    if (first.statusCode !== 200) throw new Error(`steering bench: ${first.statusCode} ${first.body}`);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await request(app, session, 'GET', url);
      times.push(performance.now() - t);
    }
    const pageTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await request(app, session, 'GET', `/steering/structures/${town.id}`);
      pageTimes.push(performance.now() - t);
    }
    const jsonMs = round(median(times));
    const pageMs = round(median(pageTimes));
    ctx.log(
      `[bench] steering: ${schools} schools, ${rows} monthly rows (seeded in ${round(seedMs / 1000)} s); municipality dashboard JSON ${jsonMs} ms, page ${pageMs} ms (budget 200 ms)`,
    );
    return {
      metrics: { steering_municipality_json_ms: jsonMs, steering_municipality_page_ms: pageMs },
      notes: [
        `Steering: a municipality's dashboard over 12 months × ${schools} schools (${rows} rolled-up rows): JSON ${jsonMs} ms, page ${pageMs} ms (budget 200 ms).`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
