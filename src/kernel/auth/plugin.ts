import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import { AppError, Unauthorized } from '../http/errors.js';
import { Forbidden } from '../authz/index.js';
import { wantsJson } from '../http/plugin.js';
import { t } from '../i18n/fr.js';
import { createSession, destroySession, findSession } from './sessions.js';
import { randomToken, safeEqual } from './tokens.js';
import { peekFirstField } from '../storage/first-field.js';

export const SESSION_COOKIE = 'preau_session';
const ANON_CSRF_COOKIE = 'preau_csrf';

export type ActorLoader = (db: Db, personId: string, structureId: string | null) => Promise<Actor | null>;

/** Who has just given the right password, as a sign-in step sees them. */
export interface PasswordChecked {
  id: string;
  profile: Actor['profile'];
}

/**
 * What a sign-in step decides once the password is right: nothing (null, the session opens), a
 * place to go instead of opening the session (`hold`: a second factor), or a place to go first
 * after opening it (`then`).
 */
export type SignInStepResult = { hold: string } | { then: string } | null;

/** A check run between the right password and the session (registered by a module: second factor). */
export type SignInStep = (request: FastifyRequest, reply: FastifyReply, person: PasswordChecked, next: string | null) => Promise<SignInStepResult>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions (server-side rows, cookie holds a random token), `request.optionalActor`, and CSRF
 * checks on every state-changing request: the session's token, or before login a double-submit
 * cookie. `fastify-plugin`: the request decorators and hooks must reach every module.
 */
export const authPlugin = fp(async (app, opts: { loadActor: ActorLoader }) => {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const secure = app.config.publicUrl.startsWith('https://');
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };

  app.decorateRequest('optionalActor', null);
  // Inside `authenticated` scopes the hook below has already answered 401 when nobody is signed
  // in, so handlers read a non-null actor; anywhere else a missing person is a 401, never a crash.
  app.decorateRequest('actor', {
    getter(this: FastifyRequest) {
      if (!this.optionalActor) throw new Unauthorized();
      return this.optionalActor;
    },
  });
  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');
  app.decorate('signInSteps', [] as SignInStep[]);

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.db, token, lifetimes, app.clock.now());
      const actor = session ? await opts.loadActor(app.db, session.personId, session.structureId) : null;
      if (session && actor) {
        request.session = session;
        request.optionalActor = actor;
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
    // An unknown route answers 404/405 whatever the token: there is nothing to protect.
    if (!UNSAFE.has(request.method) || request.routeOptions.config?.skipCsrf || request.is404) return;
    const body = request.body as Record<string, unknown> | undefined;
    let sent =
      (request.headers['x-csrf-token'] as string | undefined) ?? (body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined);
    // A multipart form carries its token as its first field, never in the address (it would sit
    // in the history and the logs, and a reload would post again). The first part is read and
    // put back before any file part is looked at, so a refused request stores nothing.
    if (sent === undefined && request.isMultipart()) {
      const first = await peekFirstField(request.raw, request.headers['content-type']);
      if (first?.name === '_csrf') sent = first.value;
    }
    if (!sent || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
      throw new AppError(403, 'csrf', t('error.csrf'));
    }
  });

  app.decorate('startSession', async function (request: FastifyRequest, reply: FastifyReply, personId: string, structureId: string | null) {
    // Rotate: whatever session came with the request ends here.
    if (request.session) await destroySession(app.db, request.session.id);
    const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: lifetimes.absoluteMinutes * 60 });
    request.session = session;
    request.csrfToken = session.csrfToken;
    return session;
  });

  app.decorate('endSession', async function (request: FastifyRequest, reply: FastifyReply) {
    if (request.session) await destroySession(app.db, request.session.id);
    request.session = null;
    request.optionalActor = null;
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // A shared device keeps nothing of the person who leaves: HTTP cache, offline pages, worker.
    reply.header('clear-site-data', '"cache", "storage"');
  });
});

/**
 * The one way in for routes that need a person. The scope resolves the session once (the kernel's
 * hook above), answers 401 JSON for the API and sends pages to `/login?next=…` before the body is
 * read, holds every page but the charter until the usage charter is accepted, and marks its routes
 * `access: 'person'` for the route-coverage test. Register a module's private routes inside it:
 *
 *     await app.register(authenticated(async (app) => { await app.register(api, { prefix: '/api/x' }); }));
 */
export function authenticated<O extends Record<string, unknown> = Record<string, never>>(routes: (app: FastifyInstance, opts: O) => Promise<void>) {
  return async function authenticatedScope(app: FastifyInstance, opts: O) {
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'person' };
    });
    app.addHook('onRequest', requirePerson);
    await routes(app, opts);
  };
}

/**
 * Routes anyone may call (login, activation, public feeds). Each still declares itself, so that
 * the coverage test knows the route is public on purpose and checks what a stranger gets.
 */
export function publicRoutes<O extends Record<string, unknown> = Record<string, never>>(routes: (app: FastifyInstance, opts: O) => Promise<void>) {
  return async function publicScope(app: FastifyInstance, opts: O) {
    app.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' };
    });
    await routes(app, opts);
  };
}

async function requirePerson(request: FastifyRequest, reply: FastifyReply) {
  const actor = request.optionalActor;
  if (!actor) {
    if (wantsJson(request)) throw new Unauthorized();
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  if (actor.charterAccepted || request.routeOptions.config?.beforeCharter) return;
  // Until the usage charter is accepted, every page leads to it and the API refuses.
  if (wantsJson(request)) throw new Forbidden(t('error.charter_pending'), 'account.charter_required');
  const path = request.url.split('?')[0] ?? '/';
  const next = request.method === 'GET' && path !== '/' && !request.url.startsWith('//') ? request.url : null;
  return reply.redirect(next ? `/charter?next=${encodeURIComponent(next)}` : '/charter', 303);
}

declare module 'fastify' {
  interface FastifyInstance {
    startSession(request: FastifyRequest, reply: FastifyReply, personId: string, structureId: string | null): Promise<import('../http/types.js').SessionInfo>;
    endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** Checks between a right password and an open session; the first that answers decides. */
    signInSteps: SignInStep[];
  }
}

/** Runs the registered sign-in steps in order; the first that answers decides (null: open the session). */
export async function signInStep(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  person: PasswordChecked,
  next: string | null,
): Promise<SignInStepResult> {
  for (const step of app.signInSteps) {
    const result = await step(request, reply, person, next);
    if (result) return result;
  }
  return null;
}
