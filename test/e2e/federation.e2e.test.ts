import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { buildClass, buildSchool } from '../../src/modules/directory/testing.js';
import { buildPartner, discover } from '../../src/modules/federation/testing.js';
import { checkA11y, schoolPeople, signIn, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';

/**
 * A pupil signs in to a partner application through Préau in a real browser. The partner is a
 * real relying party (openid-client) on its own loopback port, so the last hop back to it is
 * cross-origin, as in production: it must get through Préau's `form-action 'self'`.
 */
let suite: BrowserSuite;
let partner: Server;
let partnerUrl = '';
let logins: Record<string, string> = {};

/** The partner: /start sends to Préau with PKCE, /callback exchanges the code and greets the person. */
async function startPartner(issuer: () => string, credentials: () => { clientId: string; clientSecret: string }) {
  const pending = new Map<string, string>();
  const server = createServer((req, res) => {
    void (async () => {
      const { clientId, clientSecret } = credentials();
      const config = await discover(issuer(), clientId, clientSecret);
      const url = new URL(req.url ?? '/', partnerUrl);
      if (url.pathname === '/start') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(state, verifier);
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: `${partnerUrl}/callback`,
          scope: 'openid profile school',
          state,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        res.writeHead(302, { location: to.href }).end();
        return;
      }
      const state = url.searchParams.get('state') ?? '';
      const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: pending.get(state), expectedState: state });
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="fr"><title>Partenaire</title><h1>Bonjour ${info.name} (${info.school_level})</h1></html>`);
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('partner has no TCP address');
  partnerUrl = `http://127.0.0.1:${address.port}`;
  return server;
}

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Louise-Michel' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', students: [pupil.id] });
  let credentials = { clientId: '', clientSecret: '' };
  partner = await startPartner(
    () => suite.server.url,
    () => credentials,
  );
  credentials = await buildPartner(suite.server.app, { name: 'Lecture en ligne', redirectUris: [`${partnerUrl}/callback`] });
  // The provider is built on first use (signing key included): done here, not inside a page's time-outs.
  assert.equal((await fetch(`${suite.server.url}/.well-known/openid-configuration`)).status, 200);
});
after(async () => {
  await new Promise((resolve) => partner?.close(resolve));
  await suite?.close();
});

test('a pupil signs in to the partner with Préau’s login, consents, and lands on the partner', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await page.goto(`${partnerUrl}/start`);
    assert.equal(new URL(page.url()).pathname, '/login', 'not signed in: Préau’s own login page');
    await checkA11y(page);
    await page.fill('input[name="login"]', logins.pupil!);
    await page.fill('input[name="password"]', 'cartable-vert-sous-le-préau');
    await submit(page, 'form[action^="/login"] [type="submit"]');
    await page.waitForSelector('h1:has-text("demande l’accès")');
    await checkA11y(page);
    assert.ok(await page.getByText('le niveau de votre classe').isVisible(), 'the consent screen lists the claims');
    await page.locator('form[action$="/confirm"] button').click();
    await page.waitForURL(`${partnerUrl}/callback**`, { timeout: 15_000 });
    assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Jules Petit \(CM1\)/);
  });
});

test('already signed in to Préau: no second login, the consent given is remembered', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.pupil!);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
    await page.goto(`${partnerUrl}/start`);
    await page.waitForURL(`${partnerUrl}/callback**`, { timeout: 15_000 });
    assert.match((await page.locator('h1').textContent()) ?? '', /Bonjour Jules Petit/);
    assert.ok(!visited.includes('/login'), `no second login: ${visited.join(' → ')}`);
    assert.ok(!visited.some((p) => p.endsWith('/confirm')), `no second consent: ${visited.join(' → ')}`);
  });
});
