import type Provider from 'oidc-provider';
import { keySetVersion, signingKeys } from './keys.js';
import { buildProvider, type ProviderDeps } from './provider.js';

/** How often a running instance looks for a rotated key set (another instance, or the CLI, may rotate). */
const KEY_CHECK_MS = 30_000;

/**
 * The provider, built on first use (the public address is only known once the server listens in
 * tests) and rebuilt when the key set changes, so a rotation takes effect without a restart.
 */
export class ProviderHost {
  private current: { provider: Provider; version: string; checkedAt: number } | null = null;
  private pending: Promise<Provider> | null = null;

  constructor(private readonly deps: Omit<ProviderDeps, 'secret'> & { secret: () => Promise<string> }) {}

  async provider(): Promise<Provider> {
    const now = Date.now();
    if (this.current && now - this.current.checkedAt < KEY_CHECK_MS) return this.current.provider;
    this.pending ??= this.refresh(now).finally(() => (this.pending = null));
    return this.pending;
  }

  /** Forget the built provider (after a rotation in this process). */
  reset(): void {
    this.current = null;
  }

  private async refresh(now: number): Promise<Provider> {
    const version = await keySetVersion(this.deps.db);
    if (this.current && this.current.version === version) {
      this.current.checkedAt = now;
      return this.current.provider;
    }
    const secret = await this.deps.secret();
    const keys = await signingKeys(this.deps.db, secret, this.deps.clock.now());
    const provider = buildProvider({ ...this.deps, secret }, { keys });
    this.current = { provider, version: await keySetVersion(this.deps.db), checkedAt: now };
    return provider;
  }
}
