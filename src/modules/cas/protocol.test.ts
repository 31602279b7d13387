import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { buildCasService, startPartner, type Partner } from './testing.js';

/**
 * The CAS protocol over real HTTP: Préau listens on loopback, a partner protected by the npm
 * library `http-cas-client` validates the tickets against it, and a small cookie-keeping agent
 * plays the browser (the browser test does the same in Chromium).
 */
const PASSWORD = 'cartable-vert-sous-le-préau';
const clock = new TestClock(new Date());
let t: TestApp;
let base = '';
let partner: Partner;
let trustedPartner: Partner;
let pupil: { id: string; login: string };
let cookie = '';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const school = await buildSchool(t.app.db, { name: 'École Jean-Zay', uai: '0610042K' });
  pupil = await buildPerson(t.app.db, {
    profile: 'student',
    firstName: 'Lina',
    lastName: 'Moreau',
    structureId: school.id,
    email: 'lina@example.org',
    password: PASSWORD,
  });
  await buildClass(t.app.db, school.id, { name: 'CM1 B', level: 'CM1', schoolYear: schoolYearOf(clock.now()), students: [pupil.id] });
  partner = await startPartner(base);
  trustedPartner = await startPartner(base, { cas: 2 });
  await buildCasService(t.app, { name: 'Atelier de lecture', urlPattern: `${partner.url}/` });
  await buildCasService(t.app, { name: 'Cantine en ligne', urlPattern: `${trustedPartner.url}/*`, trusted: true, proxy: true });
  cookie = (await loginAs(t.app, pupil.id)).cookie;
});
after(async () => {
  await partner?.close();
  await trustedPartner?.close();
  await t?.close();
});

/** A browser's cookie jar per origin, and one request without following redirects. */
class Agent {
  jar = new Map<string, Map<string, string>>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value.join('=') === '') cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
    this.jar.set(origin, cookies);
    return res;
  }
  /** Follows redirects (and Préau's continue page) until a page that is neither. */
  async visit(url: string, max = 10): Promise<{ res: Response; body: string; url: string; hops: string[] }> {
    const hops: string[] = [];
    let current = url;
    for (let i = 0; i < max; i++) {
      const res = await this.get(current);
      const location = res.headers.get('location');
      if (location) {
        current = new URL(location, current).href;
        hops.push(current);
        continue;
      }
      const body = await res.text();
      const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(body);
      if (!refresh) return { res, body, url: current, hops };
      current = refresh[1]!.replace(/&amp;/g, '&');
      hops.push(current);
    }
    throw new Error(`too many hops from ${url}`);
  }
}

function signedInAgent(): Agent {
  const agent = new Agent();
  const [name, value] = cookie.split('=');
  agent.jar.set(base, new Map([[name!, value!]]));
  return agent;
}

/** The ticket Préau hands out for `service`, taken from its redirect. */
async function ticketFor(agent: Agent, service: string, extra = ''): Promise<string> {
  const res = await agent.get(`${base}/cas/login?service=${encodeURIComponent(service)}${extra}`);
  assert.equal(res.status, 302, `a signed-in person is sent straight back: ${res.status}`);
  const location = new URL(res.headers.get('location')!);
  const ticket = location.searchParams.get('ticket');
  assert.ok(ticket && ticket.startsWith('ST-'), `a service ticket in ${location.href}`);
  return ticket;
}

const validate = (path: string, ticket: string, service: string, extra = '') =>
  fetch(`${base}${path}?ticket=${encodeURIComponent(ticket)}&service=${encodeURIComponent(service)}${extra}`).then((r) => r.text());

async function auditActions(action: string) {
  return t.app.db.selectFrom('auditLog').select(['action', 'details', 'actorId']).where('action', '=', action).orderBy('at', 'desc').execute();
}

