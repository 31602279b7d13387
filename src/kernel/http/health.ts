import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

/**
 * `GET /healthz` for load balancers and supervisors: 200 when this instance answers and reaches
 * its database, 503 otherwise (the balancer stops sending people here), and 503 as soon as the
 * instance is shutting down, so it is taken out of rotation before it stops listening.
 */
export const healthRoute: FastifyPluginAsync = async (app) => {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    if (closing) return reply.code(503).header('cache-control', 'no-store').send({ status: 'closing' });
    try {
      await sql`select 1`.execute(app.db);
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'database unreachable' });
    }
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
};
