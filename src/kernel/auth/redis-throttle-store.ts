import type { Redis } from 'ioredis';
import type { Failures, ThrottleStore } from './limiter.js';

/**
 * The throttle's counts in Redis, shared by every instance: a hash per counted key (count, last
 * failure, when it is forgotten) and a sorted set per address (logins scored by when they were
 * noted). Times come from the caller's clock, as in the memory store; Redis's own expiry only
 * frees the memory afterwards. Each write is one Lua script, so concurrent failures on two
 * instances never lose a count.
 */
const ADD_FAILURE = `
local e = redis.call('HMGET', KEYS[1], 'count', 'forgetAt')
local now = tonumber(ARGV[1])
local forget = tonumber(ARGV[2])
local count = 1
if e[1] and tonumber(e[2]) > now then count = tonumber(e[1]) + 1 end
redis.call('HSET', KEYS[1], 'count', count, 'lastAt', now, 'forgetAt', now + forget)
redis.call('PEXPIRE', KEYS[1], forget)
return count
`;

const ADD_MEMBER = `
local now = tonumber(ARGV[1])
local keep = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - keep)
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], keep)
return 1
`;

export class RedisThrottleStore implements ThrottleStore {
  constructor(
    private readonly redis: Redis,
    /** `preau:throttle:login:`: one name space per throttle. */
    private readonly prefix: string,
  ) {}

  async failures(key: string, now: number): Promise<Failures | null> {
    const [count, lastAt, forgetAt] = await this.redis.hmget(this.prefix + key, 'count', 'lastAt', 'forgetAt');
    if (!count || !forgetAt || Number(forgetAt) <= now) return null;
    return { count: Number(count), lastAt: Number(lastAt) };
  }

  async addFailure(key: string, now: number, forgetMs: number): Promise<Failures> {
    const count = await this.redis.eval(ADD_FAILURE, 1, this.prefix + key, now, forgetMs);
    return { count: Number(count), lastAt: now };
  }

  async forget(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async addMember(key: string, member: string, now: number, keepMs: number): Promise<void> {
    await this.redis.eval(ADD_MEMBER, 1, this.prefix + key, now, keepMs, member);
  }

  async members(key: string, now: number, windowMs: number): Promise<{ count: number; oldestAt: number | null }> {
    const from = `(${now - windowMs}`;
    const [count, oldest] = await Promise.all([
      this.redis.zcount(this.prefix + key, from, '+inf'),
      this.redis.zrangebyscore(this.prefix + key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1),
    ]);
    return { count, oldestAt: oldest.length === 2 ? Number(oldest[1]) : null };
  }
}
