import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../kernel/config/index.js';
import { testDatabase } from '../../kernel/testing/index.js';
import { federationSecret } from './crypto.js';
import { addClient, type NewClient } from './service/clients.js';

export interface OidcServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The whole app on a loopback port, its public address (the issuer) set to where it listens. */
export async function startOidcServer(): Promise<OidcServer> {
  const database = await testDatabase();
  const config = loadConfig({}, { logLevel: 'silent', dataDir: database.dataDir, host: '127.0.0.1', port: 0, rateLimitPerMinute: 0 });
  const app = await buildApp(config, { database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  config.publicUrl = `http://127.0.0.1:${address.port}`;
  return {
    url: config.publicUrl,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Registers a partner as the command line does; returns its id and secret. */
export async function buildPartner(app: FastifyInstance, input: Partial<NewClient> & { redirectUris: string[] }) {
  const result = await addClient({ db: app.db, clock: app.clock, secret: () => federationSecret(app.db) }, null, { name: 'Partenaire', ...input });
  assert.ok(result.ok, `partner registered: ${JSON.stringify(result)}`);
  return { clientId: result.clientId, clientSecret: result.clientSecret };
}

/** The relying party's view of the provider, through openid-client's own discovery. */
export function discover(issuer: string, clientId: string, clientSecret: string) {
  return oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
}

/** A minimal browser: a cookie jar, redirects followed by hand, pages that move on by themselves followed too. */
export class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    private readonly base: string,
    cookie?: string,
  ) {
    if (cookie) this.store(cookie);
  }

  private store(setCookie: string) {
    const [pair] = setCookie.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.jar.delete(name);
    else this.jar.set(name, value);
  }

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(new URL(url, this.base), { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) this.store(c);
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), url: new URL(url, this.base).href };
  }

  /**
   * Follows the authorization request until the partner's redirect URI (returned), or a page
   * that waits for the person (the consent screen, an error page: returned as it is).
   */
  async follow(start: string, stopAt: string, options: { consent?: boolean } = {}) {
    let next = start;
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.startsWith(stopAt)) return { callback: next, page: null };
      const res = await this.fetch(next);
      if (res.status >= 300 && res.status < 400 && res.location) {
        next = new URL(res.location, res.url).href;
        continue;
      }
      const refresh = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(res.text);
      if (res.status === 200 && refresh) {
        next = new URL(refresh[1]!.replace(/&amp;/g, '&'), res.url).href;
        continue;
      }
      const confirm = /action="(\/oidc\/interaction\/[^"]+\/confirm)"/.exec(res.text);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text);
      if (options.consent && confirm && csrf) {
        const posted = await this.fetch(confirm[1]!, { method: 'POST', form: { _csrf: csrf[1]! } });
        const go = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(posted.text);
        assert.ok(go, `the consent answer moves on by itself: ${posted.status} ${posted.text.slice(0, 200)}`);
        next = new URL(go[1]!.replace(/&amp;/g, '&'), posted.url).href;
        continue;
      }
      return { callback: null, page: res };
    }
    throw new Error('too many hops');
  }
}

/** Checks an ID token's RS256 signature against the provider's published JWKS (independently of the RP library). */
export async function verifyAgainstJwks(idToken: string, jwksUri: string): Promise<Record<string, unknown>> {
  const [header, payload, signature] = idToken.split('.') as [string, string, string];
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string; alg: string };
  assert.equal(alg, 'RS256', 'ID tokens are signed with RS256');
  const jwks = (await (await fetch(jwksUri)).json()) as { keys: ({ kid: string } & Record<string, unknown>)[] };
  const jwk = jwks.keys.find((k) => k.kid === kid);
  assert.ok(jwk, `the signing key ${kid} is published`);
  assert.ok(!('d' in jwk), 'the published key has no private part');
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk as never, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
  assert.ok(ok, 'the ID token signature verifies against the JWKS');
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}
