import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { isCurrentFingerprint, serveAssetsFrom } from './assets.js';
import { navCounts } from './nav-counts.js';
import type { NavRegistration } from './types.js';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { h } from 'preact';
import FindMyWay from 'find-my-way';
import { stripControlsDeep } from '../text.js';
import { AppError, errorBody, InvalidInput } from './errors.js';
import { Layout } from '../views/layout.js';
import { PageLooks } from '../views/page-look.js';
import { renderDocument } from '../views/render.js';
import { t } from '../i18n/fr.js';

/** The path of the first number that is not finite (after validation coerced the schema's numbers). */
function nonFiniteField(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (depth > 20 || !value || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFiniteField(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function errorPage(reply: FastifyReply, status: number, message: string) {
  return reply.page(
    { title: t('error.title'), status },
    h('section', { class: 'card' }, [h('h1', null, t('error.title')), h('p', null, message), h('p', null, h('a', { href: '/' }, t('error.back')))]),
  );
}

/** Every route of the app as registered, for the route-coverage test (HEAD twins left out). */
export interface RouteRecord {
  method: string;
  url: string;
  /** Read after registration: the route kit's scopes mark `config.access` once the route exists. */
  options: RouteOptions;
}

/** Records every route as it is registered; called on the bare instance, before any plugin. */
export function recordRoutes(app: FastifyInstance): void {
  app.decorate('routeTable', [] as RouteRecord[]);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, options: route });
    }
  });
}

/**
 * Error model, security headers, static files, form bodies and the page renderer.
 * `fastify-plugin`: the reply decorators, the error handler and the route table serve every module.
 */
