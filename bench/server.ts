// Starting and stopping the servers under test: Préau (child process or in-process) and the floor.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from '../src/kernel/db/index.js';
import type { ServerMode } from './options.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'preau.mjs');

export interface RunningServer {
  url: string;
  /** How the server runs, written into the results. */
  mode: string;
  pid: number;
  /** Resident memory in MiB: the server process, or the whole bench process when in-process. */
  rssMb(): number | null;
  /** Highest resident memory the process reached, in MiB (Linux only). */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

export interface PreauTarget {
  dataDir: string;
  /** PostgreSQL URL, or null for the SQLite file in dataDir. */
  databaseUrl: string | null;
  pgSchema: string | null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** The environment a child server gets: ours without any database or listening settings, then its own. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'PGOPTIONS', 'PORT', 'HOST', 'DATA_DIR', 'PUBLIC_URL', 'PREAU_LOG_LEVEL', 'NODE_ENV']) delete env[key];
  return { ...env, ...extra };
}

async function waitForHttp(url: string, child: ChildProcess, tail: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering:\n${tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer on ${url} within ${timeoutMs / 1000} s:\n${tail()}`);
}

async function spawnServer(mode: string, args: string[], env: Record<string, string>, probePath: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHttp(url + probePath, child, () => output);
  const pid = child.pid!;
  return {
    url,
    mode,
    pid,
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function startFloor(): Promise<RunningServer> {
  return spawnServer('child process (bench/floor.ts)', ['--import', 'tsx', path.join('bench', 'floor.ts')], {}, '/');
}

export function cliAvailable(): boolean {
  return fs.existsSync(CLI);
}

/** Préau on loopback: `preau serve` when the command exists (auto), else bench/serve.ts, or in this process. */
export async function startPreau(mode: ServerMode, target: PreauTarget, database: () => Promise<DbHandle>): Promise<RunningServer> {
  const env: Record<string, string> = { DATA_DIR: target.dataDir, PREAU_LOG_LEVEL: 'warn' };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  // node-postgres reads PGOPTIONS: the server works in the benchmark's schema.
  if (target.pgSchema) env.PGOPTIONS = `-c search_path=${target.pgSchema}`;
  const chosen = mode === 'auto' ? (cliAvailable() ? 'cli' : 'app') : mode;
  if (chosen === 'cli') {
    if (!cliAvailable()) throw new Error('bin/preau.mjs is not there yet: use --server app or --server inprocess');
    return spawnServer('child process (node bin/preau.mjs serve)', [CLI, 'serve'], env, '/api/accounts/me');
  }
  if (chosen === 'app') {
    return spawnServer('child process (bench/serve.ts: buildApp + listen)', ['--import', 'tsx', path.join('bench', 'serve.ts')], env, '/api/accounts/me');
  }
  return startInProcess(target, await database());
}

async function startInProcess(target: PreauTarget, database: DbHandle): Promise<RunningServer> {
  const { buildApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/kernel/config/index.js');
  const config = loadConfig(
    {},
    { rateLimitPerMinute: 0, logLevel: 'warn', dataDir: target.dataDir, databaseUrl: target.databaseUrl, host: '127.0.0.1', port: 0 },
  );
  const app = await buildApp(config, { database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mode: 'in-process (buildApp + listen; memory includes the load generator)',
    pid: process.pid,
    rssMb: () => Math.round(process.memoryUsage().rss / 104_857.6) / 10,
    peakRssMb: () => procStatusMb(process.pid, 'VmHWM'),
    async stop() {
      await app.close();
      await database.close();
    },
  };
}
