/**
 * A ceiling on requests per minute, per person once signed in and per address before: a script
 * looping on the API slows down (429, `Retry-After`) before it slows everyone else. Per person
 * rather than per address, because a whole school goes out through one address. The counts are
 * in Redis when REDIS_URL is set, so every instance behind the balancer counts together; if Redis
 * does not answer, requests go through rather than fail. Static files and `/healthz` are not
 * counted. RATE_LIMIT_PER_MINUTE=0 turns it off (the benchmark does, to measure the server).
 * `fastify-plugin`: the limit must reach every module's routes.
 */
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export const rateLimitPlugin = fp(async (app) => {
  const max = app.config.rateLimitPerMinute;
  if (max === 0) return;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow: 60_000,
    // After the session hook (route-level hooks run after the shared ones): the person is known.
    hook: 'onRequest',
    keyGenerator: (request: FastifyRequest) => (request.optionalActor ? `person:${request.optionalActor.personId}` : `address:${request.ip}`),
    allowList: (request: FastifyRequest) => request.url.startsWith('/static/') || request.url === '/healthz',
    ...(app.redis ? { redis: app.redis, nameSpace: `${app.config.redisPrefix}rate:` } : {}),
    skipOnError: true,
  });
});
