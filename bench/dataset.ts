// A generated département: municipalities, schools, and every school loaded through the real
// ONDE import path. Usable on its own:
//   node --import tsx bench/dataset.ts --schools 150 --pupils 100000 --out data/dept
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { Db } from '../src/kernel/db/index.js';
import { migrateToLatest, newId, nowIso, openDatabase } from '../src/kernel/db/index.js';
import { hashPassword } from '../src/kernel/auth/password.js';
import { migrations } from '../src/app.js';
import { generateOndeSchool, prng } from '../src/modules/directory/onde/generate.js';
import { importOnde } from '../src/modules/directory/onde/import.js';
import { UsageError, parseArgs, positiveInt } from './options.js';

export const SCHOOL_YEAR = '2026-2027';
/** Password given to the benchmark accounts (loopback test data only). */
export const BENCH_PASSWORD = 'Preau-bench-2026!';
export const MANIFEST = 'bench-dataset.json';

export interface DatasetOptions {
  schools: number;
  pupils: number;
  seed: number;
  /** Two-digit département number used in UAIs. */
  departement?: string;
  /** Accounts given the bench password. */
  parents?: number;
  directors?: number;
  log?: (line: string) => void;
}

export interface DatasetCounts {
  municipalities: number;
  schools: number;
  people: number;
  pupils: number;
  teachers: number;
  parents: number;
  other_people: number;
  classes: number;
  relative_links: number;
  group_members: number;
  structure_members: number;
  directors: number;
}

export interface ImportStats {
  path: string;
  schools: number;
  /** People the import created (database count after minus before). */
  people: number;
  /** Seconds spent inside importOnde, generation of the CSV files excluded. */
  seconds: number;
  people_per_s: number;
  /** Seconds spent generating the CSV files (not part of the rate). */
  generate_seconds: number;
  /** Rates over the first and the last tenth of the schools: a drop shows imports slowing as the database grows. */
  first_tenth_people_per_s: number;
  last_tenth_people_per_s: number;
  slowest_school_s: number;
  /** Sums of the counts the import reports returned (`pupils.created`…). */
  report_counts: Record<string, number>;
  /** Lines the import refused, and lines kept with a remark, over all schools. */
  refused_lines: number;
  warnings: number;
}

export interface BenchAccounts {
  password: string;
  parents: string[];
  directors: string[];
}

export interface DatasetManifest {
  created_at: string;
  options: { schools: number; pupils: number; seed: number; departement: string };
  counts: DatasetCounts;
  import: ImportStats;
  accounts: BenchAccounts;
}

// ---------------------------------------------------------------- naming

const UAI_KEYS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A UAI: 7 digits (3 for the département) and the check letter (the number modulo 23). */
export function uai(departement: string, serial: number): string {
  const digits = `0${departement.padStart(2, '0')}${String(serial).padStart(4, '0')}`;
  if (!/^\d{7}$/.test(digits)) throw new Error(`UAI serial out of range: ${serial}`);
  return digits + UAI_KEYS[Number(digits) % 23];
}

const COMMUNES =
  'Saint-Julien-du-Bois|Montreuil-sur-Loir|La Chapelle-Saint-Aubin|Fontaine-lès-Crêtes|Villeneuve-la-Rivière|Bréville|Sainte-Hélène|Saint-Médard|Champigny-lès-Prés|Bœurs-en-Othe|Les Églisottes|Val-d’Orbe|Pont-l’Évêque-sur-Saône|Noyers|Châteauneuf|Beaumont|Villefranche|Saint-Cyr|Lavaur|Mérignac-le-Haut'.split(
    '|',
  );
const NAMESAKES =
  'Jules Ferry|Jean Jaurès|Victor Hugo|Louise Michel|Jean Moulin|Marie Curie|Jacques Prévert|Paul Éluard|Simone Veil|Pierre et Marie Curie|Anne Frank|Antoine de Saint-Exupéry|Les Tilleuls|Le Petit Prince|Condorcet|George Sand|Pasteur|Les Marronniers|Joséphine Baker|Gisèle Halimi'.split(
    '|',
  );

