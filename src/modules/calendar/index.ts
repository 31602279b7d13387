import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { calendarMigrations } from './migrations.js';
import { calendarPrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository.js';
import { calendarApi } from './routes/api.js';
import { calendarPages } from './routes/pages.js';
import { feedEvents } from './service.js';
import { t } from './i18n/fr.js';
import './policy.js';
import './tables.js';

export { calendarMigrations };

/** School and class events: a month and a list view, and each person's iCalendar feed. */
export const calendarModule: FastifyPluginAsync = async (app) => {
  const deps = { db: app.db, clock: app.clock };
  app.privacy.declare(calendarPrivacy);
  app.blobReferences.declare('calendar', referencedBlobKeys);
  app.calendarSources.add('calendar', (owner, now) => feedEvents(deps, owner, now));
  app.nav.push({ href: '/calendar', label: () => t('calendar.nav'), service: 'home', order: 26, visible: (actor) => can(actor, 'calendar.index.open', {}) });
  await app.register(
    authenticated(async (app) => {
      await app.register(calendarApi, { prefix: '/api/calendar' });
      await app.register(calendarPages);
    }),
  );
};
