import type { FastifyPluginAsync } from 'fastify';
import { labelIn } from '../../kernel/i18n/index.js';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { createMailer } from '../../kernel/mail/index.js';
import { registerAssessmentJobs } from './jobs.js';
import { assessmentMigrations } from './migrations/index.js';
import { assessmentPrivacy } from './privacy.js';
import { assessmentApi } from './routes/api.js';
import { assessmentForms } from './routes/forms.js';
import { assessmentPages } from './routes/pages.js';
import './policy.js';
import './tables.js';

export { assessmentMigrations };
export { seedAssessmentDemo, seedCollegeAssessmentDemo } from './demo.js';

/** Assessments: periods, marks and skills, publication to families, period reports. Pages under /assessment, JSON under /api/assessment. */
export const assessmentModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(assessmentPrivacy);
  const mailer = createMailer(app.config);
  registerAssessmentJobs(app.jobs, { db: app.db, mailer, publicUrl: app.config.publicUrl });
  if (mailer)
    app.addHook('onClose', async () => {
      await app.jobs.stop();
      mailer.close();
    });
  app.nav.push({
    href: '/assessment',
    label: labelIn({ fr: 'Évaluations', en: 'Assessments', ar: 'التقييمات', pt: 'Avaliações', tr: 'Değerlendirmeler', es: 'Evaluaciones' }),
    service: 'assessment',
    order: 35,
    visible: (actor) => can(actor, 'assessment.index.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(assessmentApi, { prefix: '/api/assessment' });
      await app.register(assessmentPages);
      await app.register(assessmentForms);
    }),
  );
};
