import { randomBytes } from 'node:crypto';
import { audit } from '../../../kernel/audit.js';
import { authorize, NotFound, type Actor } from '../../../kernel/authz/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Db } from '../../../kernel/db/index.js';
import { flag } from '../../../kernel/db/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { seal } from '../crypto.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/clients.js';

export interface ClientsDeps {
  db: Db;
  clock: Clock;
  secret: () => Promise<string>;
}

export interface NewClient {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  trusted?: boolean;
  refreshAllowed?: boolean;
  consentPreapproved?: boolean;
}

/** https everywhere; http only on the loopback (a partner's development machine, our tests). */
function validUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash || value.includes('#')) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function validateClient(input: NewClient): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.name.trim() || input.name.length > 120) errors.name = t('federation.form.name');
  const bad = [...input.redirectUris, ...(input.postLogoutRedirectUris ?? [])].find((u) => !validUri(u));
  if (input.redirectUris.length === 0) errors.redirectUris = t('federation.form.uris');
  else if (bad) errors[input.redirectUris.includes(bad) ? 'redirectUris' : 'postLogoutRedirectUris'] = t('federation.form.uri', bad);
  // A pairwise subject needs one sector: the provider refuses redirect URIs on several hosts.
  else if (!input.trusted && new Set(input.redirectUris.map((u) => new URL(u).host)).size > 1) errors.redirectUris = t('federation.form.pairwiseHosts');
  return errors;
}

export const splitLines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Registers a partner (the administrator's page, or the command line with a null actor). The
 * secret is returned once, here, and kept sealed with the instance's secret.
 */
export async function addClient(
  deps: ClientsDeps,
  actor: Actor | null,
  input: NewClient,
): Promise<{ ok: true; clientId: string; clientSecret: string } | { ok: false; errors: FieldErrors }> {
  if (actor) authorize(actor, 'federation.client.manage', {});
  const errors = validateClient(input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const clientId = randomBytes(12).toString('base64url');
  const clientSecret = randomBytes(32).toString('base64url');
  await repo.insertClient(deps.db, {
    id: clientId,
    name: input.name.trim(),
    secret: seal(await deps.secret(), clientSecret),
    redirectUris: JSON.stringify(input.redirectUris),
    postLogoutRedirectUris: JSON.stringify(input.postLogoutRedirectUris ?? []),
    trusted: flag(input.trusted ?? false),
    refreshAllowed: flag(input.refreshAllowed ?? false),
    consentPreapproved: flag(input.consentPreapproved ?? false),
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor?.personId ?? null,
  });
  await audit(deps.db, {
    action: 'federation.client.add',
    actorId: actor?.personId ?? null,
    details: {
      clientId,
      name: input.name.trim(),
      redirectUris: input.redirectUris,
      trusted: input.trusted ?? false,
      refreshAllowed: input.refreshAllowed ?? false,
    },
  });
  return { ok: true, clientId, clientSecret };
}

export async function clientsFor(deps: ClientsDeps, actor: Actor) {
  authorize(actor, 'federation.client.manage', {});
  const rows = await repo.listClients(deps.db);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    redirectUris: JSON.parse(r.redirectUris) as string[],
    trusted: r.trusted === 1,
    refreshAllowed: r.refreshAllowed === 1,
    consentPreapproved: r.consentPreapproved === 1,
  }));
}
export type ClientView = Awaited<ReturnType<typeof clientsFor>>[number];

async function existing(deps: ClientsDeps, actor: Actor, clientId: string) {
  authorize(actor, 'federation.client.manage', {});
  const client = await repo.findClient(deps.db, clientId);
  if (!client) throw new NotFound();
  return client;
}

/** Every code, token and grant of the partner is revoked: people must sign in to it again. */
export async function revokeTokens(deps: ClientsDeps, actor: Actor, clientId: string): Promise<string> {
  const client = await existing(deps, actor, clientId);
  const removed = await repo.revokeClientTokens(deps.db, client.id);
  await audit(deps.db, { action: 'federation.client.revoke', actorId: actor.personId, details: { clientId: client.id, removed } });
  return client.name;
}

export async function deleteClient(deps: ClientsDeps, actor: Actor, clientId: string): Promise<string> {
  const client = await existing(deps, actor, clientId);
  await repo.revokeClientTokens(deps.db, client.id);
  await repo.deleteClient(deps.db, client.id);
  await audit(deps.db, { action: 'federation.client.delete', actorId: actor.personId, details: { clientId: client.id, name: client.name } });
  return client.name;
}