function communeName(i: number): string {
  const base = COMMUNES[i % COMMUNES.length]!;
  const round = Math.floor(i / COMMUNES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

// ---------------------------------------------------------------- helpers

/** School sizes between 0.4× and 1.6× the mean, summing exactly to the total. */
export function schoolSizes(total: number, schools: number, seed: number): number[] {
  if (total < schools) throw new UsageError(`need at least one pupil per school (${total} pupils for ${schools} schools)`);
  const rand = prng(seed ^ 0x5eed);
  const weights = Array.from({ length: schools }, () => 0.4 + 1.2 * rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const extra = total - schools;
  const raw = weights.map((w) => (extra * w) / sum);
  const sizes = raw.map((r) => 1 + Math.floor(r));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) sizes[order[k]![1]]! += 1;
  return sizes;
}

/** Flattens the report's nested counts: `pupils.created`, `links.created`… */
function flatCounts(value: unknown, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  if (typeof value === 'number') out[prefix] = value;
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatCounts(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function countPeople(db: Db): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------- building

/** Fills an empty, migrated database with a département; returns what was made and how fast. */
export async function buildDataset(db: Db, options: DatasetOptions): Promise<DatasetManifest> {
  const log = options.log ?? (() => {});
  const departement = options.departement ?? '69';
  if ((await countPeople(db)) > 0) throw new UsageError('the database already holds people: use a fresh data folder or schema');

  const now = nowIso();
  const municipalities = Array.from({ length: Math.ceil(options.schools / 5) }, (_, i) => ({
    id: newId(),
    kind: 'municipality' as const,
    name: `Mairie de ${communeName(i)}`,
    uai: null,
    parentId: null,
    createdAt: now,
  }));
  const schools = Array.from({ length: options.schools }, (_, i) => {
    const commune = communeName(Math.floor(i / 5));
    return {
      id: newId(),
      kind: 'school' as const,
      name: `École primaire ${NAMESAKES[i % NAMESAKES.length]} (${commune})`,
      uai: uai(departement, 1000 + i),
      parentId: municipalities[Math.floor(i / 5)]!.id,
      createdAt: now,
    };
  });
  for (let i = 0; i < municipalities.length; i += 200)
    await db
      .insertInto('structures')
      .values(municipalities.slice(i, i + 200))
      .execute();
  for (let i = 0; i < schools.length; i += 200)
    await db
      .insertInto('structures')
      .values(schools.slice(i, i + 200))
      .execute();

  const sizes = schoolSizes(options.pupils, options.schools, options.seed);
  const perSchool: { people: number; seconds: number }[] = [];
  const reportCounts: Record<string, number> = {};
  let generateSeconds = 0;
  let refused = 0;
  let warnings = 0;
  const started = performance.now();
  let lastLog = 0;
  for (const [i, school] of schools.entries()) {
    const g0 = performance.now();
    const files = generateOndeSchool({ seed: options.seed * 100_003 + i, pupils: sizes[i]!, uaiSuffix: school.uai });
    const g1 = performance.now();
    generateSeconds += (g1 - g0) / 1000;
    const report = await importOnde(db, {
      structureId: school.id,
      schoolYear: SCHOOL_YEAR,
      files: { pupils: files.pupils, teachers: files.teachers, parents: files.parents },
      actorId: null,
    });
    const seconds = (performance.now() - g1) / 1000;
    if (report.status !== 'done') throw new Error(`ONDE import of ${school.uai} failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    refused += report.errors.length;
    warnings += report.warnings.length;
    for (const [k, v] of Object.entries(flatCounts(report.counts))) reportCounts[k] = (reportCounts[k] ?? 0) + v;
    const people = files.summary.pupils + files.summary.teachers + files.summary.parents;
    perSchool.push({ people, seconds });
    const elapsed = (performance.now() - started) / 1000;
    if (i === schools.length - 1 || elapsed - lastLog >= 5) {
      lastLog = elapsed;
      const done = perSchool.reduce((a, s) => a + s.people, 0);
      const inImport = perSchool.reduce((a, s) => a + s.seconds, 0);
      log(`[dataset] ${i + 1}/${schools.length} schools, ${done} people, ${Math.round(done / inImport)} people/s in import, ${elapsed.toFixed(0)} s`);
    }
  }

  const tenth = Math.max(1, Math.floor(perSchool.length / 10));
  const rate = (list: typeof perSchool) => {
    const s = list.reduce((a, x) => a + x.seconds, 0);
    return s > 0 ? Math.round(list.reduce((a, x) => a + x.people, 0) / s) : 0;
  };
  const seconds = perSchool.reduce((a, s) => a + s.seconds, 0);
  const people = await countPeople(db);
  const importStats: ImportStats = {
    path: 'generateOndeSchool → importOnde, one call per school',
    schools: schools.length,
    people,
    seconds: round(seconds, 2),
    people_per_s: Math.round(people / seconds),
    generate_seconds: round(generateSeconds, 2),
    first_tenth_people_per_s: rate(perSchool.slice(0, tenth)),
    last_tenth_people_per_s: rate(perSchool.slice(-tenth)),
    slowest_school_s: round(Math.max(...perSchool.map((s) => s.seconds)), 2),
    report_counts: reportCounts,
    refused_lines: refused,
    warnings,
  };

  const accounts = await prepareAccounts(
    db,
    schools.map((s) => s.id),
    options.parents ?? 8,
    options.directors ?? 4,
  );
  return {
    created_at: nowIso(),
    options: { schools: options.schools, pupils: options.pupils, seed: options.seed, departement },
    counts: await datasetCounts(db),
    import: importStats,
    accounts,
  };
}

/** Spreads `count` picks over the schools: school index and rank within the school. */
function spread(count: number, schools: number): { school: number; rank: number }[] {
  const seen = new Map<number, number>();
  return Array.from({ length: count }, (_, i) => {
    const school = Math.floor((i * schools) / count);
    const rank = seen.get(school) ?? 0;
    seen.set(school, rank + 1);
    return { school, rank };
  });
}

/** Gives a few parents and directors the bench password, as if they had activated their accounts. */
export async function prepareAccounts(db: Db, schoolIds: string[], parents: number, directors: number): Promise<BenchAccounts> {
  const parentIds: { id: string; login: string }[] = [];
  for (const { school, rank } of spread(parents, schoolIds.length)) {
    const row = await db
      .selectFrom('relativeLinks')
      .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.studentId')
      .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
      .select(['people.id', 'people.login'])
      .distinct()
      .where('structureMembers.structureId', '=', schoolIds[school]!)
      .where('people.profile', '=', 'relative')
      .where('people.status', '=', 'active')
      .orderBy('people.login')
      .limit(1)
      .offset(rank * 7)
      .executeTakeFirst();
    if (row && !parentIds.some((p) => p.id === row.id)) parentIds.push(row);
  }
  const directorIds: { id: string; login: string }[] = [];
  for (const { school, rank } of spread(directors, schoolIds.length)) {
    const row = await db
      .selectFrom('structureRoles')
      .innerJoin('people', 'people.id', 'structureRoles.personId')
      .select(['people.id', 'people.login'])
      .where('structureRoles.structureId', '=', schoolIds[school]!)
      .where('structureRoles.role', '=', 'director')
      .where('people.status', '=', 'active')
      .orderBy('people.login')
      .limit(1)
      .offset(rank)
      .executeTakeFirst();
    if (row && !directorIds.some((p) => p.id === row.id)) directorIds.push(row);
  }
  if (parentIds.length === 0) throw new Error('no parent linked to a pupil was found after the import');
  if (directorIds.length === 0) throw new Error('no director was found after the import (teachers with Directeur=oui)');
  const hash = await hashPassword(BENCH_PASSWORD);
  const now = nowIso();
  await db
    .updateTable('people')
    .set({ passwordHash: hash, activatedAt: now, charterAcceptedAt: now, activationCode: null, updatedAt: now })
    .where(
      'id',
      'in',
      [...parentIds, ...directorIds].map((p) => p.id),
    )
    .execute();
  return { password: BENCH_PASSWORD, parents: parentIds.map((p) => p.login), directors: directorIds.map((p) => p.login) };
}

export async function datasetCounts(db: Db): Promise<DatasetCounts> {
  const count = async (table: 'relativeLinks' | 'groupMembers' | 'structureMembers') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [structures, profiles, classes, directors] = await Promise.all([
    db
      .selectFrom('structures')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
    db
      .selectFrom('people')
      .select(['profile', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('profile')
      .execute(),
    db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'class')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('structureRoles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'director')
      .executeTakeFirstOrThrow(),
  ]);
  const byKind = Object.fromEntries(structures.map((s) => [s.kind, Number(s.n)]));
  const byProfile = Object.fromEntries(profiles.map((p) => [p.profile, Number(p.n)]));
  const people = Object.values(byProfile).reduce((a, b) => a + b, 0);
  const known = (byProfile.student ?? 0) + (byProfile.teacher ?? 0) + (byProfile.relative ?? 0);
  return {
    municipalities: byKind.municipality ?? 0,
    schools: byKind.school ?? 0,
    people,
    pupils: byProfile.student ?? 0,
    teachers: byProfile.teacher ?? 0,
    parents: byProfile.relative ?? 0,
    other_people: people - known,
    classes: Number(classes.n),
    relative_links: await count('relativeLinks'),
    group_members: await count('groupMembers'),
    structure_members: await count('structureMembers'),
    directors: Number(directors.n),
  };
}

/**
 * Gathers planner statistics for the tables of the current PostgreSQL schema. Autovacuum would do
 * it some time after a bulk load (when it is on); until then plans are guessed from empty tables.
 */
export async function analyzePostgres(db: Db): Promise<void> {
  const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema()`.execute(db);
  for (const { tablename } of tables.rows) await sql`analyze ${sql.table(tablename)}`.execute(db);
}

export function writeManifest(dir: string, manifest: DatasetManifest): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

export function readManifest(dir: string): DatasetManifest | null {
  const file = path.join(dir, MANIFEST);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetManifest) : null;
}

// ---------------------------------------------------------------- command line

const USAGE = `Usage: node --import tsx bench/dataset.ts [--schools N] [--pupils N] [--seed N] [--out DIR] [--schema NAME]

Fills a fresh database with a generated département loaded through the ONDE import.
SQLite: DIR/preau.db (DIR defaults to DATA_DIR, then "data").
PostgreSQL: when DATABASE_URL is set, in its default schema or in --schema NAME (created if missing).
Writes DIR/${MANIFEST} with the counts, the import rate and the accounts given the bench password.
`;

async function main(argv: string[]) {
  const a = parseArgs(argv, { schools: 'value', pupils: 'value', seed: 'value', out: 'value', schema: 'value', departement: 'value', help: 'flag' });
  if (a.has('help')) throw new UsageError('');
  const schools = positiveInt('--schools', a.get('schools'), 150);
  const pupils = positiveInt('--pupils', a.get('pupils'), 100_000);
  const seed = positiveInt('--seed', a.get('seed'), 1, 0);
  const departement = a.get('departement') ?? '69';
  if (!/^\d{2}$/.test(departement)) throw new UsageError('--departement must be two digits');
  const out = path.resolve(a.get('out') ?? (process.env.DATA_DIR || 'data'));
  const databaseUrl = process.env.DATABASE_URL || null;
  const schema = a.get('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new UsageError('--schema must be a lower-case SQL identifier');
  if (schema && !databaseUrl) throw new UsageError('--schema needs DATABASE_URL');
  if (databaseUrl && schema) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.end();
  }
  const handle = openDatabase({ databaseUrl, sqliteFile: path.join(out, 'preau.db'), ...(schema ? { pgSchema: schema } : {}) });
  try {
    await migrateToLatest(handle.db, migrations);
    const manifest = await buildDataset(handle.db, { schools, pupils, seed, departement, log: (line) => console.error(line) });
    if (handle.kind === 'postgres') await analyzePostgres(handle.db);
    writeManifest(out, manifest);
    console.log(JSON.stringify({ database: databaseUrl ? `postgres${schema ? ` schema ${schema}` : ''}` : path.join(out, 'preau.db'), ...manifest }, null, 2));
  } finally {
    await handle.close();
  }
}

const invoked = process.argv[1] ? pathToFileURL(fs.realpathSync(process.argv[1])).href : '';
if (invoked === import.meta.url || fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError) {
      if (error.message) console.error(`error: ${error.message}\n`);
      console.error(USAGE);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
