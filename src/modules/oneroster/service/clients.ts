import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit } from '../../../kernel/audit.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import { flag } from '../../../kernel/db/index.js';
import { t } from '../i18n/fr.js';
import { CORE_SCOPE, DEMOGRAPHICS_SCOPE, type RosterClientFacts } from '../policy.js';
import * as repo from '../repository.js';

export type ClientsDeps = {
  db: Db;
  clock: Clock;
};

/** How long a bearer token lives: a sync asks for a new one, nothing is refreshed. */
export const TOKEN_SECONDS = 3600;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A refusal said as it is to the administrator (command line) or to the partner (token endpoint). */
export class ClientRefused extends Error {}

export interface NewRosterClient {
  name: string;
  schoolUais: string[];
  demographics?: boolean;
}

/**
 * Registers a rostering partner (the command line passes a null actor: it runs as the instance's
 * owner). The secret is returned once, here; only its hash is kept.
 */
export async function addClient(deps: ClientsDeps, actor: Actor | null, input: NewRosterClient) {
  if (actor) authorize(actor, 'oneroster.client.manage', {});
  const name = input.name.trim();
  if (!name || name.length > 120) throw new ClientRefused(t('oneroster.cli.name'));
  const uais = [...new Set(input.schoolUais.map((u) => u.trim().toUpperCase()))];
  if (uais.length === 0) throw new ClientRefused(t('oneroster.cli.usage'));
  const schools = await repo.schoolsByUai(deps.db, uais);
  const missing = uais.find((u) => !schools.some((s) => s.uai === u));
  if (missing) throw new ClientRefused(t('oneroster.cli.school', missing));
  const clientId = randomBytes(12).toString('base64url');
  const clientSecret = randomBytes(32).toString('base64url');
  await repo.insertClient(
    deps.db,
    {
      id: clientId,
      name,
      secretHash: sha256(clientSecret),
      demographics: flag(input.demographics ?? false),
      createdAt: deps.clock.now().toISOString(),
      createdBy: actor?.personId ?? null,
      revokedAt: null,
    },
    schools.map((s) => s.id),
  );
  await audit(deps.db, {
    action: 'oneroster.client.add',
    actorId: actor?.personId ?? null,
    details: { clientId, name, schools: uais, demographics: input.demographics ?? false },
  });
  return { clientId, clientSecret, name, schools: uais, demographics: input.demographics ?? false };
}

export async function listClients(deps: ClientsDeps, actor: Actor | null) {
  if (actor) authorize(actor, 'oneroster.client.manage', {});
  const rows = await repo.listClients(deps.db);
  return rows.map((r) => ({ id: r.id, name: r.name, schools: r.schools, demographics: r.demographics === 1, revokedAt: r.revokedAt }));
}

/** The partner gets no token and no answer from now on; its live tokens are deleted. */
export async function revokeClient(deps: ClientsDeps, actor: Actor | null, clientId: string) {
  if (actor) authorize(actor, 'oneroster.client.manage', {});
  const client = await repo.findClient(deps.db, clientId);
  if (!client) throw new ClientRefused(t('oneroster.cli.unknown', clientId.slice(0, 60)));
  const tokens = await repo.revokeClient(deps.db, client.id, deps.clock.now().toISOString());
  await audit(deps.db, { action: 'oneroster.client.revoke', actorId: actor?.personId ?? null, details: { clientId: client.id, name: client.name, tokens } });
  return { clientId: client.id, name: client.name, revoked: true };
}

/** An OAuth 2.0 error of the token endpoint (RFC 6749 §5.2). */
export class TokenError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly code: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    message: string,
  ) {
    super(message);
  }
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The client-credentials grant: the partner authenticates with its id and secret and gets a
 * bearer token for the scopes it asked among those it may have (all of them when it asked none).
 */
export async function issueToken(deps: ClientsDeps, input: { clientId: string; clientSecret: string; grantType: string; scope?: string; ip: string }) {
  if (input.grantType !== 'client_credentials') throw new TokenError(400, 'unsupported_grant_type', 'grant_type=client_credentials attendu.');
  const client = await repo.findClient(deps.db, input.clientId);
  if (!client || client.revokedAt !== null || !sameHash(client.secretHash, sha256(input.clientSecret))) {
    await audit(deps.db, { action: 'oneroster.token.refused', ip: input.ip, details: { clientId: input.clientId.slice(0, 100) } });
    throw new TokenError(401, 'invalid_client', 'Identifiant ou secret de l’application incorrect, ou application révoquée.');
  }
  const allowed = client.demographics ? [CORE_SCOPE, DEMOGRAPHICS_SCOPE] : [CORE_SCOPE];
  const asked = (input.scope ?? '').split(' ').filter(Boolean);
  if (asked.some((s) => !allowed.includes(s))) throw new TokenError(400, 'invalid_scope', 'Portée inconnue ou non accordée à cette application.');
  const scopes = asked.length > 0 ? [...new Set(asked)] : allowed;
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await repo.insertToken(deps.db, {
    tokenHash: sha256(token),
    clientId: client.id,
    scopes: scopes.join(' '),
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_SECONDS * 1000).toISOString(),
  });
  await audit(deps.db, { action: 'oneroster.token.issue', ip: input.ip, details: { clientId: client.id, scopes } });
  return { access_token: token, token_type: 'bearer' as const, expires_in: TOKEN_SECONDS, scope: scopes.join(' ') };
}

/** The partner behind a bearer token, with its grant; null when the token is unknown, expired or revoked. */
export async function clientOfToken(deps: ClientsDeps, token: string): Promise<RosterClientFacts | null> {
  const row = await repo.findLiveToken(deps.db, sha256(token), deps.clock.now().toISOString());
  if (!row) return null;
  return {
    clientId: row.clientId,
    scopes: row.scopes.split(' '),
    schoolIds: await repo.schoolIdsOf(deps.db, row.clientId),
    demographics: row.demographics === 1,
  };
}
