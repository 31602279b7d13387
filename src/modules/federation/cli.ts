import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../kernel/audit.js';
import { federationSecret } from './crypto.js';
import { rotateKeys } from './keys.js';
import { addClient } from './service/clients.js';

export const OIDC_USAGE =
  'usage : preau oidc client add --name NOM --redirect-uri URI [--redirect-uri URI…] [--post-logout-uri URI] [--trusted] [--refresh] [--consent]\n        preau oidc keys rotate';

/** A refusal said to the administrator as it is (bad address, unknown sub-command). */
export class OidcCliRefused extends Error {}

/**
 * `preau oidc client add …` prints the new partner as JSON (`client_id`, `client_secret`: shown
 * this once); `preau oidc keys rotate` makes a new signing key, the old one still verifies.
 */
export async function runOidcCommand(app: FastifyInstance, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-uri': { type: 'string', multiple: true },
      trusted: { type: 'boolean' },
      refresh: { type: 'boolean' },
      consent: { type: 'boolean' },
    },
  });
  const deps = { db: app.db, clock: app.clock, secret: () => federationSecret(app.db) };
  const [what, verb] = positionals;
  if (what === 'client' && verb === 'add') {
    if (!values.name || !values['redirect-uri']?.length) throw new OidcCliRefused(OIDC_USAGE);
    const result = await addClient(deps, null, {
      name: values.name,
      redirectUris: values['redirect-uri'],
      postLogoutRedirectUris: values['post-logout-uri'] ?? [],
      trusted: values.trusted ?? false,
      refreshAllowed: values.refresh ?? false,
      consentPreapproved: values.consent ?? false,
    });
    if (!result.ok) throw new OidcCliRefused(Object.values(result.errors).join('\n'));
    return JSON.stringify({
      client_id: result.clientId,
      client_secret: result.clientSecret,
      name: values.name,
      redirect_uris: values['redirect-uri'],
      trusted: values.trusted ?? false,
    });
  }
  if (what === 'keys' && verb === 'rotate') {
    const kid = await rotateKeys(app.db, await deps.secret(), app.clock.now());
    await audit(app.db, { action: 'federation.keys.rotate', details: { kid, by: 'cli' } });
    return JSON.stringify({ kid });
  }
  throw new OidcCliRefused(OIDC_USAGE);
}
