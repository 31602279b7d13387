// `node --import tsx bench/profile.ts [path] [requests]`: where a page's time goes. Builds the
// application in this process on a fresh SQLite database with a small school (a class, a pupil,
// a parent), requests `path` (default `/`) as the parent through `app.inject` — no network, so
// what is left is the server's own work — under the V8 CPU profiler, then prints the functions
// with the most time: on their own ("self", where the CPU is) and with what they call
// ("inclusive", for Préau's own functions: which use case costs what). The profile is written to
// bench/results/profile-<time>.cpuprofile, which Chrome's DevTools (Performance tab) open.
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp, databaseOptions } from '../src/app.js';
import { SESSION_COOKIE } from '../src/kernel/auth/plugin.js';
import { createSession } from '../src/kernel/auth/sessions.js';
import { loadConfig } from '../src/kernel/config/index.js';
import { openDatabase } from '../src/kernel/db/index.js';
import { schoolYearOf } from '../src/modules/directory/index.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../src/modules/directory/testing.js';
import { ROOT } from './server.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The functions with the most self and inclusive time, as lines `share% name file:line`. */
export function topFunctions(profile: Profile, limit = 25): { self: string[]; inclusive: string[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...time.values()].reduce((a, b) => a + b, 0) || 1;
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(`file://${ROOT}/`, '')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of time) {
    const key = name(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + t);
    // A recursive function counts once per sample.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + t);
    }
  }
  const lines = (m: Map<string, number>, keep: (k: string) => boolean) =>
    [...m]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}% ${k}`);
  return { self: lines(self, () => true), inclusive: lines(inclusive, (k) => k.includes(' src/')) };
}

async function main() {
  const [target = '/', countArg = '3000'] = process.argv.slice(2);
  const requests = Number(countArg);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-profile-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir });
  // Statements are counted while one request is being looked at, to see how many a page runs.
  let statements: string[] | null = null;
  const database = openDatabase({ ...databaseOptions(config), onStatement: (text) => statements?.push(text) });
  const app = await buildApp(config, { logger: false, database });
  try {
    await app.ready();
    const db = app.db;
    const school = await buildSchool(db, { name: 'École du profil' });
    const teacher = await buildPerson(db, { profile: 'teacher', firstName: 'Claire', lastName: 'Martin', structureId: school.id });
    const pupil = await buildPerson(db, { profile: 'student', firstName: 'Léa', lastName: 'Bernard', structureId: school.id });
    const parent = await buildPerson(db, { profile: 'relative', firstName: 'Marc', lastName: 'Bernard', structureId: school.id });
    await buildLink(db, parent.id, pupil.id);
    const klass = await buildClass(db, school.id, { name: 'CM1', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
    await db
      .updateTable('groups')
      .set({ schoolYear: schoolYearOf(new Date()) })
      .where('id', '=', klass.id)
      .execute();
    const { token } = await createSession(db, parent.id, school.id, { idleMinutes: 600, absoluteMinutes: 600 });
    const headers = { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/html' };
    const first = await app.inject({ method: 'GET', url: target, headers });
    if (first.statusCode >= 300) throw new Error(`${target} answered ${first.statusCode}`);
    statements = [];
    await app.inject({ method: 'GET', url: target, headers });
    const ran = statements;
    statements = null;
    // Warm up: the first requests compile code and fill caches; they are not what a server does all day.
    for (let i = 0; i < 300; i++) await app.inject({ method: 'GET', url: target, headers });
    const session = new inspector.Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const t0 = performance.now();
    for (let i = 0; i < requests; i++) await app.inject({ method: 'GET', url: target, headers });
    const ms = (performance.now() - t0) / requests;
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    const out = path.join(ROOT, 'bench', 'results', `profile-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(profile));
    const top = topFunctions(profile);
    console.log(`${target}: ${ms.toFixed(3)} ms per request over ${requests} requests, ${first.body.length} bytes; profile in ${path.relative(ROOT, out)}`);
    const distinct = new Map<string, number>();
    for (const text of ran) distinct.set(text, (distinct.get(text) ?? 0) + 1);
    console.log(`\n${ran.length} SQL statements per request (${distinct.size} distinct):`);
    for (const [text, n] of [...distinct].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(4)}× ${text.slice(0, 150)}`);
    console.log('\nself time (where the CPU is):');
    for (const line of top.self) console.log(line);
    console.log('\ninclusive time of Préau’s functions (what each costs with what it calls):');
    for (const line of top.inclusive) console.log(line);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
