import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import { ErrorResponse } from './schemas.js';

/** `GET /api/homework/lessons/:id` → `getHomeworkLessonsById`: readable, unique per route, URL-safe. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/**
 * A response schema as the document states it: every object closed to properties it does not
 * declare (the serializer drops them anyway), copied so the route's own schema is untouched.
 */
export function strictCopy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictCopy);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'examples' || key === 'default' ? value : strictCopy(value);
  if (copy.type === 'object' && copy.properties && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

/** Every JSON route with a schema appears in `/api/openapi.json`. `fastify-plugin`: swagger must see every module's routes. */
export const openApiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Préau API',
        version: '0.1.0',
        description: 'API JSON de Préau. Authentification par cookie de session ; les requêtes qui modifient des données envoient l’en-tête x-csrf-token.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      servers: [{ url: app.config.publicUrl, description: 'Cette instance de Préau' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'preau_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    hideUntagged: true,
    // Filled here for every route, so that no module can forget them: a stable operationId, the
    // security the route kit applies, and the error responses every route can give.
    transform: ({ schema, url, route }) => {
      const method = [route.method].flat()[0] ?? 'GET';
      const open = route.config?.access === 'public';
      // A route without a response schema streams a file (downloads): documented as binary.
      const responses = (schema?.response ?? {
        200: { description: 'Le fichier.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      }) as Record<string, unknown>;
      const has4xx = Object.keys(responses).some((code) => code.startsWith('4'));
      return {
        url,
        schema: {
          ...schema,
          operationId: (schema as { operationId?: string } | undefined)?.operationId ?? operationIdOf(method, url),
          security: (schema as { security?: unknown } | undefined)?.security ?? (open ? [] : [{ session: [] }]),
          response: strictCopy(has4xx ? responses : { ...responses, 400: ErrorResponse, 404: ErrorResponse }),
        } as typeof schema,
      };
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
});
