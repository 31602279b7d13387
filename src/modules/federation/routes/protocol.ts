import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderHost } from '../host.js';
import { OIDC_PREFIX } from '../provider.js';

/**
 * The provider's own endpoints (authorization, token, userinfo, JWKS, logout…) under /oidc, and
 * discovery at the instance's root as the issuer asks. The provider reads its bodies itself, so
 * this scope leaves them unparsed; it answers on the raw response (no Préau page, no CSRF token:
 * the protocol has its own protections: PKCE, client authentication, state).
 */
export async function protocolRoutes(app: FastifyInstance, { host }: { host: ProviderHost }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

  async function forward(request: FastifyRequest, reply: FastifyReply, path: string) {
    const provider = await host.provider();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    // The provider finds its mount point by comparing the two (as under Express).
    raw.originalUrl = `${OIDC_PREFIX}${path}`;
    raw.url = path;
    reply.hijack();
    await new Promise<void>((resolve) => {
      reply.raw.once('close', resolve);
      void provider.callback()(raw, reply.raw);
    });
  }

  const config = { skipCsrf: true };
  app.route({
    method: ['GET', 'POST'],
    url: `${OIDC_PREFIX}/*`,
    config,
    handler: (request, reply) => forward(request, reply, request.raw.url!.slice(OIDC_PREFIX.length) || '/'),
  });
  app.get('/.well-known/openid-configuration', { config }, (request, reply) => forward(request, reply, '/.well-known/openid-configuration'));
}
