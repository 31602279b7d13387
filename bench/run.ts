// `npm run bench`: a generated département, the real server on loopback, autocannon scenarios,
// import rate, memory, database size and page weight; results in bench/results/<date>.{json,md}.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DbHandle } from '../src/kernel/db/index.js';
import { migrations } from '../src/app.js';
import { analyzePostgres, buildDataset, readManifest, writeManifest, type DatasetManifest } from './dataset.js';
import { measure, runScenario, summarize, type Scenario, type ScenarioResult } from './load.js';
import { BENCH_USAGE, GROUPS, SCENARIOS, UsageError, benchOptions, type BenchOptions } from './options.js';
import { writeResults, type BenchResults } from './report.js';
import { compareResults, readResults } from './compare.js';
import { ROOT, startFloor, startPreau, type PreauTarget, type RunningServer } from './server.js';
import { LoginRouteMissing, anonymousCsrf, loginOverHttp, loginRequest, sessionWithoutRoute, type BenchSession } from './sessions.js';
import { pageWeight } from './weight.js';
import { HOMEWORK_SCENARIOS, runHomeworkBench } from './scenarios/homework.js';
import { MESSAGING_SCENARIOS, runMessagingBench } from './scenarios/messaging.js';
import { runDocumentsBench } from './scenarios/documents.js';
import { runJobsBench } from './scenarios/jobs.js';
import { runAafBench } from './scenarios/aaf.js';
import { RENTREE_SCENARIOS, runRentreeBench } from './scenarios/rentree.js';
import { LIAISON_SCENARIOS, runLiaisonBench } from './scenarios/liaison.js';
import { FAMILY_SCENARIOS, runFamilyBench } from './scenarios/family.js';
import { FORUM_SCENARIOS, runForumBench } from './scenarios/forum.js';
import { RESOURCES_SCENARIOS, runResourcesBench } from './scenarios/resources.js';
import { runBlogBench } from './scenarios/blog.js';
import { NEWS_SCENARIOS, runNewsBench } from './scenarios/news.js';
import { runAttendanceBench } from './scenarios/attendance.js';
import { TIMETABLE_SCENARIOS, runTimetableBench } from './scenarios/timetable.js';
import { ASSESSMENT_SCENARIOS, runAssessmentBench } from './scenarios/assessment.js';
import { runBillingBench } from './scenarios/billing.js';
import { runCanteenBench } from './scenarios/canteen.js';
import { runEquipmentBench } from './scenarios/equipment.js';
import { runPrivacyBench } from './scenarios/privacy.js';
import { runSteeringBench } from './scenarios/steering.js';

const SEARCH_PREFIXES = ['mar', 'dup', 'lé', 'ber', 'gar', 'nguy'];

const log = (line: string) => console.error(line);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Everything to undo at the end, also on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanupAll() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      log(`cleanup failed: ${String(error)}`);
    }
  }
}

interface Prepared {
  target: PreauTarget;
  manifest: DatasetManifest;
  reused: boolean;
  openHandle: () => DbHandle;
  dbLabel: string;
  /** Size of the database in MiB and what was measured. */
  size: () => Promise<{ mb: number; what: string }>;
}

async function prepareSqlite(opts: BenchOptions): Promise<Prepared> {
  const dataDir = opts.data ? path.resolve(opts.data) : fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-'));
  if (!opts.data && !opts.keep) cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  else log(`[bench] data folder kept: ${dataDir}`);
  const file = path.join(dataDir, 'preau.db');
  const openHandle = () => openDatabase({ databaseUrl: null, sqliteFile: file });
  let manifest = fs.existsSync(file) ? readManifest(dataDir) : null;
  const reused = !!manifest;
  const handle = openHandle();
  try {
    await migrateToLatest(handle.db, migrations);
    if (manifest) {
      log(`[bench] reusing the dataset in ${dataDir} (${manifest.options.schools} schools, ${manifest.options.pupils} pupils)`);
    } else {
      manifest = await buildDataset(handle.db, { schools: opts.schools, pupils: opts.pupils, seed: opts.seed, log });
      writeManifest(dataDir, manifest);
    }
    const version = await sql<{ v: string }>`select sqlite_version() as v`.execute(handle.db);
    return {
      target: { dataDir, databaseUrl: null, pgSchema: null },
      manifest,
      reused,
      openHandle,
      dbLabel: `SQLite ${version.rows[0]?.v ?? '?'} (better-sqlite3, WAL)`,
      size: async () => {
        const bytes = ['preau.db', 'preau.db-wal'].reduce(
          (a, f) => a + (fs.existsSync(path.join(dataDir, f)) ? fs.statSync(path.join(dataDir, f)).size : 0),
          0,
        );
        return { mb: round(bytes / 1048576, 1), what: 'SQLite file preau.db (+ WAL if any), after the run' };
      },
    };
  } finally {
    await handle.close();
  }
}

