import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';

/** Every JSON route with a schema appears in `/api/openapi.json`. `fastify-plugin`: swagger must see every module's routes. */
export const openApiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Préau API',
        version: '0.1.0',
        description: 'API JSON de Préau. Authentification par cookie de session ; les requêtes qui modifient des données envoient l’en-tête x-csrf-token.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'preau_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    hideUntagged: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
});
