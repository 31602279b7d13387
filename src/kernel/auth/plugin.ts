import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { AppError, Unauthorized } from '../http/errors.js';
import { wantsJson } from '../http/plugin.js';
import { t } from '../i18n/fr.js';
import { createSession, destroySession, findSession } from './sessions.js';
import { randomToken, safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'preau_session';
const ANON_CSRF_COOKIE = 'preau_csrf';

export type ActorLoader = (db: Db, personId: string, structureId: string | null) => Promise<Actor | null>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions (server-side rows, cookie holds a random token), `request.actor`, and CSRF checks on
 * every state-changing request: the session's token, or before login a double-submit cookie.
 */
export const authPlugin = fp(async (app, opts: { loadActor: ActorLoader }) => {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const secure = app.config.publicUrl.startsWith('https://');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.db, token, lifetimes);
      const actor = session ? await opts.loadActor(app.db, session.personId, session.structureId) : null;
      if (session && actor) {
        request.session = session;
        request.actor = actor;
        request.csrfToken = session.csrfToken;
        return;
      }
      if (session) await destroySession(app.db, session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    let anon = request.cookies[ANON_CSRF_COOKIE];
    if (!anon || anon.length < 20) {
      anon = randomToken(24);
      reply.setCookie(ANON_CSRF_COOKIE, anon, cookieOptions);
    }
    request.csrfToken = anon;
  });

  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config?.skipCsrf) return;
    const body = request.body as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    // Multipart bodies are streamed, so their forms carry the token in the query string.
    const sent =
      (request.headers['x-csrf-token'] as string | undefined) ??
      (body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined) ??
      (request.isMultipart() && typeof query?._csrf === 'string' ? query._csrf : undefined);
    if (!sent || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
      throw new AppError(403, 'csrf', t('error.csrf'));
    }
  });

  app.decorate('startSession', async function (request: FastifyRequest, reply: FastifyReply, personId: string, structureId: string | null) {
    // Rotate: whatever session came with the request ends here.
    if (request.session) await destroySession(app.db, request.session.id);
    const { token, session } = await createSession(app.db, personId, structureId, lifetimes);
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: lifetimes.absoluteMinutes * 60 });
    request.session = session;
    request.csrfToken = session.csrfToken;
    return session;
  });

  app.decorate('endSession', async function (request: FastifyRequest, reply: FastifyReply) {
    if (request.session) await destroySession(app.db, request.session.id);
    request.session = null;
    request.actor = null;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
});

/** preHandler for routes that need a person: 401 for the API, the login page for pages. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor) return;
  if (wantsJson(request)) throw new Unauthorized();
  const next = encodeURIComponent(request.url);
  return reply.redirect(`/login?next=${next}`, 303);
}

declare module 'fastify' {
  interface FastifyInstance {
    startSession(request: FastifyRequest, reply: FastifyReply, personId: string, structureId: string | null): Promise<import('../http/types.js').SessionInfo>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}
