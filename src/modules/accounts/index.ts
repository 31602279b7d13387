import fp from 'fastify-plugin';
import { Forbidden } from '../../kernel/authz/index.js';
import type { Migrations } from '../../kernel/db/index.js';
import { wantsJson } from '../../kernel/http/plugin.js';
import { t } from './i18n/fr.js';
import { activationRoutes } from './routes/activation.js';
import { accountsApi } from './routes/api.js';
import { charterRoutes } from './routes/charter.js';
import { safeNext } from './routes/forms.js';
import { sessionRoutes } from './routes/session.js';
import { setupRoutes } from './routes/setup.js';
import { structureRoutes } from './routes/structure.js';
import { Throttle } from './service.js';

export { ensureSetupToken } from './setup.js';
export { passwordProblem, type PasswordProblem } from './password-policy.js';

/** Accounts keep their state in the directory's `people` table and the kernel's tables. */
export const accountsMigrations: Migrations = {};

/** What a person whose charter is pending may still reach. */
const CHARTER_EXEMPT = new Set(['/charter', '/logout', '/api/accounts/me', '/api/accounts/logout', '/api/accounts/charter']);

/** Sign-in, first-login activation, usage charter, first-run setup, structure switch; JSON under /api/accounts. */
export const accountsModule = fp(
  async (app) => {
    const loginThrottle = new Throttle();
    const activationThrottle = new Throttle();

    // Until the usage charter is accepted, every page leads to it and the API refuses.
    app.addHook('onRequest', async (request, reply) => {
      if (!request.optionalActor || request.optionalActor.charterAccepted) return;
      const path = request.url.split('?')[0] ?? '';
      if (CHARTER_EXEMPT.has(path) || path.startsWith('/static/')) return;
      if (wantsJson(request)) throw new Forbidden(t('accounts.charter.pending'), 'account.charter_required');
      const next = request.method === 'GET' && path !== '/' ? safeNext(request.url) : null;
      return reply.redirect(next ? `/charter?next=${encodeURIComponent(next)}` : '/charter', 303);
    });

    await app.register(sessionRoutes, { throttle: loginThrottle });
    await app.register(activationRoutes, { throttle: activationThrottle });
    await app.register(charterRoutes);
    await app.register(setupRoutes);
    await app.register(structureRoutes);
    await app.register(accountsApi, { prefix: '/api/accounts', loginThrottle, activationThrottle });
  },
  { name: 'accounts' },
);
