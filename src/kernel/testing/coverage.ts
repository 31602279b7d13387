import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { request, type Session } from './index.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One request the route-coverage test makes, as data: who asks, what they send, what must come
 * back and what the body must not hold. `route` names the pattern the case covers
 * (`GET /api/homework/lessons/:id`); the runner checks that the URL really reaches that route.
 */
export interface RouteCase {
  route: string;
  /** The concrete URL; defaults to the route's path when it has no parameters. */
  url?: string;
  /** `wrong-person`: someone who must not read or change the thing; `public`: a stranger on a public route. */
  kind: 'wrong-person' | 'public';
  /** Who asks (null: nobody signed in; only for `public`). */
  as: Session | null;
  /** JSON body, or a urlencoded form with `form`. */
  payload?: unknown;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** Accepted statuses: a wrong person gets 403 or 404 (a page may also redirect). */
  expect: number | number[];
  /** Values that must not appear in the body: the other person's names, the thing's content. */
  absent?: string[];
  /** Why this is the wrong person, shown when the case fails. */
  note?: string;
}

export interface CoverageReport {
  routes: string[];
  missing: string[];
}

const routeKey = (method: string, url: string) => `${method} ${url}`;

function paramPlaceholder(name: string): string {
  return /id$/i.test(name) || name === 'id' ? '00000000-0000-4000-8000-000000000000' : 'x';
}

/** The route's path with every `:param` (and `*`) filled, for requests that never reach a handler. */
export function fillParams(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => paramPlaceholder(name)).replace(/\*$/, 'x');
}

/** Runs one case and checks status, absence of values, and the route it reached. */
export async function runCase(app: FastifyInstance, c: RouteCase, reached: Map<string, string>): Promise<LightMyRequestResponse> {
  const [method, pattern] = c.route.split(' ') as [Method, string];
  const url = c.url ?? pattern;
  const tag = `${Math.random().toString(36).slice(2)}`;
  const headers: Record<string, string> = { ...c.headers, 'x-coverage-case': tag };
  let payload: unknown = c.payload;
  if (c.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(c.form)) for (const value of [v].flat()) params.append(k, value);
    if (c.as && method !== 'GET') params.set('_csrf', c.as.csrf);
    payload = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await request(app, c.as, method, url, payload as never, { headers });
  const label = `${c.kind} ${c.route} (${url})${c.note ? ` — ${c.note}` : ''}`;
  assert.equal(reached.get(tag), c.route, `${label}: the request reached ${reached.get(tag) ?? 'no route'}`);
  const expected = [c.expect].flat();
  assert.ok(expected.includes(res.statusCode), `${label}: status ${res.statusCode}, expected ${expected.join(' or ')}; body: ${res.body.slice(0, 300)}`);
  for (const value of c.absent ?? []) {
    assert.ok(value.length >= 3, `${label}: absent value "${value}" is too short to prove anything`);
    assert.ok(!res.body.includes(value), `${label}: the body shows "${value}"`);
  }
  return res;
}

/**
 * Records which route each tagged request reached, so a case whose URL misses its route (a typo,
 * a changed path) fails instead of passing on a 404 from nowhere.
 */
export function trackReachedRoutes(app: FastifyInstance): Map<string, string> {
  const reached = new Map<string, string>();
  app.addHook('onRequest', async (req) => {
    const tag = req.headers['x-coverage-case'];
    if (typeof tag === 'string') reached.set(tag, routeKey(req.method, req.routeOptions.url ?? '(none)'));
  });
  return reached;
}

/**
 * Every route of the app and what it lacks: a route outside the route kit, a public route with no
 * `public` case, a person's route with no `wrong-person` case (unless it is `personal`).
 */
export function coverageOf(app: FastifyInstance, cases: RouteCase[]): CoverageReport {
  const covered = new Map<string, Set<RouteCase['kind']>>();
  for (const c of cases) {
    const kinds = covered.get(c.route) ?? new Set();
    kinds.add(c.kind);
    covered.set(c.route, kinds);
  }
  const missing: string[] = [];
  const routes: string[] = [];
  for (const r of app.routeTable) {
    const key = routeKey(r.method, r.url);
    routes.push(key);
    const access = r.options.config?.access;
    const kinds = covered.get(key) ?? new Set();
    if (!access) missing.push(`${key}: registered outside the route kit (authenticated or publicRoutes)`);
    else if (access === 'public' && !kinds.has('public') && !r.url.startsWith('/static/')) missing.push(`${key}: public route without a public case`);
    else if (access === 'person' && !r.options.config?.personal && !kinds.has('wrong-person')) missing.push(`${key}: no wrong-person case`);
  }
  for (const key of covered.keys()) {
    if (!routes.includes(key)) missing.push(`${key}: a case names a route that does not exist`);
  }
  return { routes, missing };
}

/**
 * The no-session case every person's route gets, derived from the route table so it cannot be
 * forgotten: the API answers 401 with the error envelope, pages send to the login page.
 */
export async function checkNoSession(app: FastifyInstance, reached: Map<string, string>): Promise<number> {
  let count = 0;
  for (const r of app.routeTable) {
    if (r.options.config?.access !== 'person') continue;
    const route = routeKey(r.method, r.url);
    const url = fillParams(r.url);
    const tag = `${Math.random().toString(36).slice(2)}`;
    const res = await app.inject({ method: r.method as Method, url, headers: { 'x-coverage-case': tag } });
    assert.equal(reached.get(tag), route, `no-session ${route}: the request reached ${reached.get(tag) ?? 'no route'}`);
    if (r.url.startsWith('/api/')) {
      assert.equal(res.statusCode, 401, `no-session ${route}: status ${res.statusCode}; body: ${res.body.slice(0, 200)}`);
      assert.equal(res.json().error?.code, 'unauthenticated', `no-session ${route}: error envelope`);
    } else {
      assert.equal(res.statusCode, 303, `no-session ${route}: status ${res.statusCode}`);
      assert.match(String(res.headers.location), /^\/login\?next=/, `no-session ${route}: sent to the login page`);
    }
    count++;
  }
  return count;
}
