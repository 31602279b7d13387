import type { FastifyPluginAsync } from 'fastify';
import { referencedBlobKeys } from './repository/blobs.js';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { homeworkMigrations } from './migrations/index.js';
import { homeworkApi } from './routes/api.js';
import { homeworkFeed } from './routes/public.js';
import { homeworkPages } from './routes/pages.js';
import { homeworkForms } from './routes/forms.js';
import { homeworkResourcePages } from './routes/resources.js';
import { homeworkAgendaPages } from './routes/agenda.js';
import { t } from './i18n/fr.js';
import './policy.js';
import './tables.js';
import './events.js';
import { homeworkPrivacy } from './privacy.js';

export { homeworkMigrations };
export type { HomeworkPublished } from './events.js';
export { handInAssignmentsOf, type HandInAssignment } from './service/hand-in.js';
export { dueSoon, type DueSoon } from './service/due-soon.js';

/** Cahier de textes: lessons, work to do, pupils' agenda and calendar feed. Pages under /homework, JSON under /api/homework. */
export const homeworkModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(homeworkPrivacy);
  app.blobReferences.declare('homework', referencedBlobKeys);
  app.nav.push({
    href: '/homework',
    label: () => t('homework.nav'),
    service: 'homework',
    order: 30,
    visible: (actor) => can(actor, 'homework.index.open', {}),
  });
  app.nav.push({
    href: '/homework/agenda',
    label: () => t('homework.agenda.nav'),
    service: 'homework',
    order: 30,
    visible: (actor) => can(actor, 'homework.agenda.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(homeworkApi, { prefix: '/api/homework' });
      await app.register(homeworkPages);
      await app.register(homeworkForms);
      await app.register(homeworkResourcePages);
      await app.register(homeworkAgendaPages);
    }),
  );
  await app.register(publicRoutes(homeworkFeed));
};
