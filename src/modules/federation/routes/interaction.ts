import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { InteractionResults } from 'oidc-provider';
import { audit } from '../../../kernel/audit.js';
import { authorize } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { SCOPE_CLAIMS } from '../account.js';
import type { ProviderHost } from '../host.js';
import { t } from '../i18n/fr.js';
import { findClient } from '../repository/clients.js';
import * as schema from '../schema.js';
import { ConsentPage } from '../views/consent.js';
import { continuePage, errorPage } from '../views/standalone.js';

type Params = { uid: string };

/** The claims of the requested scopes, in words, as the consent screen lists them. */
function claimLabels(scopes: string[], trusted: boolean): string[] {
  const labels: string[] = [trusted ? t('federation.claim.sub.trusted') : t('federation.claim.sub')];
  for (const scope of scopes) {
    const claims = (SCOPE_CLAIMS as Record<string, readonly string[]>)[scope];
    if (!claims || scope === 'openid') continue;
    for (const claim of claims) {
      if (claim === 'preferred_username' && !trusted) continue;
      if (claim === 'given_name' || claim === 'family_name') continue; // said by "name"
      labels.push(t(`federation.claim.${claim}` as 'federation.claim.name'));
    }
  }
  return labels;
}

/**
 * Login and consent, on Préau's own pages and Préau's own session: these routes sit inside
 * `authenticated`, so a person who is not signed in goes through the usual login page and comes
 * back here; one who is signed in is not asked again.
 */
export async function interactionRoutes(app: FastifyInstance, { host, db }: { host: ProviderHost; db: Db }) {
  async function details(request: FastifyRequest, reply: FastifyReply) {
    const provider = await host.provider();
    try {
      const d = await provider.interactionDetails(request.raw, reply.raw);
      authorize(request.actor, 'federation.interaction.complete', { accountId: d.session?.accountId ?? null });
      const clientId = String(d.params.client_id);
      const client = await findClient(db, clientId);
      return client && d.uid === (request.params as Params).uid ? { provider, d, client } : null;
    } catch (error) {
      if (error instanceof Error && error.name === 'SessionNotFound') return null;
      throw error;
    }
  }

  async function expired(request: FastifyRequest, reply: FastifyReply) {
    await audit(db, { action: 'federation.error', actorId: request.actor.personId, ip: request.ip, details: { error: 'interaction_expired' } });
    return reply
      .code(400)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(errorPage(t('federation.error.expired'), 'session_not_found'));
  }

  /** Hands the result to the provider and leaves through a page that moves on by itself. */
  async function finish(request: FastifyRequest, reply: FastifyReply, found: NonNullable<Awaited<ReturnType<typeof details>>>, result: InteractionResults) {
    const url = await found.provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: true });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(continuePage(url, found.client.name));
  }

  async function grantConsent(request: FastifyRequest, found: NonNullable<Awaited<ReturnType<typeof details>>>) {
    const { provider, d } = found;
    const accountId = request.actor.personId;
    const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId, clientId: found.client.id });
    if (!grant) throw new Error('grant vanished');
    const missing = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await audit(db, {
      action: 'federation.consent',
      actorId: accountId,
      ip: request.ip,
      details: {
        clientId: found.client.id,
        client: found.client.name,
        scopes: missing.missingOIDCScope ?? [],
        preapproved: found.client.consentPreapproved === 1,
      },
    });
    return grantId;
  }

  const opts = { schema: { params: schema.InteractionParams }, config: { personal: true } };

  app.get<{ Params: Params }>(`/oidc/interaction/:uid`, opts, async (request, reply) => {
    const found = await details(request, reply);
    if (!found) return expired(request, reply);
    const { d, client } = found;
    if (d.prompt.name === 'login') {
      await audit(db, { action: 'federation.login', actorId: request.actor.personId, ip: request.ip, details: { clientId: client.id, client: client.name } });
      return finish(request, reply, found, { login: { accountId: request.actor.personId } });
    }
    if (client.consentPreapproved) return finish(request, reply, found, { consent: { grantId: await grantConsent(request, found) } });
    const scopes = String(d.params.scope ?? '').split(' ');
    return reply.page(
      { title: t('federation.consent.title', client.name), narrow: true },
      h(ConsentPage, {
        uid: d.uid,
        client: client.name,
        person: request.actor.displayName,
        claims: claimLabels(scopes, client.trusted === 1),
        csrf: request.csrfToken,
      }),
    );
  });

  const post = { schema: { params: schema.InteractionParams, body: schema.CsrfForm }, config: { personal: true } };

  app.post<{ Params: Params }>(`/oidc/interaction/:uid/confirm`, post, async (request, reply) => {
    const found = await details(request, reply);
    if (!found || found.d.prompt.name !== 'consent') return expired(request, reply);
    return finish(request, reply, found, { consent: { grantId: await grantConsent(request, found) } });
  });

  app.post<{ Params: Params }>(`/oidc/interaction/:uid/abort`, post, async (request, reply) => {
    const found = await details(request, reply);
    if (!found) return expired(request, reply);
    await audit(db, { action: 'federation.consent.refused', actorId: request.actor.personId, ip: request.ip, details: { clientId: found.client.id } });
    return finish(request, reply, found, { error: 'access_denied', error_description: 'consent refused' });
  });
}
