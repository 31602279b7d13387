// Signing the bench accounts in over HTTP, the way a browser does, and keeping their cookies.
import type { Db } from '../src/kernel/db/index.js';
import { createSession } from '../src/kernel/auth/sessions.js';

export const SESSION_COOKIE = 'preau_session';
export const CSRF_COOKIE = 'preau_csrf';

export interface AnonymousCsrf {
  /** `preau_csrf=…`, to send back as a cookie. */
  cookie: string;
  token: string;
}

export interface BenchSession {
  login: string;
  /** `preau_session=…` */
  cookie: string;
  via: 'login route' | 'createSession';
}

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0]!;
    const eq = pair.indexOf('=');
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** The pre-login CSRF pair: GET /api/accounts/me sets the cookie and, when the route exists, returns the token. */
export async function anonymousCsrf(baseUrl: string): Promise<AnonymousCsrf> {
  const res = await fetch(`${baseUrl}/api/accounts/me`, { headers: { accept: 'application/json' } });
  const cookie = cookiesOf(res).get(CSRF_COOKIE);
  let token: string | undefined;
  try {
    const body = (await res.json()) as { csrfToken?: unknown } | null;
    if (body && typeof body.csrfToken === 'string') token = body.csrfToken;
  } catch {
    // Not JSON: the cookie value is the token (double-submit).
  }
  token ??= cookie;
  if (!cookie || !token) throw new Error(`GET /api/accounts/me set no ${CSRF_COOKIE} cookie (status ${res.status})`);
  return { cookie: `${CSRF_COOKIE}=${cookie}`, token };
}

export function loginRequest(csrf: AnonymousCsrf, login: string, password: string) {
  return {
    method: 'POST',
    path: '/api/accounts/login',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf.token, cookie: csrf.cookie },
    body: JSON.stringify({ login, password }),
  };
}

export class LoginRouteMissing extends Error {}

/** One real login through POST /api/accounts/login; the session cookie it sets. */
export async function loginOverHttp(baseUrl: string, login: string, password: string): Promise<BenchSession> {
  const csrf = await anonymousCsrf(baseUrl);
  const req = loginRequest(csrf, login, password);
  const res = await fetch(baseUrl + req.path, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' });
  const text = await res.text();
  if (res.status === 404) throw new LoginRouteMissing();
  const session = cookiesOf(res).get(SESSION_COOKIE);
  if (res.status >= 300 || !session) throw new Error(`login of ${login} failed: ${res.status} ${text.slice(0, 300)}`);
  return { login, cookie: `${SESSION_COOKIE}=${session}`, via: 'login route' };
}

/** Stand-in while the accounts routes are not there: a session row written directly. */
export async function sessionWithoutRoute(db: Db, login: string): Promise<BenchSession> {
  const person = await db.selectFrom('people').select('id').where('login', '=', login).executeTakeFirstOrThrow();
  const { token } = await createSession(db, person.id, null, { idleMinutes: 120, absoluteMinutes: 720 });
  return { login, cookie: `${SESSION_COOKIE}=${token}`, via: 'createSession' };
}
