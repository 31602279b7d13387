import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { MemoryThrottleStore } from '../../kernel/auth/limiter.js';
import { RedisThrottleStore } from '../../kernel/auth/redis-throttle-store.js';
import { Throttle } from '../../kernel/auth/throttle.js';
import { can } from '../../kernel/authz/index.js';
import { formatDate } from '../../kernel/i18n/index.js';
import { t } from './i18n/fr.js';
import { mfaMigrations } from './migrations/index.js';
import { mfaPrivacy } from './privacy.js';
import { purgeChallenges } from './repository.js';
import { mfaAdminPages } from './routes/admin.js';
import { setChallengeCookie } from './routes/cookie.js';
import { secondStepRoutes } from './routes/login.js';
import { mfaPages } from './routes/pages.js';
import type { Deps } from './service/deps.js';
import { afterPassword } from './service/login.js';
import './policy.js';
import './tables.js';

export { mfaMigrations };

/**
 * Stronger sign-in for staff: a TOTP second factor with recovery codes, the second step between
 * the password and the session, the per-role policy, and the administrators' reset.
 */
export const mfaModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(mfaPrivacy);
  // Code guessing is slowed like password guessing, across instances through Redis when there is one.
  const store = app.redis ? new RedisThrottleStore(app.redis, `${app.config.redisPrefix}throttle:mfa:`) : new MemoryThrottleStore();
  const deps: Deps = { db: app.db, clock: app.clock, throttle: new Throttle(store) };

  app.signInSteps.push(async (_request, reply, person, next) => {
    const decision = await afterPassword(deps, person, next);
    if (decision.kind === 'none') return null;
    // During the grace period the person goes where they were going, told by a message until when;
    // after it, enrolment is the only way in.
    if (decision.kind === 'enrolLater') {
      reply.setFlash(t('mfa.enrol.reminder', formatDate(decision.until)));
      return null;
    }
    setChallengeCookie(app, reply, decision.token);
    return { hold: decision.purpose === 'verify' ? '/login/code' : '/login/enrol' };
  });

  app.jobs.register('mfa.challenges.purge', async (_payload, { now }) => {
    await purgeChallenges(app.db, now.toISOString());
  });
  app.jobs.schedule('mfa.challenges.purge', { everyMinutes: 60 });

  app.nav.push({ href: '/mfa', label: t('mfa.nav'), service: 'mfa', order: 96, visible: (actor) => can(actor, 'mfa.factor.enrol', {}) });
  app.nav.push({ href: '/admin/mfa', label: t('mfa.reset.title'), service: 'mfa', order: 97, visible: (actor) => can(actor, 'mfa.reset.open', {}) });

  await app.register(publicRoutes<Deps>(secondStepRoutes), deps);
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(mfaPages, opts);
      await app.register(mfaAdminPages, opts);
    }),
    deps,
  );
};
