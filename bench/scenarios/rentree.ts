// The rentrée morning: families and pupils sign in for the first time (activation code, new
// password and charter in one call, then their home page) while parents who already have an
// account use Préau as on any day. Reports the sustained activations per second and per core, the
// errors (there must be none) and the ordinary home page's latency during the peak.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DbHandle } from '../../src/kernel/db/index.js';
import { ARGON2_OPTIONS } from '../../src/kernel/auth/password.js';
import { runScenario, type ScenarioResult } from '../load.js';
import { anonymousCsrf, SESSION_COOKIE, type BenchSession } from '../sessions.js';

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface RentreeContext {
  baseUrl: string;
  connections: number;
  duration: number;
  log: (line: string) => void;
  quick: boolean;
  openHandle: () => DbHandle;
  parents: BenchSession[];
}

export const RENTREE_SCENARIOS = ['rentree_home'] as const;

/** People with an activation code who never signed in: the families of the rentrée. */
async function pendingAccounts(handle: DbHandle, limit: number) {
  return handle.db
    .selectFrom('people')
    .select(['login', 'activationCode'])
    .where('activatedAt', 'is', null)
    .where('activationCode', 'is not', null)
    .where('status', '=', 'active')
    .where('profile', 'in', ['student', 'relative'])
    .orderBy('login')
    .limit(limit)
    .execute();
}

/** One first login as a browser does it: the CSRF pair, the activation call, then the home page. */
async function firstLogin(baseUrl: string, login: string, code: string): Promise<'ok' | string> {
  const csrf = await anonymousCsrf(baseUrl);
  const activated = await fetch(`${baseUrl}/api/accounts/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf.token, cookie: csrf.cookie },
    // A password the policy accepts: long, not common, none of the person's names.
    body: JSON.stringify({ login, code, password: `Cartable-${randomBytes(6).toString('hex')}-Tournesol`, acceptCharter: true }),
  });
  const text = await activated.text();
  if (activated.status !== 200) return `activate ${activated.status} ${text.slice(0, 120)}`;
  const session = activated.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!session) return 'activate set no session cookie';
  const home = await fetch(`${baseUrl}/`, { headers: { cookie: session, accept: 'text/html' } });
  await home.arrayBuffer();
  return home.status === 200 ? 'ok' : `home ${home.status}`;
}

export async function runRentreeBench(ctx: RentreeContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const handle = ctx.openHandle();
  // Enough for the run at several hundred activations a second; each is used once.
  const pending = await pendingAccounts(handle, ctx.quick ? 2_000 : 20_000).finally(() => handle.close());
  if (pending.length === 0 || ctx.parents.length === 0) {
    return { results: [], notes: ['Rentrée: no account left to activate (a reused dataset has them activated already): rebuild the dataset.'] };
  }
  const cores = os.cpus().length;
  // People arriving at once: twice the cores keeps every core busy hashing without only measuring a queue.
  const workers = Math.max(2, cores * 2);
  ctx.log(`[rentree] ${pending.length} accounts to activate, ${workers} at a time, with ${ctx.connections} connections of ordinary traffic`);
  let next = 0;
  let activated = 0;
  const errors: string[] = [];
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + ctx.duration * 1000;
  const worker = async () => {
    while (performance.now() < deadline && next < pending.length) {
      const person = pending[next++]!;
      const t0 = performance.now();
      try {
        const outcome = await firstLogin(ctx.baseUrl, person.login, person.activationCode!);
        if (outcome === 'ok') {
          activated += 1;
          latencies.push(performance.now() - t0);
        } else errors.push(outcome);
      } catch (error) {
        errors.push(String(error));
      }
    }
  };
  const requests = ctx.parents.map((s) => ({ method: 'GET', path: '/', headers: { cookie: s.cookie, accept: 'text/html' } }));
  const [home] = await Promise.all([
    runScenario(
      {
        name: 'rentree_home',
        baseUrl: ctx.baseUrl,
        requests,
        connections: ctx.connections,
        duration: ctx.duration,
        warmup: 0,
        note: `GET / as ${ctx.parents.length} parents while ${workers} first logins at a time run (activation, password, charter, home)`,
      },
      ctx.log,
    ),
    Promise.all(Array.from({ length: workers }, worker)),
  ]);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]! : 0;
  const perS = activated / seconds;
  const distinct = [...new Set(errors)].slice(0, 3).join(' | ');
  return {
    results: [home],
    notes: [
      `Rentrée: ${activated} first logins in ${round(seconds, 1)} s = **${round(perS, 1)} activations/s** (${round(perS / cores, 1)} per core on ${cores}), ` +
        `${errors.length} errors${errors.length ? ` (${distinct})` : ''}; a first login (code, password, charter, home) p99 ${round(p99)} ms; ` +
        `the ordinary home page meanwhile: p99 ${home.p99_ms} ms. Passwords hashed with argon2id, ${ARGON2_OPTIONS.memoryCost / 1024} MiB, ${ARGON2_OPTIONS.timeCost} passes, ${ARGON2_OPTIONS.parallelism} lane.`,
    ],
  };
}