async function prepareSchema(opts: BenchOptions, notes: string[]): Promise<Prepared> {
  if (opts.data) throw new UsageError('--data is for SQLite; PostgreSQL runs use a fresh schema');
  const url = opts.databaseUrl;
  const schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  if (!opts.keep) cleanups.push(() => admin(async (c) => void (await c.query(`DROP SCHEMA ${schema} CASCADE`))));
  else log(`[bench] PostgreSQL schema kept: ${schema}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const openHandle = () => openDatabase({ databaseUrl: url, pgSchema: schema, pgPoolSize: 10 });
  const handle = openHandle();
  try {
    await migrateToLatest(handle.db, migrations);
    const manifest = await buildDataset(handle.db, { schools: opts.schools, pupils: opts.pupils, seed: opts.seed, log });
    const autovacuum = (await sql<{ autovacuum: string }>`show autovacuum`.execute(handle.db)).rows[0]?.autovacuum ?? '?';
    if (opts.analyze) {
      await analyzePostgres(handle.db);
      notes.push(`ANALYZE ran on the schema after the import, as autovacuum would on a production server (autovacuum is ${autovacuum} here).`);
    } else {
      notes.push(`No ANALYZE after the import (--no-analyze; autovacuum is ${autovacuum} here): the planner works without statistics.`);
    }
    const version = await admin((c) => c.query<{ server_version: string }>('SHOW server_version'));
    return {
      target: { dataDir, databaseUrl: url, pgSchema: schema },
      manifest,
      reused: false,
      openHandle,
      dbLabel: `PostgreSQL ${version.rows[0]?.server_version ?? '?'} (schema ${schema})`,
      size: async () => {
        const res = await admin((c) =>
          c.query<{ bytes: string | null }>(
            `SELECT sum(pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass)) AS bytes FROM pg_tables WHERE schemaname = $1`,
            [schema],
          ),
        );
        return {
          mb: round(Number(res.rows[0]?.bytes ?? 0) / 1048576, 1),
          what: `tables of schema ${schema} with their indexes and TOAST (pg_total_relation_size)`,
        };
      },
    };
  } finally {
    await handle.close();
  }
}

async function signIn(server: RunningServer, prepared: Prepared, logins: string[], password: string): Promise<BenchSession[]> {
  const sessions: BenchSession[] = [];
  let side: DbHandle | null = null;
  try {
    for (const login of logins) {
      try {
        sessions.push(await loginOverHttp(server.url, login, password));
      } catch (error) {
        if (!(error instanceof LoginRouteMissing)) throw error;
        side ??= prepared.openHandle();
        sessions.push(await sessionWithoutRoute(side.db, login));
      }
    }
  } finally {
    await side?.close();
  }
  return sessions;
}

/** How many people each prefix finds for one director: shows what the search scenario returns. */
async function searchTotals(baseUrl: string, cookie: string): Promise<string> {
  const parts: string[] = [];
  for (const q of SEARCH_PREFIXES) {
    const res = await fetch(`${baseUrl}/api/directory/people?q=${encodeURIComponent(q)}`, { headers: { cookie, accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as { total?: unknown; items?: unknown[] } | null;
    const total = typeof body?.total === 'number' ? body.total : Array.isArray(body?.items) ? body.items.length : `status ${res.status}`;
    parts.push(`${q} ${total}`);
  }
  return parts.join(', ');
}

/** The commit measured, `-dirty` when the tree has changes; null outside a git checkout. */
function gitCommit(): string | null {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** `a 1, b 2` from a scenario's named figures, for the notes. */
function metricsLine(metrics: Record<string, number>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

async function main(argv: string[]) {
  const opts = benchOptions(argv);
  // Read the earlier results first: a wrong path fails before minutes of measuring.
  const earlier = opts.compare ? readResults(path.resolve(opts.compare)) : null;
  const started = performance.now();
  // Other work on the machine skews every figure: the load average before the run tells how quiet it was.
  const loadBefore = round(os.loadavg()[0] ?? 0, 2);
  const notes: string[] = [];
  const wanted = (name: (typeof SCENARIOS)[number] | (typeof GROUPS)[number]) => !opts.only || opts.only.includes(name);
  log(`[bench] ${opts.quick ? 'quick' : 'full'} run: ${opts.schools} schools, ${opts.pupils} pupils, ${opts.db}`);

  const prepared = opts.db === 'postgres' ? await prepareSchema(opts, notes) : await prepareSqlite(opts);
  const { manifest } = prepared;
  if (prepared.reused && (manifest.options.schools !== opts.schools || manifest.options.pupils !== opts.pupils)) {
    notes.push(`Reused dataset made with ${manifest.options.schools} schools and ${manifest.options.pupils} pupils (flags ignored).`);
  }
  if (prepared.reused) notes.push('Import figures come from the run that made the reused dataset.');

  const floor = await startFloor();
  cleanups.push(() => floor.stop());
  const preau = await startPreau(opts.server, prepared.target, async () => prepared.openHandle());
  let preauStopped = false;
  cleanups.push(async () => {
    if (!preauStopped) await preau.stop();
  });
  log(`[bench] floor on ${floor.url}, Préau on ${preau.url} (${preau.mode})`);

  const { accounts } = manifest;
  const parents = await signIn(preau, prepared, accounts.parents, accounts.password);
  const directors = await signIn(preau, prepared, accounts.directors, accounts.password);
  const via = [...new Set([...parents, ...directors].map((s) => s.via))].join(', ');
  log(`[bench] ${parents.length} parents and ${directors.length} directors signed in (${via})`);
  if (via.includes('createSession'))
    notes.push('POST /api/accounts/login was not there: sessions were written with createSession and the login scenario was skipped.');

  const common = { baseUrl: preau.url, connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
  const results = new Map<string, ScenarioResult>();
  // The floor is measured in two rounds, before and after the other scenarios, so that a change
  // in the machine's other load during the run weighs on both sides of the ratio.
  const floorScenario: Scenario = { ...common, name: 'floor', baseUrl: floor.url, requests: [{ method: 'GET', path: '/' }], note: 'bare Fastify, JSON hello' };
  const floorRounds = wanted('floor') ? [await measure(floorScenario, log)] : [];
  if (wanted('home')) {
    const requests = parents.map((s) => ({ method: 'GET', path: '/', headers: { cookie: s.cookie, accept: 'text/html' } }));
    results.set('home', await runScenario({ ...common, name: 'home', requests, note: `GET / as ${parents.length} parents in turn` }, log));
  }
  if (wanted('directory_search')) {
    const requests = SEARCH_PREFIXES.flatMap((q) =>
      directors.map((s) => ({
        method: 'GET',
        path: `/api/directory/people?q=${encodeURIComponent(q)}`,
        headers: { cookie: s.cookie, accept: 'application/json' },
      })),
    );
    const totals = await searchTotals(preau.url, directors[0]!.cookie);
    const scenario: Scenario = {
      ...common,
      name: 'directory_search',
      requests,
      note: `${directors.length} directors × prefixes; matches for one director: ${totals}`,
    };
    results.set('directory_search', await runScenario(scenario, log));
  }
  if (wanted('homework')) {
    const homework = await runHomeworkBench({ ...common, openHandle: prepared.openHandle, log });
    for (const r of homework.results) results.set(r.name, r);
    notes.push(...homework.notes);
  }
  if (wanted('messaging')) {
    const messaging = await runMessagingBench({ ...common, openHandle: prepared.openHandle, log, quick: opts.quick, parents, directors });
    for (const r of messaging.results) results.set(r.name, r);
    notes.push(...messaging.notes);
  }
  if (wanted('timetable')) {
    const timetable = await runTimetableBench({ ...common, openHandle: prepared.openHandle, log });
    for (const r of timetable.results) results.set(r.name, r);
    notes.push(...timetable.notes);
  }
  if (wanted('documents')) {
    const documents = await runDocumentsBench({ log, quick: opts.quick });
    notes.push(`Documents (MB/s, ms): ${metricsLine(documents.metrics)}.`, ...documents.notes);
  }
  if (wanted('jobs')) {
    const jobs = await runJobsBench({ log, quick: opts.quick, openHandle: prepared.openHandle });
    notes.push(`Jobs (per second): ${metricsLine(jobs.metrics)}.`, ...jobs.notes);
  }
  if (wanted('aaf')) notes.push(...(await runAafBench({ log, quick: opts.quick })).notes);
  if (wanted('billing')) notes.push(...(await runBillingBench({ log, quick: opts.quick })).notes);
  if (wanted('liaison')) {
    const liaison = await runLiaisonBench({ ...common, log });
    for (const r of liaison.results) results.set(r.name, r);
    notes.push(...liaison.notes);
  }
  if (wanted('family')) {
    const family = await runFamilyBench({ ...common, log });
    for (const r of family.results) results.set(r.name, r);
    notes.push(...family.notes);
  }
  if (wanted('forum')) {
    const forum = await runForumBench({ ...common, log });
    for (const r of forum.results) results.set(r.name, r);
    notes.push(...forum.notes);
  }
  // The rentrée uses up activation codes: after the other scenarios, which do not need them.
  if (wanted('rentree')) {
    const rentree = await runRentreeBench({ ...common, openHandle: prepared.openHandle, log, quick: opts.quick, parents });
    for (const r of rentree.results) results.set(r.name, r);
    notes.push(...rentree.notes);
  }
  if (wanted('blog')) {
    const blog = await runBlogBench({ log, quick: opts.quick });
    for (const r of blog.results) results.set(r.name, r);
    notes.push(...blog.notes);
  }
  if (wanted('news')) {
    const news = await runNewsBench({ ...common, openHandle: prepared.openHandle, log });
    for (const r of news.results) results.set(r.name, r);
    notes.push(...news.notes);
  }
  if (wanted('attendance')) {
    const attendance = await runAttendanceBench({ log, quick: opts.quick });
    notes.push(`Attendance (ms, KB): ${metricsLine(attendance.metrics)}.`, ...attendance.notes);
  }
  if (wanted('assessment')) {
    const assessment = await runAssessmentBench({ ...common, openHandle: prepared.openHandle, log });
    for (const r of assessment.results) results.set(r.name, r);
    notes.push(...assessment.notes);
  }
  if (wanted('canteen')) notes.push(...(await runCanteenBench({ log, quick: opts.quick })).notes);
  if (wanted('equipment')) notes.push(...(await runEquipmentBench({ log, quick: opts.quick })).notes);
  if (wanted('privacy')) notes.push(...(await runPrivacyBench({ log, quick: opts.quick })).notes);
  if (wanted('steering')) notes.push(...(await runSteeringBench({ log, quick: opts.quick })).notes);
  if (wanted('resources')) {
    const resources = await runResourcesBench({ ...common, log, quick: opts.quick });
    for (const r of resources.results) results.set(r.name, r);
    notes.push(...resources.notes);
  }
  // Logins last: each one adds a session row, and a throttled account must not spoil the other scenarios.
  if (wanted('login') && !via.includes('createSession')) {
    const csrf = await anonymousCsrf(preau.url);
    const logins = [...accounts.parents, ...accounts.directors];
    const requests = logins.map((login) => loginRequest(csrf, login, accounts.password));
    const scenario: Scenario = {
      ...common,
      name: 'login',
      connections: opts.loginConnections,
      duration: opts.loginDuration,
      requests,
      note: `${logins.length} accounts in turn; argon2id hash per request, so ${opts.loginConnections} connections (not ${opts.connections})`,
    };
    results.set('login', await runScenario(scenario, log));
  }
  if (wanted('floor')) {
    floorRounds.push(await measure(floorScenario, log));
    results.set('floor', summarize(floorRounds, log));
  }
  const floorRps = results.get('floor')?.rps ?? null;
  // The known scenarios in their usual order, then any other a module added, in the order it ran.
  const known: string[] = [
    ...SCENARIOS,
    ...HOMEWORK_SCENARIOS,
    ...MESSAGING_SCENARIOS,
    ...RENTREE_SCENARIOS,
    ...LIAISON_SCENARIOS,
    ...NEWS_SCENARIOS,
    ...TIMETABLE_SCENARIOS,
    ...ASSESSMENT_SCENARIOS,
    ...FORUM_SCENARIOS,
    ...FAMILY_SCENARIOS,
    ...RESOURCES_SCENARIOS,
  ];
  const scenarios = [...known, ...[...results.keys()].filter((name) => !known.includes(name))].flatMap((name) => {
    const r = results.get(name);
    if (!r) return [];
    return [{ ...r, ratio_to_floor: floorRps ? round(r.rps / floorRps, 3) : null }];
  });
  if (!floorRps) notes.push('No floor run: ratio_to_floor is empty.');

  log('[bench] page weight');
  const loginPage = await pageWeight(preau.url, '/login', null);
  const homePage = parents[0] ? await pageWeight(preau.url, '/', parents[0].cookie) : null;
  for (const [name, w] of [
    ['login', loginPage],
    ['home', homePage],
  ] as const) {
    if (w && w.status !== 200) notes.push(`The ${name} page answered ${w.status}: its weight is not that of a real page yet.`);
  }

  // The 1-minute load average includes our own load by now; before the run it shows everyone else's.
  const loadAfter = round(os.loadavg()[0] ?? 0, 2);
  if (loadBefore > os.cpus().length / 2) {
    notes.push(
      `The machine was busy before the run (load average ${loadBefore} on ${os.cpus().length} CPUs): other processes shared the CPUs, ` +
        'so absolute figures are low and noisy; ratios to the floor hold better. Rerun on a quiet machine for reference figures.',
    );
  }
  const memoryRss = preau.rssMb();
  const memoryPeak = preau.peakRssMb();
  if (preau.pid === process.pid) notes.push('In-process server: the memory figure includes the load generator (and the dataset step when it ran).');
  await preau.stop();
  preauStopped = true;
  await floor.stop();
  const size = await prepared.size();

  const cpus = os.cpus();
  const results_: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    commit: gitCommit(),
    mode: opts.quick ? 'quick' : 'full',
    machine: {
      cpus: cpus.length,
      cpu_model: cpus[0]?.model.trim() ?? '?',
      memory_gb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      db: prepared.dbLabel,
      server: preau.mode,
      os: `${os.type()} ${os.release()}`,
      loadavg_1m_before: loadBefore,
      loadavg_1m_after: loadAfter,
    },
    dataset: { ...manifest.counts, reused: prepared.reused },
    sessions: via,
    scenarios,
    import: manifest.import,
    memory_rss_mb: memoryRss,
    memory_peak_rss_mb: memoryPeak,
    db_size_mb: size.mb,
    db_size_what: size.what,
    page_weight: { login: loginPage, home: homePage },
    duration_s: 0,
    notes: [
      ...notes,
      'autocannon runs in the bench process on the same machine as the servers, so they share the CPUs.',
      'rps counts 2xx answers only; latency percentiles are of 2xx answers.',
    ],
  };
  await cleanupAll();
  results_.duration_s = round((performance.now() - started) / 1000, 1);
  const written = writeResults(opts.resultsDir ? path.resolve(opts.resultsDir) : path.join(ROOT, 'bench', 'results'), results_);
  console.log(written.text);
  if (earlier) console.log(compareResults(earlier, results_));
  log(`[bench] wrote ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.md)} in ${results_.duration_s} s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`[bench] ${signal}: stopping`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

main(process.argv.slice(2)).catch(async (error: unknown) => {
  await cleanupAll();
  if (error instanceof UsageError) {
    if (error.message) console.error(`error: ${error.message}\n`);
    console.error(BENCH_USAGE);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