export const httpPlugin = fp(async (app, opts: { publicDir: string }) => {
  const secure = app.config.publicUrl.startsWith('https://');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: secure ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Pages, CSS and JSON over 1 KB travel compressed; brotli at a low quality costs little CPU per page.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    customTypes: /^(text\/html|text\/css|application\/json|text\/javascript|application\/javascript|image\/svg\+xml)/,
  });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: app.config.uploadMaxBytes, files: 20, fields: 50 } });
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' };
    });
    serveAssetsFrom(opts.publicDir);
    // The current fingerprint's bytes never change: kept a year. Otherwise an hour, with its ETag.
    assets.addHook('onSend', async (request, reply) => {
      if (reply.statusCode < 400 && isCurrentFingerprint(request.url)) reply.header('cache-control', 'public, max-age=31536000, immutable');
    });
    await assets.register(fastifyStatic, { root: path.resolve(opts.publicDir), prefix: '/static/', maxAge: '1h', index: false });
  });

  // Modules dress every page (reading settings on <html>, footer links) without the layout importing them.
  app.decorate('pageLooks', new PageLooks());
  app.decorateReply('page', async function (this: FastifyReply, options, body) {
    const request = this.request;
    const actor = request.optionalActor;
    const { status, ...layout } = options;
    const visible = actor ? this.server.nav.filter((n) => n.visible(actor)).sort((a, b) => a.order - b.order) : [];
    const look = await this.server.pageLooks.collect(actor);
    const counts = actor ? await navCounts(this.server.db, actor, visible) : new Map<NavRegistration, number>();
    const nav = visible.map((n) => ({
      href: n.href,
      label: typeof n.label === 'function' ? n.label() : n.label,
      service: n.service,
      count: counts.get(n),
    }));
    const html = renderDocument(
      h(
        Layout,
        {
          ...layout,
          user: actor ? { displayName: actor.displayName, structures: actor.structures, activeStructureId: actor.activeStructureId } : null,
          nav,
          currentPath: request.url.split('?')[0],
          csrfToken: request.csrfToken,
          flash: request.flash,
          look,
        },
        body,
      ),
    );
    if (request.flash) this.clearCookie('preau_flash', { path: '/' });
    return this.code(status ?? 200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  });

  app.decorateReply('setFlash', function (this: FastifyReply, message: string) {
    return this.setCookie('preau_flash', message, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure });
  });

  app.decorateRequest('flash', null);
  app.addHook('onRequest', async (request) => {
    const raw = request.cookies?.preau_flash;
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      request.flash = unsigned.valid ? unsigned.value : null;
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let status = 500;
    let code = 'internal';
    let message = t('error.internal');
    let details: unknown = null;
    if (error instanceof AppError) {
      ({ statusCode: status, code, message } = error);
      details = error.details;
    } else if ((error as FastifyError).validation) {
      status = 400;
      code = 'validation';
      message = t('error.validation');
      details = (error as FastifyError).validation?.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? ''),
        message: v.message,
      }));
    } else if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      status = 413;
      code = 'payload_too_large';
      message = t('error.payload_too_large');
    } else if (error.statusCode === 429) {
      status = 429;
      code = 'too_many_requests';
      message = t('error.too_many');
    } else if (isUniqueViolation(error)) {
      // Two requests writing the same row at the same moment: the person can reload and check.
      // Still logged, since each one is a race in a repository that an upsert should close.
      status = 409;
      code = 'conflict';
      message = t('error.conflict');
      request.log.warn({ err: error }, 'unique key conflict');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = error.code?.toLowerCase() ?? 'bad_request';
      message = status === 404 ? t('error.not_found') : t('error.validation');
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (wantsJson(request)) return reply.code(status).send(errorBody(code, message, details));
    return errorPage(reply, status, message);
  });

  // A path that exists with other methods answers 405 with the methods it has (RFC 9110 §15.5.6).
  let router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1> | null = null;
  const allowedMethods = (method: string, url: string): string[] => {
    if (!router) {
      router = FindMyWay();
      for (const r of app.routeTable) router.on(r.method as FindMyWay.HTTPMethod, r.url, () => {});
    }
    const path = url.split('?')[0] ?? '/';
    // A route that exists for this method and chose to answer "not found" (callNotFound) stays a 404.
    if (router.find(method as FindMyWay.HTTPMethod, path)) return [];
    const found = METHODS.filter((m) => router!.find(m, path));
    return found.includes('GET') ? [...found, 'HEAD'] : found;
  };

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(request.method, request.url);
    if (allow.length > 0) {
      reply.header('allow', allow.join(', '));
      if (wantsJson(request)) return reply.code(405).send(errorBody('method_not_allowed', t('error.method_not_allowed')));
      return errorPage(reply, 405, t('error.method_not_allowed'));
    }
    if (wantsJson(request)) return reply.code(404).send(errorBody('not_found', t('error.not_found')));
    return errorPage(reply, 404, t('error.not_found'));
  });

  // Every text field loses the control characters nobody types, before validation sees it.
  app.addHook('preValidation', async (request) => {
    if (request.query && typeof request.query === 'object') stripControlsDeep(request.query);
    if (request.body && typeof request.body === 'object') stripControlsDeep(request.body);
    if (request.params && typeof request.params === 'object') stripControlsDeep(request.params);
  });

  // Ajv's coercion lets `Infinity` and `1e999` through integer schemas, bounds included. After
  // validation only the schema's numbers are numbers, so a non-finite one is refused here.
  app.addHook('preHandler', async (request) => {
    const bad =
      nonFiniteField(request.query, 'querystring') ?? (request.body && typeof request.body === 'object' ? nonFiniteField(request.body, 'body') : null);
    if (bad) throw new InvalidInput([{ field: bad, message: t('error.not_finite') }], 'validation');
  });

  // Personal data in JSON is never kept by a browser or a proxy (pages already send no-store).
  app.addHook('onSend', async (request, reply) => {
    if (wantsJson(request) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
});

/** A unique or primary key violation from SQLite (better-sqlite3) or PostgreSQL (SQLSTATE 23505). */
function isUniqueViolation(error: { code?: string }): boolean {
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
