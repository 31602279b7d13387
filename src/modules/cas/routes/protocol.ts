import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { audit } from '../../../kernel/audit.js';
import { t } from '../i18n/fr.js';
import { validationJson, validationXml } from '../responses.js';
import { LoginQuery, LogoutQuery, ValidateQuery } from '../schema.js';
import type { CasDeps } from '../service/deps.js';
import { serviceFor } from '../service/services.js';
import { mintStamp, readStamp, sessionBeganSince } from '../service/stamps.js';
import { issueTicket, validateTicket, type ValidationRequest } from '../service/tickets.js';
import { ContinuePage, LoggedOutPage, UnknownServicePage } from '../views/pages.js';

const yes = (value: string | undefined) => value === 'true' || value === '1';

/** The service URL with `ticket` added to its query, before any fragment. */
export function withTicket(service: string, ticket: string): string {
  const hash = service.indexOf('#');
  const [base, fragment] = hash === -1 ? [service, ''] : [service.slice(0, hash), service.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}${fragment}`;
}

/** /cas/login again, as the sign-in page or the charter will send the person back to it. */
function casLoginPath(service: string, renew: boolean, stamp: string): string {
  const q = new URLSearchParams({ service });
  if (renew) q.set('renew', 'true');
  q.set('lt', stamp);
  return `/cas/login?${q.toString()}`;
}

/** The CAS protocol endpoints (Apereo CAS protocol 2.0 and 3.0), public on purpose. */
export const casProtocol: FastifyPluginAsyncTypebox<CasDeps> = async (app, deps) => {
  const unknown = (reply: FastifyReply, status: number, service: string | null) =>
    reply.page({ title: t('cas.unknown.title'), narrow: true, status }, h(UnknownServicePage, { service }));

  app.get('/cas/login', { schema: { querystring: LoginQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) return unknown(reply, 400, null);
    const { service: url, lt } = request.query;
    const renew = yes(request.query.renew);
    // The specification lets renew win over gateway.
    const gateway = !renew && yes(request.query.gateway);
    const actor = request.optionalActor;
    if (!url) return reply.redirect(actor ? '/' : '/login', 303);
    const service = await serviceFor(deps, url);
    if (!service) {
      await audit(deps.db, { action: 'cas.service.unknown', actorId: actor?.personId ?? null, ip: request.ip, details: { service: url.slice(0, 500) } });
      return unknown(reply, 403, url);
    }
    const now = deps.clock.now();
    const stampedAt = lt ? await readStamp(deps.db, lt, now) : null;
    const fresh = !!actor && !!request.session && stampedAt !== null && (await sessionBeganSince(deps.db, request.session.id, stampedAt));
    if (renew && !fresh) {
      // A fresh password is asked for: the current session ends, the sign-in page comes back here.
      if (actor) await app.endSession(request, reply);
      return reply.redirect(`/login?next=${encodeURIComponent(casLoginPath(url, true, await mintStamp(deps.db, now)))}`, 303);
    }
    if (!actor) {
      if (gateway) return reply.redirect(url, 302);
      return reply.redirect(`/login?next=${encodeURIComponent(casLoginPath(url, false, await mintStamp(deps.db, now)))}`, 303);
    }
    if (!actor.charterAccepted) {
      return reply.redirect(`/charter?next=${encodeURIComponent(casLoginPath(url, renew, lt ?? (await mintStamp(deps.db, now))))}`, 303);
    }
    const ticket = await issueTicket(deps, actor, service, url, { fresh, ip: request.ip });
    const target = withTicket(url, ticket);
    reply.header('Cache-Control', 'no-store');
    // Straight from the partner a redirect is fine; after the sign-in form it must be a page.
    if (!lt) return reply.redirect(target, 302);
    return reply.page({ title: t('cas.continue.title'), narrow: true }, h(ContinuePage, { name: service.name, target }));
  });

  app.get('/cas/logout', { schema: { querystring: LogoutQuery }, attachValidation: true }, async (request, reply) => {
    const actor = request.optionalActor;
    if (actor) {
      await app.endSession(request, reply);
      await audit(deps.db, { action: 'cas.logout', actorId: actor.personId, subjectId: actor.personId, ip: request.ip });
    }
    const url = request.validationError ? undefined : request.query.service;
    // Only to a registered service: /cas/logout must not send anyone anywhere.
    if (url && (await serviceFor(deps, url))) return reply.redirect(url, 302);
    return reply.page({ title: t('cas.logout.title'), narrow: true }, h(LoggedOutPage, {}));
  });

  const validation = (endpoint: ValidationRequest['endpoint']) =>
    async function validate(request: { query: ValidateQuery; validationError?: Error; ip: string }, reply: FastifyReply) {
      const q = request.validationError ? {} : request.query;
      const result = await validateTicket(deps, { ticket: q.ticket, service: q.service, renew: yes(q.renew), endpoint, ip: request.ip });
      reply.header('Cache-Control', 'no-store');
      if (q.format?.toUpperCase() === 'JSON') return reply.type('application/json; charset=utf-8').send(validationJson(result));
      return reply.type('application/xml; charset=utf-8').send(validationXml(result, endpoint !== '2'));
    };
  const options = { schema: { querystring: ValidateQuery }, attachValidation: true };
  // CAS 1.0: plain text, `yes` and the user on two lines, or `no`; the same single-use ticket rules.
  app.get<{ Querystring: ValidateQuery }>('/cas/validate', options, async (request, reply) => {
    const q = request.validationError ? {} : request.query;
    const result = await validateTicket(deps, { ticket: q.ticket, service: q.service, renew: yes(q.renew), endpoint: '1', ip: request.ip });
    reply.header('Cache-Control', 'no-store').type('text/plain; charset=utf-8');
    return reply.send(result.ok ? `yes\n${result.user}\n` : 'no\n');
  });
  app.get('/cas/serviceValidate', options, validation('2'));
  app.get('/cas/p3/serviceValidate', options, validation('3'));
  app.get('/cas/proxyValidate', options, validation('proxy'));
  app.get('/cas/p3/proxyValidate', options, validation('proxy'));
};
