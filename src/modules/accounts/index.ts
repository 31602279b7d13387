import type { FastifyPluginAsync } from 'fastify';
import { MemoryThrottleStore } from '../../kernel/auth/limiter.js';
import { RedisThrottleStore } from '../../kernel/auth/redis-throttle-store.js';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import type { Migrations } from '../../kernel/db/index.js';
import { activationRoutes } from './routes/activation.js';
import { accountsApi, accountsPublicApi } from './routes/api.js';
import { charterAcceptance, charterPage } from './routes/charter.js';
import { logoutRoute, loginRoutes } from './routes/session.js';
import { setupRoutes } from './routes/setup.js';
import { structureRoutes } from './routes/structure.js';
import { Throttle } from '../../kernel/auth/throttle.js';
import './policy.js';

export { ensureSetupToken } from './setup.js';
export { passwordProblem, type PasswordProblem } from './password-policy.js';
export { safeNext } from './routes/forms.js';

/** Accounts keep their state in the directory's `people` table and the kernel's tables. */
export const accountsMigrations: Migrations = {};

/**
 * Sign-in, first-login activation, usage charter, first-run setup, structure switch; JSON under
 * /api/accounts. Signing in, activating, setting up and reading the charter are public; the rest
 * needs a person, and the kit holds it until the charter is accepted (but for accepting it and
 * signing out, marked `beforeCharter`).
 */
export const accountsModule: FastifyPluginAsync = async (app) => {
  // Shared by every instance through Redis when there is one, else in this process's memory
  // (docs/decisions/0004-login-throttling.md).
  const store = (name: string) => (app.redis ? new RedisThrottleStore(app.redis, `${app.config.redisPrefix}throttle:${name}:`) : new MemoryThrottleStore());
  const loginThrottle = new Throttle(store('login'));
  const activationThrottle = new Throttle(store('activation'));

  await app.register(
    publicRoutes(async (app) => {
      await app.register(loginRoutes, { throttle: loginThrottle });
      await app.register(activationRoutes, { throttle: activationThrottle });
      await app.register(charterPage);
      await app.register(setupRoutes);
      await app.register(accountsPublicApi, { prefix: '/api/accounts', loginThrottle, activationThrottle });
    }),
  );
  await app.register(
    authenticated(async (app) => {
      await app.register(logoutRoute);
      await app.register(charterAcceptance);
      await app.register(structureRoutes);
      await app.register(accountsApi, { prefix: '/api/accounts' });
    }),
  );
};
