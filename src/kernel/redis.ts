/**
 * The shared Redis connection, when REDIS_URL is set: what several instances behind a load
 * balancer must count together (sign-in throttles) lives there. Without it each process keeps
 * its own counts in memory, which is right for a single instance.
 */
import type { Redis } from 'ioredis';
import type { Config } from './config/index.js';

export type RedisClient = Redis;

export async function connectRedis(config: Config): Promise<Redis | null> {
  if (!config.redisUrl) return null;
  // Loaded only when configured: a single instance never needs the client.
  const { Redis } = await import('ioredis');
  // Commands wait for the connection rather than fail while Redis restarts; each gives up after a few tries.
  return new Redis(config.redisUrl, { maxRetriesPerRequest: 3, enableOfflineQueue: true, lazyConnect: false });
}
