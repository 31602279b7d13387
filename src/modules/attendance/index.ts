import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { createMailer } from '../../kernel/mail/index.js';
import { t } from './i18n/fr.js';
import { registerAttendanceJobs } from './jobs.js';
import { attendanceMigrations } from './migrations/index.js';
import { attendancePrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository/records.js';
import { attendanceApi } from './routes/api.js';
import { attendancePages } from './routes/pages.js';
import { attendanceRollCallPages } from './routes/roll-call.js';
import './policy.js';
import './tables.js';

export { attendanceMigrations };
export { openRollCall, saveRollCall, type SlotInput, type MarkInput } from './service/roll-call.js';
export { seedAttendanceDemo } from './demo.js';

/** Attendance: roll calls, the office's day, families' justifications, monthly figures. Pages under /attendance, JSON under /api/attendance. */
export const attendanceModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(attendancePrivacy);
  app.blobReferences.declare('attendance', referencedBlobKeys);
  const mailer = createMailer(app.config);
  registerAttendanceJobs(app.jobs, { db: app.db, mailer, publicUrl: app.config.publicUrl });
  if (mailer)
    app.addHook('onClose', async () => {
      await app.jobs.stop();
      mailer.close();
    });
  app.nav.push({
    href: '/attendance',
    label: () => t('attendance.nav'),
    service: 'attendance',
    order: 35,
    visible: (actor) => can(actor, 'attendance.index.open', {}),
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(attendanceApi, { prefix: '/api/attendance' });
      await app.register(attendancePages);
      await app.register(attendanceRollCallPages);
    }),
  );
};
