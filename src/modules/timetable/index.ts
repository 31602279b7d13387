import type { FastifyPluginAsync } from 'fastify';
import { h } from 'preact';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { timetableMigrations } from './migrations/index.js';
import { registerTimetableJobs } from './jobs.js';
import { timetableApi } from './routes/api.js';
import { timetableForms } from './routes/forms.js';
import { timetablePages } from './routes/pages.js';
import { feedFor, todayFor } from './service/feeds.js';
import { TodaySection } from './views/week.js';
import { t } from './i18n/fr.js';
import './policy.js';
import './tables.js';
import { timetablePrivacy } from './privacy.js';

export { timetableMigrations };
export { currentSlot, slotsOn, type TeacherSlot } from './service/slots-of.js';

/** Timetable: weekly slots, one-day changes, imports; pages under /timetable, JSON under /api/timetable. */
export const timetableModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(timetablePrivacy);
  const deps = { db: app.db, clock: app.clock };
  app.nav.push({
    href: '/timetable',
    label: () => t('timetable.nav'),
    service: 'timetable',
    order: 31,
    visible: (actor) => can(actor, 'timetable.own.open', {}) || can(actor, 'timetable.index.open', { structureId: actor.activeStructureId }),
  });
  app.homeSections.add({
    id: 'timetable',
    placement: 'top',
    order: 20,
    load: (actor, now) => todayFor(deps, actor, now),
    render: (data, actor) => h(TodaySection, { data, teacher: actor.profile === 'teacher' }),
  });
  app.calendarSources.add('timetable', (owner, now) => feedFor(deps, owner, now));
  registerTimetableJobs(app);
  await app.register(
    authenticated(async (app) => {
      await app.register(timetableApi, { prefix: '/api/timetable' });
      await app.register(timetablePages);
      await app.register(timetableForms);
    }),
  );
};