test('a signed-in pupil reaches the partner: the library validates with CAS 3.0 and gets the attributes', async () => {
  const agent = signedInAgent();
  const { res, body, hops } = await agent.visit(`${partner.url}/lecture`);
  assert.equal(res.status, 200, body);
  assert.ok(
    hops.some((h) => h.startsWith(`${base}/cas/login`)),
    `went through Préau: ${hops.join(' → ')}`,
  );
  const principal = JSON.parse(/<pre id="principal">(.*)<\/pre>/s.exec(body)![1]!);
  assert.notEqual(principal.user, pupil.id, 'an untrusted service gets a pseudonym');
  assert.notEqual(principal.user, pupil.login, 'not the login either');
  assert.match(principal.user, /^[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(
    { ...principal.attributes, isFromNewLogin: undefined },
    { displayName: 'Lina Moreau', profile: 'student', uai: '0610042K', className: 'CM1 B', isFromNewLogin: undefined },
  );
  const [entry] = await auditActions('cas.ticket.validated');
  assert.equal(entry?.actorId, pupil.id, 'who signed in');
  const details = JSON.parse(entry!.details!);
  assert.equal(details.service, 'Atelier de lecture', 'where');
  assert.deepEqual(details.attributes, ['displayName', 'profile', 'uai', 'className'], 'what was released');
  // The same service always gets the same pseudonym.
  const again = JSON.parse(/<pre id="principal">(.*)<\/pre>/s.exec((await signedInAgent().visit(`${partner.url}/autre`)).body)![1]!);
  assert.equal(again.user, principal.user, 'a stable pseudonym');
});

test('a trusted service validates with CAS 2.0 and gets the person id, no attributes', async () => {
  const { res, body } = await signedInAgent().visit(`${trustedPartner.url}/menus`);
  assert.equal(res.status, 200, body);
  const principal = JSON.parse(/<pre id="principal">(.*)<\/pre>/s.exec(body)![1]!);
  assert.equal(principal.user, pupil.id);
  const service = `${trustedPartner.url}/menus`;
  const xml = await validate('/cas/serviceValidate', await ticketFor(signedInAgent(), service), service);
  assert.match(xml, /<cas:user>[0-9a-f-]{36}<\/cas:user>/);
  assert.ok(!xml.includes('cas:attributes'), `CAS 2.0 answers without attributes: ${xml}`);
});

test('a ticket is single use: the replay is refused and audited', async () => {
  const service = `${partner.url}/replay`;
  const ticket = await ticketFor(signedInAgent(), service);
  assert.match(ticket, /^ST-[A-Za-z0-9_-]{43}$/, '256 random bits');
  assert.match(await validate('/cas/p3/serviceValidate', ticket, service), /<cas:authenticationSuccess>/);
  const replay = await validate('/cas/p3/serviceValidate', ticket, service);
  assert.match(replay, /<cas:authenticationFailure code="INVALID_TICKET">/);
  assert.equal((await auditActions('cas.ticket.replayed')).length, 1, 'the replay is in the audit log');
});

test('CAS 1.0: /cas/validate answers yes and the user in plain text, then no for the replay', async () => {
  const service = `${trustedPartner.url}/cas1`;
  const ticket = await ticketFor(signedInAgent(), service);
  const url = `${base}/cas/validate?ticket=${encodeURIComponent(ticket)}&service=${encodeURIComponent(service)}`;
  const res = await fetch(url);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(await res.text(), `yes\n${pupil.id}\n`);
  assert.equal(await fetch(url).then((r) => r.text()), 'no\n', 'single use');
  assert.equal(await fetch(`${base}/cas/validate`).then((r) => r.text()), 'no\n', 'no ticket, no user');
  assert.equal(await fetch(`${base}/cas/validate?ticket=ST-nope&service=${encodeURIComponent(service)}`).then((r) => r.text()), 'no\n');
});

test('a ticket for one service is refused to another, and spent by the attempt', async () => {
  const service = `${partner.url}/a`;
  const ticket = await ticketFor(signedInAgent(), service);
  assert.match(await validate('/cas/serviceValidate', ticket, `${partner.url}/b`), /code="INVALID_SERVICE"/);
  assert.match(await validate('/cas/serviceValidate', ticket, service), /code="INVALID_TICKET"/, 'one attempt per ticket');
});

test('an expired ticket is refused; the sweep job deletes it later', async () => {
  const service = `${partner.url}/lent`;
  const ticket = await ticketFor(signedInAgent(), service);
  clock.advance(10_001);
  assert.match(await validate('/cas/p3/serviceValidate', ticket, service), /code="INVALID_TICKET"/);
  const before = await t.app.db
    .selectFrom('casTickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  clock.advance(2 * 60 * 60_000);
  await t.app.jobs.runDue();
  const afterSweep = await t.app.db
    .selectFrom('casTickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(before.n) > 0 && Number(afterSweep.n) === 0, `swept: ${before.n} → ${afterSweep.n}`);
  cookie = (await loginAs(t.app, pupil.id)).cookie;
});

test('bad requests get the protocol’s error codes, in XML or JSON', async () => {
  assert.match(await fetch(`${base}/cas/serviceValidate`).then((r) => r.text()), /code="INVALID_REQUEST"/);
  assert.match(await validate('/cas/serviceValidate', 'PT-123', `${partner.url}/`), /code="INVALID_TICKET_SPEC"/);
  assert.match(await validate('/cas/serviceValidate', 'ST-inconnu', `${partner.url}/`), /code="INVALID_TICKET"/);
  const json = await fetch(`${base}/cas/p3/serviceValidate?ticket=ST-x&service=x&format=JSON`).then((r) => r.json());
  assert.equal(json.serviceResponse.authenticationFailure.code, 'INVALID_TICKET');
  const service = `${partner.url}/json`;
  const ok = await fetch(
    `${base}/cas/p3/serviceValidate?format=JSON&service=${encodeURIComponent(service)}&ticket=${await ticketFor(signedInAgent(), service)}`,
  ).then((r) => r.json());
  assert.deepEqual(ok.serviceResponse.authenticationSuccess.attributes.className, ['CM1 B']);
  assert.deepEqual(ok.serviceResponse.authenticationSuccess.attributes.isFromNewLogin, [false]);
});

test('proxyValidate is refused to a service not allowed to use it, and answers for one that is', async () => {
  const service = `${partner.url}/p`;
  assert.match(await validate('/cas/proxyValidate', await ticketFor(signedInAgent(), service), service), /code="UNAUTHORIZED_SERVICE_PROXY"/);
  const allowed = `${trustedPartner.url}/p`;
  const xml = await validate('/cas/proxyValidate', await ticketFor(signedInAgent(), allowed), allowed, '&pgtUrl=https://evil.test/');
  assert.match(xml, /<cas:authenticationSuccess>/);
  assert.ok(!xml.includes('proxyGrantingTicket'), 'no proxy-granting ticket is issued');
});

test('renew asks for the password again; only a ticket from that fresh sign-in passes renew=true', async () => {
  const service = `${partner.url}/examen`;
  const old = await ticketFor(signedInAgent(), service);
  assert.match(await validate('/cas/p3/serviceValidate', old, service, '&renew=true'), /code="INVALID_TICKET"/, 'not from a fresh sign-in');

  const agent = signedInAgent();
  const asked = await agent.get(`${base}/cas/login?service=${encodeURIComponent(service)}&renew=true`);
  assert.equal(asked.status, 303);
  const loginUrl = new URL(asked.headers.get('location')!, base);
  assert.equal(loginUrl.pathname, '/login', 'sent to the sign-in page');
  const form = await agent.get(loginUrl.href);
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const next = /name="next" value="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  const posted = await agent.get(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login: pupil.login, password: PASSWORD, next }).toString(),
  });
  assert.equal(posted.status, 303, 'signed in');
  const page = await agent.get(new URL(posted.headers.get('location')!, base).href);
  assert.equal(page.status, 200, 'after the form, a page moves on by itself (no redirect)');
  const target = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(await page.text())![1]!.replace(/&amp;/g, '&');
  const ticket = new URL(target).searchParams.get('ticket')!;
  const xml = await validate('/cas/p3/serviceValidate', ticket, service, '&renew=true');
  assert.match(xml, /<cas:isFromNewLogin>true<\/cas:isFromNewLogin>/, xml);

  // The library asks for renew itself and gets through the same way.
  const renewing = await startPartner(base, { client: { renew: true } });
  try {
    await buildCasService(t.app, { name: 'Évaluations', urlPattern: `${renewing.url}/` });
    const start = await agent.get(`${renewing.url}/`);
    assert.match(start.headers.get('location')!, /renew=true/, 'the library asks for renew');
  } finally {
    await renewing.close();
  }
});

test('gateway sends a stranger back without a ticket, and a signed-in person with one', async () => {
  const gatewayPartner = await startPartner(base, { client: { gateway: true } });
  cookie = (await loginAs(t.app, pupil.id)).cookie; // the renew test ended the previous session
  try {
    await buildCasService(t.app, { name: 'Portail public', urlPattern: `${gatewayPartner.url}/` });
    const stranger = await new Agent().visit(`${gatewayPartner.url}/accueil`);
    assert.equal(stranger.res.status, 403, 'the library is told nobody is signed in');
    assert.ok(!stranger.hops.some((h) => h.includes('ticket=')), `no ticket: ${stranger.hops.join(' → ')}`);
    assert.ok(!stranger.hops.some((h) => h.startsWith(`${base}/login`)), 'no sign-in page on the way');
    const known = await signedInAgent().visit(`${gatewayPartner.url}/accueil`);
    assert.equal(known.res.status, 200, known.body);
  } finally {
    await gatewayPartner.close();
  }
});

test('an unregistered service gets a French error page and an audit entry, never a ticket', async () => {
  const res = await signedInAgent().get(`${base}/cas/login?service=${encodeURIComponent('https://evil.test/vol')}`);
  assert.equal(res.status, 403);
  const body = await res.text();
  assert.match(body, /Service non autorisé/);
  assert.ok(!body.includes('ST-'), 'no ticket');
  const [entry] = await auditActions('cas.service.unknown');
  assert.match(entry?.details ?? '', /evil\.test/);
  const lookalike = await signedInAgent().get(`${base}/cas/login?service=${encodeURIComponent(`${partner.url}.evil.test/`)}`);
  assert.equal(lookalike.status, 403, 'a longer host is another service');
});

test('logout ends the session and returns only to a registered service', async () => {
  const agent = signedInAgent();
  const out = await agent.get(`${base}/cas/logout?service=${encodeURIComponent(`${partner.url}/au-revoir`)}`);
  assert.equal(out.status, 302);
  assert.equal(out.headers.get('location'), `${partner.url}/au-revoir`);
  const after = await agent.get(`${base}/cas/login?service=${encodeURIComponent(`${partner.url}/x`)}`);
  assert.equal(after.status, 303, 'signed out: the sign-in page again');
  const elsewhere = await signedInAgent().get(`${base}/cas/logout?service=${encodeURIComponent('https://evil.test/')}`);
  assert.equal(elsewhere.status, 200, 'an unregistered service: the logout page, no redirect');
  assert.match(await elsewhere.text(), /Vous êtes déconnecté/);
  cookie = (await loginAs(t.app, pupil.id)).cookie;
});
