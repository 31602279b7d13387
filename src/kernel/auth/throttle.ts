import { MemoryThrottleStore, type Failures, type ThrottleStore } from './limiter.js';

/**
 * Slows whoever guesses, never the owner (OWASP Authentication and Credential Stuffing cheat
 * sheets; docs/decisions/0004-login-throttling.md):
 *
 * - a browser where the person signed in before (a signed device cookie) is only ever slowed by
 *   its own failures;
 * - other browsers are slowed per (login, address) after a few failures, with delays that double,
 *   and per login across all addresses much later (guessing spread over many addresses);
 * - an address is slowed when failures there touch many distinct logins (credential stuffing),
 *   with a limit a whole school behind one address does not reach with its pupils' typos.
 *
 * Nothing sleeps: a refused attempt is answered at once with how long to wait (429, Retry-After).
 */
export interface ThrottleRules {
  /** Failures for one login from one address (unknown browsers) before delays start. */
  freePerLoginAddress: number;
  /** Failures for one login from every unknown browser together before delays start. */
  freePerLogin: number;
  /** Failures from one known browser of a person before its delays start. */
  freePerDevice: number;
  /** The first delay; each further failure doubles it, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Counts are forgotten this long after their last failure. */
  forgetMs: number;
  /** Distinct logins that may fail from one address within `addressWindowMs`. */
  distinctLoginsPerAddress: number;
  addressWindowMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_RULES: ThrottleRules = {
  freePerLoginAddress: 5,
  freePerLogin: 50,
  freePerDevice: 10,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * MINUTE,
  forgetMs: 24 * 60 * MINUTE,
  distinctLoginsPerAddress: 150,
  addressWindowMs: 15 * MINUTE,
};

/** One attempt: the normalised login, the client address, and the known browser it came from, if any. */
export interface Attempt {
  login: string;
  ip: string;
  /** A key naming the person's known browser (from a valid device cookie), or null. */
  device: string | null;
}

/** Which rule refused an attempt, as written in the audit log. */
export type ThrottleRule = 'device' | 'login_address' | 'login' | 'address';

export type Verdict = { ok: true } | { ok: false; rule: ThrottleRule; retryAfterSeconds: number };

/**
 * IPv6 clients usually hold a whole /64: counting per address would let one household rotate
 * through billions of them, so IPv6 addresses count by their /64 prefix.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class Throttle {
  readonly rules: ThrottleRules;

  constructor(
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    rules: Partial<ThrottleRules> = {},
  ) {
    this.rules = { ...DEFAULT_RULES, ...rules };
  }

  /** Whether the attempt may be checked now; if not, which rule refused it and for how long. */
  async check(attempt: Attempt, now: Date): Promise<Verdict> {
    const at = now.getTime();
    const keys = this.keys(attempt);
    if (keys.device) return this.wait('device', await this.store.failures(keys.device, at), this.rules.freePerDevice, at);
    const pair = this.wait('login_address', await this.store.failures(keys.pair, at), this.rules.freePerLoginAddress, at);
    if (!pair.ok) return pair;
    const login = this.wait('login', await this.store.failures(keys.login, at), this.rules.freePerLogin, at);
    if (!login.ok) return login;
    const { count, oldestAt } = await this.store.members(keys.address, at, this.rules.addressWindowMs);
    // The login's own earlier failures do not count against it: the pupil retrying is not a new login.
    if (count >= this.rules.distinctLoginsPerAddress && oldestAt !== null && !(await this.knownAtAddress(attempt, at))) {
      return { ok: false, rule: 'address', retryAfterSeconds: Math.max(1, Math.ceil((oldestAt + this.rules.addressWindowMs - at) / 1000)) };
    }
    return { ok: true };
  }

  async failed(attempt: Attempt, now: Date): Promise<void> {
    const at = now.getTime();
    const keys = this.keys(attempt);
    if (keys.device) {
      await this.store.addFailure(keys.device, at, this.rules.forgetMs);
      return;
    }
    await this.store.addFailure(keys.pair, at, this.rules.forgetMs);
    await this.store.addFailure(keys.login, at, this.rules.forgetMs);
    await this.store.addMember(keys.address, attempt.login, at, this.rules.addressWindowMs);
  }

  /**
   * A success forgets the failures of this known browser, or of this login at this address. A
   * success from a known browser leaves the address's count alone (someone else behind the same
   * address may be guessing), and the login's count across addresses is left to expire: the owner
   * signing in must not reopen guessing from elsewhere.
   */
  async succeeded(attempt: Attempt): Promise<void> {
    const keys = this.keys(attempt);
    await this.store.forget(keys.device ?? keys.pair);
  }

  private keys(attempt: Attempt) {
    const address = addressKey(attempt.ip);
    return {
      device: attempt.device ? `device:${attempt.device}` : null,
      pair: `pair:${attempt.login}|${address}`,
      login: `login:${attempt.login}`,
      address: `address:${address}`,
    };
  }

  private async knownAtAddress(attempt: Attempt, at: number): Promise<boolean> {
    return !!(await this.store.failures(this.keys(attempt).pair, at));
  }

  private wait(rule: ThrottleRule, failures: Failures | null, free: number, at: number): Verdict {
    if (!failures || failures.count < free) return { ok: true };
    const delay = Math.min(this.rules.firstDelayMs * 2 ** (failures.count - free), this.rules.maxDelayMs);
    const remaining = failures.lastAt + delay - at;
    return remaining > 0 ? { ok: false, rule, retryAfterSeconds: Math.ceil(remaining / 1000) } : { ok: true };
  }
}
