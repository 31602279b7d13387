/**
 * A région's deployment, for real: three Préau processes (`preau serve`) behind HAProxy from
 * Debian's packages, on the machine's PostgreSQL (one schema), an S3 server (s3rver), Redis and an
 * SMTP server, all on loopback. It runs in the PostgreSQL pass of the suite (SQLite is one
 * process's file: several instances need PostgreSQL).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { migrations } from '../../src/app.js';
import { hashPassword } from '../../src/kernel/auth/password.js';
import { migrateToLatest, openDatabase, type DbHandle } from '../../src/kernel/db/index.js';
import { startSmtp } from '../../src/kernel/mail/testing.js';
import { systemClock } from '../../src/kernel/clock.js';
import { loadActor, schoolYearOf } from '../../src/modules/directory/index.js';
import { setPreferences, setQuietHours } from '../../src/modules/messaging/admin.js';
import { buildWorld, type World } from '../../src/modules/directory/testing.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PG_URL = process.env.PREAU_TEST_DATABASE_URL;
const HAPROXY = '/usr/sbin/haproxy';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PASSWORD = 'quatre chats gris dansent';

// Where HAProxy is missing outside CI the test says so; in CI (.ci/run installs it) it must run.
const skip = !PG_URL
  ? 'needs PostgreSQL: runs in the PostgreSQL pass'
  : !fs.existsSync(HAPROXY) && !process.env.CI
    ? 'needs HAProxy (apt-get install haproxy)'
    : false;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

interface Instance {
  name: string;
  port: number;
  process: ChildProcess;
  output: string[];
}

/** A browser's state against the balancer: its cookies and the session's CSRF token. */
class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json');
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.csrf && init.method && init.method !== 'GET') headers.set('x-csrf-token', this.csrf);
    const res = await fetch(this.base + url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';', 1);
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  async json(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: Record<string, unknown>; server: string | null }> {
    const res = await this.fetch(url, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, server: res.headers.get('x-served-by') };
  }

  async signIn(login: string, password: string): Promise<number> {
    const me = await this.json('/api/accounts/me');
    this.csrf = String(me.body.csrfToken ?? '');
    const res = await this.json('/api/accounts/login', 'POST', { login, password });
    if (res.status === 200) this.csrf = String((await this.json('/api/accounts/me')).body.csrfToken ?? '');
    return res.status;
  }
}

