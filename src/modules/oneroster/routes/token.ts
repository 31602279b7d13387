import type { FastifyError, FastifyInstance } from 'fastify';
import * as schema from '../schema.js';
import { issueToken, TokenError, type ClientsDeps } from '../service/clients.js';

export const TOKEN_PATH = '/oneroster/oauth/token';

/** `Authorization: Basic base64(id:secret)` (RFC 6749 §2.3.1: both halves form-urlencoded). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]{1,600})$/.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return null;
  }
}

/**
 * The OAuth 2.0 token endpoint of the rostering API (client credentials). It answers as RFC 6749
 * says, errors included (`{ "error": "invalid_client", "error_description": … }`), which is why it
 * lives outside /api like the OpenID provider's /oidc/token, and is described in docs/oneroster.md
 * rather than in the OpenAPI document.
 */
export async function tokenRoutes(app: FastifyInstance, deps: ClientsDeps) {
  app.setErrorHandler((error: FastifyError | TokenError, request, reply) => {
    reply.header('cache-control', 'no-store');
    if (error instanceof TokenError) {
      if (error.status === 401) reply.header('www-authenticate', 'Basic realm="oneroster"');
      return reply.code(error.status).send({ error: error.code, error_description: error.message });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'token request failed');
    return reply.code(status).send({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: 'Requête de jeton incorrecte.' });
  });

  app.post<{ Body: schema.TokenBodyInput }>(
    TOKEN_PATH,
    { schema: { body: schema.TokenBody, hide: true }, config: { skipCsrf: true } },
    async (request, reply) => {
      const basic = basicCredentials(request.headers.authorization);
      const id = basic?.id ?? request.body.client_id;
      const secret = basic?.secret ?? request.body.client_secret;
      if (!id || !secret) throw new TokenError(401, 'invalid_client', 'Authentification de l’application attendue (Basic ou client_id et client_secret).');
      const token = await issueToken(deps, {
        clientId: id,
        clientSecret: secret,
        grantType: request.body.grant_type,
        scope: request.body.scope,
        ip: request.ip,
      });
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return token;
    },
  );
}
