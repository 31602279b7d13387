import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../../../kernel/audit.js';
import { AppError } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import type { RosterClientFacts } from '../policy.js';
import * as schema from '../schema.js';
import { clientOfToken, type ClientsDeps } from '../service/clients.js';
import { getResource, listResource, type CollectionQuery, type ResourceName, type RosterDeps, type Within } from '../service/roster.js';
import { codeMinorOf, RosterError, statusPayload } from '../status.js';

/** Where the rostering API answers: OneRoster's own path under Préau's API. */
export const ROSTER_PREFIX = '/api/ims/oneroster/rostering/v1p2';

declare module 'fastify' {
  interface FastifyRequest {
    /** The partner behind the bearer token, on the rostering API. */
    rosterClient: RosterClientFacts | null;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]{20,200}=*)$/;

/** `Link` header for a page: first, previous, next and last, keeping the other query parameters. */
function linkHeader(request: FastifyRequest, base: string, total: number, limit: number, offset: number): string {
  const url = new URL(request.url, base);
  const at = (o: number) => {
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(o));
    return `<${base}${url.pathname}${url.search}>`;
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [`${at(0)}; rel="first"`, `${at(last)}; rel="last"`];
  if (offset + limit < total) links.push(`${at(offset + limit)}; rel="next"`);
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))}; rel="prev"`);
  return links.join(', ');
}

/**
 * OneRoster 1.2 rostering, read-only, for partners holding a bearer token. Every request is
 * audited (the partner, the method and address, the answer's status); every error carries
 * OneRoster's status information and Préau's error envelope.
 */
export async function rosterRoutes(app: FastifyInstance, deps: ClientsDeps) {
  const roster: RosterDeps = {
    db: deps.db,
    clock: deps.clock,
    // Read on each request: the public address is the configuration's, whenever it is known.
    get base() {
      return `${app.config.publicUrl}${ROSTER_PREFIX}`;
    },
  };
  app.decorateRequest('rosterClient', null);

  app.addHook('onRequest', async (request, reply) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    request.rosterClient = match ? await clientOfToken(deps, match[1]!) : null;
    if (!request.rosterClient) {
      reply.header('www-authenticate', 'Bearer realm="oneroster"');
      throw new RosterError(401, 'unauthorisedrequest', t('oneroster.error.unauthorised'));
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    await audit(deps.db, {
      action: 'oneroster.read',
      ip: request.ip,
      details: { clientId: request.rosterClient?.clientId ?? null, method: request.method, url: request.url.slice(0, 500), status: reply.statusCode },
    });
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let status = 500;
    let message = t('error.internal');
    let details: unknown = null;
    let minor = codeMinorOf(500);
    if (error instanceof RosterError) {
      status = error.statusCode;
      message = error.message;
      minor = error.codeMinor;
    } else if (error instanceof AppError) {
      status = error.statusCode;
      message = status === 404 ? t('oneroster.error.unknownobject') : error.message;
      details = error.details;
      minor = codeMinorOf(status);
    } else if ((error as FastifyError).validation) {
      status = 400;
      message = t('oneroster.error.invaliddata');
      details = (error as FastifyError).validation?.map((v) => ({
        field: v.instancePath.replace(/^\//, '') || String(v.params?.missingProperty ?? ''),
        message: v.message,
      }));
      minor = 'invaliddata';
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      message = t('oneroster.error.invaliddata');
      minor = codeMinorOf(status);
    }
    if (status >= 500) request.log.error({ err: error }, 'rostering request failed');
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .send(statusPayload(minor, message, details));
  });

  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .header('cache-control', 'no-store')
      .send(statusPayload('unknownobject', t('oneroster.error.notFound'))),
  );

  const tags = ['oneroster'];
  const security = [] as never[];
  const description = 'Jeton porteur OAuth 2.0 (client credentials, POST /oneroster/oauth/token) exigé ; voir docs/oneroster.md.';
  const send = async (request: FastifyRequest, reply: FastifyReply, name: ResourceName, within: Within = {}) => {
    const result = await listResource(roster, request.rosterClient!, name, request.query as CollectionQuery, within);
    reply.header('x-total-count', String(result.total));
    reply.header('link', linkHeader(request, app.config.publicUrl, result.total, result.limit, result.offset));
    reply.header('cache-control', 'no-store');
    return result.payload;
  };

  const collection = (url: string, name: ResourceName, item: unknown, summary: string, within: (params: { sourcedId?: string }) => Within = () => ({})) =>
    app.get<{ Params: { sourcedId?: string } }>(
      url,
      {
        schema: {
          summary,
          description,
          tags,
          security,
          ...(url.includes(':sourcedId') ? { params: schema.SourcedIdParams } : {}),
          querystring: schema.CollectionQuery,
          response: { 200: { type: 'object', properties: { [name]: { type: 'array', items: item } } }, ...schema.rosterErrors },
        },
      },
      (request, reply) => send(request, reply, name, within(request.params)),
    );

  const single = (url: string, name: ResourceName, member: string, item: unknown, summary: string, within: Within = {}) =>
    app.get<{ Params: { sourcedId: string }; Querystring: { fields?: string } }>(
      url,
      {
        schema: {
          summary,
          description,
          tags,
          security,
          params: schema.SourcedIdParams,
          querystring: schema.ObjectQuery,
          response: { 200: { type: 'object', properties: { [member]: item } }, ...schema.rosterErrors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return getResource(roster, request.rosterClient!, name, request.params.sourcedId, request.query.fields, within);
      },
    );

  collection('/orgs', 'orgs', schema.Org, 'Structures : écoles accordées et leurs communes');
  single('/orgs/:sourcedId', 'orgs', 'org', schema.Org, 'Une structure');
  collection('/schools', 'orgs', schema.Org, 'Écoles accordées', () => ({ type: 'school' }));
  single('/schools/:sourcedId', 'orgs', 'org', schema.Org, 'Une école', { type: 'school' });
  collection('/academicSessions', 'academicSessions', schema.AcademicSession, 'Année scolaire en cours');
  single('/academicSessions/:sourcedId', 'academicSessions', 'academicSession', schema.AcademicSession, 'Une année scolaire');
  collection('/classes', 'classes', schema.Class, 'Classes et groupes de l’année');
  single('/classes/:sourcedId', 'classes', 'class', schema.Class, 'Une classe');
  collection('/users', 'users', schema.User, 'Élèves, enseignants et parents');
  single('/users/:sourcedId', 'users', 'user', schema.User, 'Une personne');
  collection('/students', 'users', schema.User, 'Élèves', () => ({ role: 'student' }));
  single('/students/:sourcedId', 'users', 'user', schema.User, 'Un élève', { role: 'student' });
  collection('/teachers', 'users', schema.User, 'Les enseignants', () => ({ role: 'teacher' }));
  single('/teachers/:sourcedId', 'users', 'user', schema.User, 'Un membre du corps enseignant', { role: 'teacher' });
  collection('/enrollments', 'enrollments', schema.Enrollment, 'Inscriptions dans les classes');
  single('/enrollments/:sourcedId', 'enrollments', 'enrollment', schema.Enrollment, 'Une inscription');
  collection('/demographics', 'demographics', schema.Demographics, 'Données démographiques (portée dédiée)');
  single('/demographics/:sourcedId', 'demographics', 'demographics', schema.Demographics, 'Données démographiques d’une personne');
  collection('/schools/:sourcedId/classes', 'classes', schema.Class, 'Classes d’une école', (p) => ({ schoolId: p.sourcedId }));
  collection('/schools/:sourcedId/enrollments', 'enrollments', schema.Enrollment, 'Inscriptions d’une école', (p) => ({ schoolId: p.sourcedId }));
  collection('/schools/:sourcedId/students', 'users', schema.User, 'Élèves d’une école', (p) => ({ schoolId: p.sourcedId, role: 'student' }));
  collection('/schools/:sourcedId/teachers', 'users', schema.User, 'Les enseignants d’une école', (p) => ({ schoolId: p.sourcedId, role: 'teacher' }));
  collection('/classes/:sourcedId/students', 'users', schema.User, 'Élèves d’une classe', (p) => ({ classId: p.sourcedId, role: 'student' }));
  collection('/classes/:sourcedId/teachers', 'users', schema.User, 'Les enseignants d’une classe', (p) => ({ classId: p.sourcedId, role: 'teacher' }));
}
