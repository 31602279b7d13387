#!/usr/bin/env node
// `npm test`: every *.test.ts(x) under src/ and test/, through node's test runner with tsx.
// Extra arguments are passed on: a path or part of a path narrows the files (`npm test -- e2e`),
// options go to node (`npm test -- --test-name-pattern=login`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEST_FILE = /\.test\.tsx?$/;

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && TEST_FILE.test(entry.name)) found.push(path.relative(root, full));
  }
  return found;
}

// node options that take their value as the next argument (`--test-name-pattern login`).
const VALUE_OPTIONS = new Set([
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-timeout',
  '--test-concurrency',
]);
const options = [];
const filters = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (!arg.startsWith('-')) filters.push(arg);
  else if (VALUE_OPTIONS.has(arg) && i + 1 < args.length) options.push(arg, args[++i]);
  else options.push(arg);
}
const all = [...findTests(path.join(root, 'src')), ...findTests(path.join(root, 'test'))].sort();
// PREAU_TEST_EXCLUDE=test/e2e/,test/deploy/ leaves out the files whose path holds one of these parts.
const excluded = (process.env.PREAU_TEST_EXCLUDE ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const chosen = filters.length === 0 ? all : all.filter((f) => filters.some((needle) => f.includes(needle.replace(/^\.\//, ''))));
const files = chosen.filter((f) => !excluded.some((part) => f.includes(part)));

const dbUrl = process.env.PREAU_TEST_DATABASE_URL;
console.log(`Préau tests on ${dbUrl ? `PostgreSQL (${dbUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')})` : 'SQLite'}`);
if (files.length === 0) {
  console.error(filters.length ? `No test file matches ${filters.join(', ')}.` : 'No test file found under src/ or test/.');
  process.exit(1);
}
console.log(`${files.length} test file${files.length > 1 ? 's' : ''}\n`);

// A test file that hangs (a promise never settled, a server left open) must fail the run, not
// stall CI: each file gets 5 minutes, and a process still busy after its last test is ended.
// Later options win, so `npm test -- --test-timeout=0` lifts the limit while debugging.
const defaults = ['--test-concurrency=2', '--test-timeout=300000', '--test-force-exit'];

// On PostgreSQL every test file works in its own schema. Dropping a schema while another file's
// migrator introspects the catalogue makes that file fail, so schemas are named after this run and
// dropped together once every file has finished.
const schemaPrefix = dbUrl ? `t${Date.now().toString(36)}_` : null;
const env = schemaPrefix ? { ...process.env, PREAU_TEST_SCHEMA_PREFIX: schemaPrefix } : process.env;

async function dropRunSchemas() {
  if (!schemaPrefix) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: dbUrl });
  try {
    await client.connect();
    const { rows } = await client.query('select nspname from pg_namespace where starts_with(nspname, $1)', [schemaPrefix]);
    for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
  } catch (error) {
    console.error(`Could not drop this run's test schemas (${schemaPrefix}*): ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

// Every test file runs in its own process, and each would transpile the application's thousand
// modules again through tsx. They are compiled once instead, with esbuild, into a copy of the
// project where everything else (sources, fixtures, public/, node_modules, package.json) is a
// symbolic link, so paths computed from a module's own place still land on the real files. It
// divides the time a test file takes to start by about three. PREAU_TEST_TSX=1 runs the sources
// through tsx as before.
const COMPILED = /\.tsx?$/;
async function compileProject() {
  const { build } = await import('esbuild');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-tests-'));
  const sources = [];
  // A folder without TypeScript (fixtures) is linked whole, so that listing it finds files, not links.
  const holdsTypeScript = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? holdsTypeScript(path.join(dir, e.name)) : COMPILED.test(e.name)));
  const mirror = (dir) => {
    fs.mkdirSync(path.join(out, dir), { recursive: true });
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      const inSources = ['src', 'test', 'bench'].includes(rel.split(path.sep)[0]);
      if (entry.isDirectory() && inSources && entry.name !== 'node_modules' && holdsTypeScript(path.join(root, rel))) mirror(rel);
      else {
        fs.symlinkSync(path.join(root, rel), path.join(out, rel));
        if (entry.isFile() && COMPILED.test(entry.name) && !entry.name.endsWith('.d.ts')) sources.push(path.join(root, rel));
      }
    }
  };
  mirror('.');
  await build({
    entryPoints: sources,
    outdir: out,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'error',
  });
  return out;
}

const useTsx = process.env.PREAU_TEST_TSX === '1';
const started = Date.now();
const compiled = useTsx ? null : await compileProject();
if (compiled) console.log(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const runFiles = compiled ? files.map((f) => path.join(compiled, f.replace(COMPILED, '.js'))) : files;
const loader = compiled ? ['--enable-source-maps'] : ['--import', 'tsx'];

// PREAU_TEST_TIMINGS=timings.txt: each file writes there how long its process took (scripts/test-timing.mjs).
const timing = process.env.PREAU_TEST_TIMINGS ? ['--import', pathToFileURL(path.join(root, 'scripts/test-timing.mjs')).href] : [];
const child = spawn(process.execPath, [...loader, ...timing, '--test', ...defaults, ...options, ...runFiles], {
  cwd: compiled ?? root,
  stdio: 'inherit',
  // Processes the tests start with tsx (the benchmark's servers) find the project's tsconfig
  // (JSX for Preact) from the copy's folder only through this.
  env: { ...env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code, signal) => {
  await dropRunSchemas();
  if (compiled) fs.rmSync(compiled, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