describe('three instances behind a load balancer, on shared PostgreSQL, S3, Redis and SMTP', { skip }, () => {
  const prefix = `${process.env.PREAU_TEST_SCHEMA_PREFIX ?? 't_'}deploy_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const redisPrefix = `preau-test:${prefix}:`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-deploy-'));
  const instances: Instance[] = [];
  let haproxy: ChildProcess | null = null;
  let s3: { run(): Promise<{ port: number }>; close(): Promise<void> } | null = null;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let handle: DbHandle;
  let w: World;
  let lb = '';

  const admin = async <T>(run: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    assert.ok(fs.existsSync(HAPROXY), `HAProxy is installed at ${HAPROXY}`);
    await admin((c) => c.query(`CREATE SCHEMA ${prefix}`));
    handle = openDatabase({ databaseUrl: PG_URL!, pgSchema: prefix, pgPoolSize: 4 });
    await migrateToLatest(handle.db, migrations, prefix);
    w = await buildWorld(handle.db);
    const year = schoolYearOf(new Date());
    await handle.db.updateTable('groups').set({ schoolYear: year }).execute();
    const hash = await hashPassword(PASSWORD);
    await handle.db.updateTable('people').set({ passwordHash: hash }).execute();
    await handle.db.updateTable('people').set({ email: 'marc@example.org' }).where('id', '=', w.ce1aParent.id).execute();
    // Notices go at once whatever the hour: no quiet hours in this school.
    const deps = { db: handle.db, clock: systemClock };
    const director = (await loadActor(handle.db, w.director.id, w.schoolA.id))!;
    await setQuietHours(deps, director, w.schoolA.id, { quietStart: '00:00', quietEnd: '00:00', quietWeekends: false });
    await setPreferences(deps, (await loadActor(handle.db, w.ce1aParent.id, null))!, 'immediate');

    const moduleName = 's3rver';
    const { default: S3rver } = (await import(moduleName)) as { default: new (options: object) => NonNullable<typeof s3> };
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'preau' }] });
    const s3Port = (await s3.run()).port;
    smtp = await startSmtp();

    const lbPort = await freePort();
    lb = `http://127.0.0.1:${lbPort}`;
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      DATABASE_URL: PG_URL!,
      DATABASE_SCHEMA: prefix,
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      STORAGE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_BUCKET: 'preau',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      SMTP_URL: smtp.url,
      PUBLIC_URL: lb,
      TRUST_PROXY: 'true',
      PREAU_LOG_LEVEL: 'warn',
      DATA_DIR: path.join(tmp, 'data'),
      TZ: 'UTC',
    };
    for (const name of ['a', 'b', 'c']) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/preau.mjs'), 'serve'], {
        env: { ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output: string[] = [];
      child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      instances.push({ name, port, process: child, output });
    }
    for (const i of instances) {
      await until(`instance ${i.name} to answer /healthz`, async () => (await fetch(`http://127.0.0.1:${i.port}/healthz`)).status === 200, 120_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${i.output.join('')}`);
        },
      );
    }
    const cfg = [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      // A request whose connection could not be made goes to another server: nothing was sent yet.
      '  retries 3',
      '  option redispatch',
      '  retry-on conn-failure empty-response',
      'frontend preau',
      `  bind 127.0.0.1:${lbPort}`,
      '  option forwardfor',
      '  default_backend instances',
      'backend instances',
      '  balance roundrobin',
      '  option httpchk GET /healthz',
      '  http-check expect status 200',
      '  default-server inter 250ms fall 2 rise 2',
      ...instances.map((i) => `  server ${i.name} 127.0.0.1:${i.port} check`),
      '  http-response set-header X-Served-By %[srv_name]',
    ].join('\n');
    fs.writeFileSync(path.join(tmp, 'haproxy.cfg'), cfg + '\n');
    const lbOutput: string[] = [];
    haproxy = spawn(HAPROXY, ['-db', '-f', path.join(tmp, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    haproxy.stderr!.on('data', (d: Buffer) => lbOutput.push(d.toString()));
    await until('HAProxy to serve', async () => (await fetch(`${lb}/healthz`)).status === 200, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${lbOutput.join('')}`);
    });
  });

  after(async () => {
    haproxy?.kill('SIGKILL');
    for (const i of instances) i.process.kill('SIGKILL');
    await s3?.close();
    await smtp?.close();
    await handle?.close();
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${prefix} CASCADE`)).catch(() => undefined);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a person signed in through one instance goes on through the others', async () => {
    const teacher = new Client(lb);
    assert.equal(await teacher.signIn(w.ce1Teacher.login, PASSWORD), 200);
    const servers = new Set<string>();
    for (let i = 0; i < 9; i++) {
      const me = await teacher.json('/api/accounts/me');
      assert.equal(me.status, 200);
      assert.equal((me.body.actor as { personId?: string } | null)?.personId, w.ce1Teacher.id, 'signed in on every instance');
      if (me.server) servers.add(me.server);
    }
    assert.deepEqual([...servers].sort(), ['a', 'b', 'c'], 'the balancer spread the requests over the three instances');
  });

  test('sign-in throttles count across instances', async () => {
    const guesser = new Client(lb);
    await guesser.json('/api/accounts/me');
    guesser.csrf = String((await guesser.json('/api/accounts/me')).body.csrfToken ?? '');
    const servers = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await guesser.json('/api/accounts/login', 'POST', { login: w.cm2Teacher.login, password: `essai ${i}` });
      assert.equal(res.status, 401, 'a wrong password');
      if (res.server) servers.add(res.server);
    }
    assert.ok(servers.size >= 2, `the failures landed on several instances (${[...servers].join(', ')})`);
    for (let i = 0; i < 3; i++) {
      const blocked = await guesser.json('/api/accounts/login', 'POST', { login: w.cm2Teacher.login, password: PASSWORD });
      assert.equal(blocked.status, 429, `refused on instance ${blocked.server}, whichever it is`);
    }
  });

  test('a file uploaded through one instance downloads through another (object storage)', async () => {
    const [first, second] = [instances[0]!, instances[1]!];
    const onFirst = new Client(`http://127.0.0.1:${first.port}`);
    assert.equal(await onFirst.signIn(w.ce1Teacher.login, PASSWORD), 200);
    const content = Buffer.from(`%PDF-1.4\n${'Fiche de lecture — '.repeat(2000)}\n%%EOF\n`);
    const form = new FormData();
    form.append('_csrf', onFirst.csrf);
    form.append('files', new Blob([content], { type: 'application/pdf' }), 'fiche.pdf');
    const uploaded = await onFirst.fetch('/api/documents/files', { method: 'POST', body: form });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const id = ((await uploaded.json()) as { items: { id: string }[] }).items[0]!.id;
    const onSecond = new Client(`http://127.0.0.1:${second.port}`);
    onSecond.cookies = new Map(onFirst.cookies);
    const downloaded = await onSecond.fetch(`/api/documents/nodes/${id}/content`);
    assert.equal(downloaded.status, 200);
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), content);
  });

  test('each e-mail notice is sent once, though every instance runs the jobs', async () => {
    const teacher = new Client(lb);
    assert.equal(await teacher.signIn(w.ce1Teacher.login, PASSWORD), 200);
    const sent = await teacher.json('/api/messaging/messages', 'POST', {
      to: [`person:${w.ce1aParent.id}`],
      subject: 'Sortie au musée jeudi',
      body: 'Prévoir un pique-nique.',
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const toMarc = () => smtp.received.filter((m) => m.to.includes('marc@example.org') && m.raw.includes('Sortie au mus'));
    await until('the notice e-mail', async () => toMarc().length > 0, 30_000);
    // Every instance polls every second: give them time to send it twice, were they to.
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(toMarc().length, 1, 'one e-mail, not one per instance');
  });

  test('an instance killed during a burst of writes loses no acknowledged write; no error once the balancer noticed', async () => {
    const teacher = new Client(lb);
    assert.equal(await teacher.signIn(w.ce1Teacher.login, PASSWORD), 200);
    const acknowledged: string[] = [];
    const failures: { at: number; status: number }[] = [];
    let killedAt = 0;
    let next = 0;
    const TOTAL = 120;
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        if (n === 30) {
          killedAt = Date.now();
          instances[2]!.process.kill('SIGKILL');
        }
        const started = Date.now();
        try {
          const res = await teacher.json('/api/documents/folders', 'POST', { name: `Dossier ${n}` });
          if (res.status === 201 || res.status === 200) acknowledged.push(String(res.body.id ?? (res.body.item as { id?: string } | undefined)?.id));
          else failures.push({ at: started, status: res.status });
        } catch {
          failures.push({ at: started, status: 0 });
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.ok(killedAt > 0, 'the instance was killed during the burst');
    assert.ok(acknowledged.length >= TOTAL - 12, `most writes were acknowledged (${acknowledged.length} of ${TOTAL})`);
    // HAProxy takes an instance out after two failed checks 250 ms apart: allow a second and a half.
    const late = failures.filter((f) => f.at > killedAt + 1_500);
    assert.deepEqual(late, [], 'no error once the balancer has taken the instance out');
    const stored = await handle.db.selectFrom('documentNodes').select('id').where('id', 'in', acknowledged).execute();
    assert.equal(stored.length, acknowledged.length, 'every acknowledged folder is in the database');
  });
});
