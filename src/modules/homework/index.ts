import fp from 'fastify-plugin';
import { homeworkMigrations } from './migrations/index.js';
import { homeworkApi } from './routes/api.js';
import { homeworkFiles } from './routes/public.js';
import { homeworkPages } from './routes/pages.js';
import { homeworkForms } from './routes/forms.js';
import { homeworkAgendaPages } from './routes/agenda.js';
import { t } from './i18n/fr.js';
import { hasAgenda, seesHomeworkNav } from './policy.js';
import './tables.js';
import './events.js';

export { homeworkMigrations };
export type { HomeworkPublished } from './events.js';
export { handInAssignmentsOf, type HandInAssignment } from './hand-in.js';
export { dueSoon, type DueSoon } from './due-soon.js';

/** Cahier de textes: lessons, work to do, pupils' agenda and calendar feed. Pages under /homework, JSON under /api/homework. */
export const homeworkModule = fp(
  async (app) => {
    app.nav.push({
      href: '/homework',
      label: t('homework.nav'),
      service: 'homework',
      order: 30,
      visible: (actor) => seesHomeworkNav(actor) && !hasAgenda(actor),
    });
    app.nav.push({ href: '/homework/agenda', label: t('homework.agenda.nav'), service: 'homework', order: 30, visible: hasAgenda });
    await app.register(homeworkApi, { prefix: '/api/homework' });
    await app.register(homeworkFiles);
    await app.register(homeworkPages);
    await app.register(homeworkForms);
    await app.register(homeworkAgendaPages);
  },
  { name: 'homework' },
);
