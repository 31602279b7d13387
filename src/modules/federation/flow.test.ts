import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { loginAs } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool } from '../directory/testing.js';
import { Browser, buildPartner, discover, startOidcServer, verifyAgainstJwks, type OidcServer } from './testing.js';

// openid-client as an independent relying party, against the real server over real HTTP.
let s: OidcServer;
let pupil: { id: string; login: string };
let cookie: string;
const redirect = 'http://127.0.0.1:9/callback';

before(async () => {
  s = await startOidcServer();
  const school = await buildSchool(s.app.db, { name: 'École Jules-Ferry', uai: '0610001A' });
  pupil = await buildPerson(s.app.db, { profile: 'student', firstName: 'Léa', lastName: 'Martin', structureId: school.id, email: 'lea@example.org' });
  await buildClass(s.app.db, school.id, { name: 'CE1 A', level: 'CE1', students: [pupil.id] });
  cookie = (await loginAs(s.app, pupil.id)).cookie;
});
after(() => s.close());

async function signIn(clientId: string, clientSecret: string, scope: string, consent = true) {
  const config = await discover(s.url, clientId, clientSecret);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirect,
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const browser = new Browser(s.url, cookie);
  const { callback, page } = await browser.follow(url.href, redirect, { consent });
  assert.ok(callback, `the partner gets its code back; last page: ${page?.status} ${page?.text.slice(0, 300)}`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens, browser };
}

test('discovery is at the root, issuer is the public address, PKCE S256 is the only method', async () => {
  const res = await fetch(`${s.url}/.well-known/openid-configuration`);
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Record<string, unknown>;
  assert.equal(doc.issuer, s.url);
  assert.equal(doc.authorization_endpoint, `${s.url}/oidc/auth`);
  assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
  assert.ok((doc.scopes_supported as string[]).includes('school'), 'the school scope is offered');
});

test('code + PKCE: the ID token verifies against the JWKS, userinfo gives the claims of the scopes', async () => {
  const p = await buildPartner(s.app, { name: 'Soutien scolaire', redirectUris: [redirect] });
  const { config, tokens } = await signIn(p.clientId, p.clientSecret, 'openid profile email school');
  const claims = await verifyAgainstJwks(tokens.id_token!, config.serverMetadata().jwks_uri!);
  assert.equal(claims.iss, s.url);
  assert.equal(claims.aud, p.clientId);
  assert.notEqual(claims.sub, pupil.id, 'an ordinary partner gets a pseudonymous sub');
  assert.equal(tokens.claims()?.sub, claims.sub);
  const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
  assert.equal(info.name, 'Léa Martin');
  assert.equal(info.email, 'lea@example.org');
  assert.equal(info.school_uai, '0610001A');
  assert.equal(info.school_profile, 'student');
  assert.equal(info.school_level, 'CE1');
  assert.equal(info.preferred_username, undefined, 'the login goes to trusted partners only');
  assert.equal(tokens.refresh_token, undefined, 'no refresh token for a partner not allowed them');
  await assert.rejects(oidc.refreshTokenGrant(config, 'made-up'), (e: { error_description?: string; cause?: { error_description?: string } }) =>
    /grant type is not allowed/.test(e.cause?.error_description ?? ''),
  );
  const audit = await s.app.db.selectFrom('auditLog').select(['action', 'details']).where('actorId', '=', pupil.id).execute();
  const actions = audit.map((a) => a.action);
  assert.ok(actions.includes('federation.login') && actions.includes('federation.consent'), `sign-in and consent audited: ${actions.join(', ')}`);
  const consent = audit.find((a) => a.action === 'federation.consent');
  assert.match(consent?.details ?? '', /"school"/, 'the consent entry names the scopes given');
});

test('scopes limit the claims: openid alone gives no name', async () => {
  const p = await buildPartner(s.app, { name: 'Cantine', redirectUris: [redirect], consentPreapproved: true });
  const { config, tokens } = await signIn(p.clientId, p.clientSecret, 'openid', false);
  const info = await oidc.fetchUserInfo(config, tokens.access_token, String(tokens.claims()?.sub));
  assert.equal(info.name, undefined);
  assert.equal(info.email, undefined);
});

test('a trusted partner with refresh tokens: sub is the person id, the login a claim, refresh works', async () => {
  const p = await buildPartner(s.app, { name: 'Manuels', redirectUris: [redirect], trusted: true, refreshAllowed: true, consentPreapproved: true });
  const { config, tokens } = await signIn(p.clientId, p.clientSecret, 'openid profile', false);
  assert.equal(tokens.claims()?.sub, pupil.id);
  assert.ok(tokens.refresh_token, 'a refresh token is issued');
  const info = await oidc.fetchUserInfo(config, tokens.access_token, pupil.id);
  assert.equal(info.preferred_username, pupil.login);
  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token, 'a new access token');
});

test('pairwise subjects differ between two partners and stay the same for one', async () => {
  const a = await buildPartner(s.app, { name: 'A', redirectUris: [redirect], consentPreapproved: true });
  const b = await buildPartner(s.app, { name: 'B', redirectUris: [redirect], consentPreapproved: true });
  const subA = (await signIn(a.clientId, a.clientSecret, 'openid', false)).tokens.claims()?.sub;
  const subB = (await signIn(b.clientId, b.clientSecret, 'openid', false)).tokens.claims()?.sub;
  const again = (await signIn(a.clientId, a.clientSecret, 'openid', false)).tokens.claims()?.sub;
  assert.notEqual(subA, subB);
  assert.equal(subA, again);
});

test('an unregistered redirect URI or an unknown client: a French error page, audited, nothing sent', async () => {
  const p = await buildPartner(s.app, { name: 'Prudent', redirectUris: [redirect] });
  const config = await discover(s.url, p.clientId, p.clientSecret);
  const bad = oidc.buildAuthorizationUrl(config, {
    redirect_uri: 'https://evil.example/cb',
    scope: 'openid',
    code_challenge: 'x'.repeat(43),
    code_challenge_method: 'S256',
  });
  const browser = new Browser(s.url, cookie);
  const res = await browser.fetch(bad.href);
  assert.equal(res.status, 400);
  assert.equal(res.location, null, 'no redirect to the unregistered address');
  assert.match(res.text, /adresse de retour demandée n’est pas enregistrée/);
  const unknown = await browser.fetch(`/oidc/auth?client_id=nobody-here&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(redirect)}`);
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /n’est pas enregistrée auprès de Préau/);
  const errors = await s.app.db.selectFrom('auditLog').select('details').where('action', '=', 'federation.error').execute();
  assert.ok(
    errors.some((e) => e.details?.includes('evil.example')),
    'the refused redirect URI is audited',
  );
});

test('PKCE is required', async () => {
  const p = await buildPartner(s.app, { name: 'Sans PKCE', redirectUris: [redirect] });
  const browser = new Browser(s.url, cookie);
  const res = await browser.fetch(`/oidc/auth?client_id=${p.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(redirect)}`);
  assert.equal(res.status, 303);
  assert.match(res.location ?? '', /error=invalid_request/);
  assert.match(decodeURIComponent(res.location ?? ''), /PKCE/);
});
