/**
 * Where the sign-in throttle keeps its counts. The memory store below is enough for one instance;
 * several instances behind a load balancer each count on their own until a shared store (Redis:
 * a hash with PEXPIRE per key, a sorted set per address) implements the same interface (see
 * docs/decisions/0004-login-throttling.md). Times are milliseconds since the epoch, from the
 * caller's clock, so tests move time by hand.
 */
export interface ThrottleStore {
  /** The failures remembered under `key`: how many, and when the last one happened. */
  failures(key: string, now: number): Promise<Failures | null>;
  /** Counts one failure under `key`, remembered until `forgetMs` after it; answers the new count. */
  addFailure(key: string, now: number, forgetMs: number): Promise<Failures>;
  forget(key: string): Promise<void>;
  /** Notes `member` in the set `key` at `now`, kept `keepMs` (a member noted again is refreshed, not counted twice). */
  addMember(key: string, member: string, now: number, keepMs: number): Promise<void>;
  /** The members of `key` noted within `windowMs` before `now`, and when the oldest of them leaves. */
  members(key: string, now: number, windowMs: number): Promise<{ count: number; oldestAt: number | null }>;
}

export interface Failures {
  count: number;
  lastAt: number;
}

/** Beyond this many keys, expired entries are swept on the next write: memory stays bounded. */
const SWEEP_ABOVE = 100_000;

export class MemoryThrottleStore implements ThrottleStore {
  private readonly counts = new Map<string, Failures & { forgetAt: number }>();
  private readonly sets = new Map<string, { keepMs: number; noted: Map<string, number> }>();

  async failures(key: string, now: number): Promise<Failures | null> {
    const entry = this.counts.get(key);
    if (!entry || entry.forgetAt <= now) return null;
    return { count: entry.count, lastAt: entry.lastAt };
  }

  async addFailure(key: string, now: number, forgetMs: number): Promise<Failures> {
    if (this.counts.size > SWEEP_ABOVE) this.sweep(now);
    const entry = this.counts.get(key);
    const count = entry && entry.forgetAt > now ? entry.count + 1 : 1;
    this.counts.set(key, { count, lastAt: now, forgetAt: now + forgetMs });
    return { count, lastAt: now };
  }

  async forget(key: string): Promise<void> {
    this.counts.delete(key);
  }

  async addMember(key: string, member: string, now: number, keepMs: number): Promise<void> {
    if (this.sets.size > SWEEP_ABOVE) this.sweep(now);
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = { keepMs, noted: new Map() }));
    set.keepMs = Math.max(set.keepMs, keepMs);
    set.noted.delete(member);
    set.noted.set(member, now);
  }

  async members(key: string, now: number, windowMs: number): Promise<{ count: number; oldestAt: number | null }> {
    const set = this.sets.get(key);
    if (!set) return { count: 0, oldestAt: null };
    // Members are kept in the order they were last noted: the stale ones are at the front.
    let count = 0;
    let oldestAt: number | null = null;
    for (const [member, at] of set.noted) {
      if (at <= now - set.keepMs) set.noted.delete(member);
      else if (at > now - windowMs) {
        count += 1;
        oldestAt ??= at;
      }
    }
    if (set.noted.size === 0) this.sets.delete(key);
    return { count, oldestAt };
  }

  private sweep(now: number) {
    for (const [key, entry] of this.counts) if (entry.forgetAt <= now) this.counts.delete(key);
    for (const [key, set] of this.sets) {
      const newest = [...set.noted.values()].at(-1) ?? 0;
      if (newest <= now - set.keepMs) this.sets.delete(key);
    }
  }
}
