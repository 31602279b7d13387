import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config/index.js';
import { openDatabase, type DbHandle } from '../db/index.js';
import { createSession } from '../auth/sessions.js';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { Clock } from '../clock.js';

/**
 * A fresh, real database for one test file: a SQLite file in a temporary folder, or, when
 * PREAU_TEST_DATABASE_URL is set, a new PostgreSQL schema dropped at the end.
 */
export async function testDatabase(): Promise<DbHandle & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-test-'));
  const url = process.env.PREAU_TEST_DATABASE_URL;
  if (!url) {
    const handle = openDatabase({ databaseUrl: null, sqliteFile: path.join(dataDir, 'preau.db') });
    return {
      ...handle,
      dataDir,
      close: async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // Under `npm test` the runner names the schemas and drops them all at the end (see scripts/test.mjs).
  const runPrefix = process.env.PREAU_TEST_SCHEMA_PREFIX;
  const schema = `${runPrefix ?? 't_'}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
  return {
    ...handle,
    dataDir,
    close: async () => {
      await handle.close();
      if (!runPrefix) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
}

/** The real application on a fresh database; `buildApp` is passed in so the kernel never imports the app. */
export async function buildTestApp(
  buildApp: (
    config: Config,
    options: { database: DbHandle; logger: boolean; clock?: Clock; instrument?: (app: FastifyInstance) => void },
  ) => Promise<FastifyInstance>,
  overrides: Partial<Config> = {},
  options: {
    /** Hooks a test adds before the modules register (the route-coverage test tracks routes reached). */
    instrument?: (app: FastifyInstance) => void;
    /** The app's time; the system clock by default. */
    clock?: Clock;
  } = {},
): Promise<TestApp> {
  const { instrument, clock } = options;
  const database = await testDatabase();
  // A test fires hundreds of requests as one person in a second; the rate-limit test turns it on.
  const config = loadConfig({}, { logLevel: 'silent', dataDir: database.dataDir, rateLimitPerMinute: 0, ...overrides });
  const app = await buildApp(config, { database, logger: false, clock, instrument });
  await app.ready();
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  personId: string;
  cookie: string;
  csrf: string;
}

/** Signs a person in without going through the password form (that path has its own tests). */
export async function loginAs(app: FastifyInstance, personId: string, structureId: string | null = null): Promise<Session> {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return { personId, cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `app.inject` as a given person (or nobody), with the CSRF token on unsafe methods. */
export function request(
  app: FastifyInstance,
  session: Session | null,
  method: Method,
  url: string,
  payload?: InjectOptions['payload'],
  extra: Omit<InjectOptions, 'method' | 'url' | 'payload'> = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(extra.headers as Record<string, string>) };
  if (session) {
    headers.cookie = [session.cookie, headers.cookie].filter(Boolean).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] ??= session.csrf;
  }
  return app.inject({ ...extra, method, url, payload, headers });
}

/** Urlencoded form body, as a browser sends it. */
export function form(fields: Record<string, string | string[]>): { payload: string; headers: Record<string, string> } {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
  return { payload: params.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/**
 * The arguments that start the `preau` command in a child process (`spawn(process.execPath,
 * [...preauCommand(), 'migrate'])`). Tests compiled by scripts/test.mjs start the compiled entry
 * beside this file's copy: bin/preau.mjs would compile the sources again through tsx in every
 * child, some twenty seconds each. Under tsx (PREAU_TEST_TSX=1) it is bin/preau.mjs; the
 * command-line test also runs bin/preau.mjs itself.
 */
export function preauCommand(): string[] {
  const compiled = fileURLToPath(new URL('../../main.js', import.meta.url));
  if (fs.existsSync(compiled)) return ['--enable-source-maps', compiled];
  return [fileURLToPath(new URL('../../../bin/preau.mjs', import.meta.url))];
}
