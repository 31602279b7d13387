// Command-line flags of the benchmark and of the dataset generator.

export type DbChoice = 'sqlite' | 'postgres';
export type ServerMode = 'auto' | 'cli' | 'app' | 'inprocess';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchOptions {
  quick: boolean;
  schools: number;
  pupils: number;
  seed: number;
  db: DbChoice;
  databaseUrl: string;
  /** Seconds of measurement per scenario (login has its own, see below). */
  duration: number;
  /** Seconds of unmeasured load before each scenario. */
  warmup: number;
  connections: number;
  /** Logins hash a password each (argon2id): fewer connections, so latency is not just queueing. */
  loginConnections: number;
  loginDuration: number;
  server: ServerMode;
  /** SQLite data folder to keep; reused when it already holds a benchmark dataset. */
  data: string | null;
  /** Keep the temporary data folder or PostgreSQL schema instead of removing it. */
  keep: boolean;
  /** PostgreSQL: gather planner statistics after the import (autovacuum's job on a live server). */
  analyze: boolean;
  /** Scenarios to run (all when null). */
  only: string[] | null;
  resultsDir: string | null;
  /** An earlier results file to compare this run with. */
  compare: string | null;
}

export class UsageError extends Error {}

type Spec = Record<string, 'flag' | 'value'>;

/** `--name value`, `--name=value` and bare `--flag`; unknown names are an error. */
export function parseArgs(argv: string[], spec: Spec): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown flag --${name}`);
    if (kind === 'flag') {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      out.set(name, 'true');
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    out.set(name, value);
  }
  return out;
}

export function positiveInt(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined || raw === '') return fallback;
  const cleaned = raw.replace(/[_\s]/g, '');
  if (!/^\d+$/.test(cleaned) || Number(cleaned) < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return Number(cleaned);
}

function choice<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export const SCENARIOS = ['floor', 'login', 'home', 'directory_search'] as const;
/** The modules' groups of scenarios, each selectable by its name with `--only`. */
export const GROUPS = [
  'homework',
  'messaging',
  'timetable',
  'documents',
  'jobs',
  'aaf',
  'liaison',
  'forum',
  'family',
  'rentree',
  'blog',
  'news',
  'attendance',
  'assessment',
  'canteen',
  'billing',
  'equipment',
  'privacy',
  'steering',
  'resources',
] as const;
const SELECTABLE: readonly string[] = [...SCENARIOS, ...GROUPS];

export const BENCH_USAGE = `Usage: npm run bench -- [flags]

  --quick                 small dataset (3 schools, 750 pupils) and 3-second scenarios
  --schools N             schools in the département (default 150; env BENCH_SCHOOLS)
  --pupils N              pupils over all schools (default 100000; env BENCH_PUPILS)
  --seed N                dataset seed (default 1)
  --db sqlite|postgres    database engine (default sqlite; env BENCH_DB). PostgreSQL uses
                          DATABASE_URL or ${DEFAULT_PG_URL}, in a fresh schema
  --duration S            seconds per scenario (default 10, quick 3)
  --warmup S              unmeasured seconds before each scenario (default 2, quick 1)
  --connections N         concurrent connections (default 10)
  --login-connections N   connections for the login scenario (default 4)
  --login-duration S      seconds for the login scenario (default: --duration)
  --server MODE           auto | cli (bin/preau.mjs serve) | app (bench/serve.ts child) | inprocess
  --data DIR              SQLite data folder to keep and reuse across runs
  --keep                  keep the temporary data folder / PostgreSQL schema
  --no-analyze            PostgreSQL: skip ANALYZE after the import (see what plans look like
                          before autovacuum has gathered statistics)
  --only a,b              run only these scenarios (${SCENARIOS.join(', ')})
                          or modules' groups (${GROUPS.join(', ')})
  --results DIR           where to write <date>.json and <date>.md (default bench/results)
  --compare OLD.json      print the change per scenario against an earlier results file
`;

export function benchOptions(argv: string[], env: Record<string, string | undefined> = process.env): BenchOptions {
  const a = parseArgs(argv, {
    quick: 'flag',
    schools: 'value',
    pupils: 'value',
    seed: 'value',
    db: 'value',
    duration: 'value',
    warmup: 'value',
    connections: 'value',
    'login-connections': 'value',
    'login-duration': 'value',
    server: 'value',
    data: 'value',
    keep: 'flag',
    only: 'value',
    results: 'value',
    compare: 'value',
    help: 'flag',
    'no-analyze': 'flag',
  });
  if (a.has('help')) throw new UsageError('');
  const quick = a.has('quick');
  const duration = positiveInt('--duration', a.get('duration'), quick ? 3 : 10);
  const only =
    a
      .get('only')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  for (const name of only ?? []) {
    if (!SELECTABLE.includes(name)) throw new UsageError(`unknown scenario "${name}" (${SELECTABLE.join(', ')})`);
  }
  const db = choice('--db', a.get('db') ?? env.BENCH_DB, ['sqlite', 'postgres'] as const, 'sqlite');
  return {
    quick,
    schools: positiveInt('--schools', a.get('schools') ?? (quick ? undefined : env.BENCH_SCHOOLS), quick ? 3 : 150),
    pupils: positiveInt('--pupils', a.get('pupils') ?? (quick ? undefined : env.BENCH_PUPILS), quick ? 750 : 100_000),
    seed: positiveInt('--seed', a.get('seed'), 1, 0),
    db,
    databaseUrl: env.DATABASE_URL || DEFAULT_PG_URL,
    duration,
    warmup: positiveInt('--warmup', a.get('warmup'), quick ? 1 : 2, 0),
    connections: positiveInt('--connections', a.get('connections'), 10),
    loginConnections: positiveInt('--login-connections', a.get('login-connections'), 4),
    loginDuration: positiveInt('--login-duration', a.get('login-duration'), duration),
    server: choice('--server', a.get('server'), ['auto', 'cli', 'app', 'inprocess'] as const, 'auto'),
    data: a.get('data') ?? null,
    keep: a.has('keep'),
    analyze: !a.has('no-analyze'),
    only,
    resultsDir: a.get('results') ?? null,
    compare: a.get('compare') ?? null,
  };
}
