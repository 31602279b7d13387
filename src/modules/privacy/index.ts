import type { FastifyPluginAsync } from 'fastify';
import { labelIn } from '../../kernel/i18n/index.js';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { registerPrivacyJobs } from './jobs.js';
import { privacyMigrations } from './migrations/index.js';
import { auditPrivacy, exportsPrivacy } from './privacy.js';
import { referencedBlobKeys } from './repository/exports.js';
import { privacyApi } from './routes/api.js';
import { privacyPages } from './routes/pages.js';
import { requestRoutes } from './routes/requests.js';
import { retentionRoutes } from './routes/retention.js';
import type { Deps } from './service/deps.js';
import './policy.js';
import './tables.js';

export { privacyMigrations };
export { buildArchive, writeArchive } from './archive.js';
export { createExport } from './service/exports.js';
export { seedPrivacyDemo } from './demo.js';

/**
 * RGPD: a person's data archive (right of access), their erasure and rectification requests, the processing register built from every
 * module's declaration, the audit log for administrators. Pages under /privacy, JSON under /api/privacy.
 */
export const privacyModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(auditPrivacy);
  app.privacy.declare(exportsPrivacy);
  app.blobReferences.declare('privacy', referencedBlobKeys);
  const deps: Deps = { db: app.db, clock: app.clock, blobs: app.blobs, registry: app.privacy, references: app.blobReferences };
  registerPrivacyJobs(app.jobs, deps);
  app.nav.push({
    href: '/privacy',
    label: labelIn({ fr: 'Mes données', en: 'My data', ar: 'بياناتي', pt: 'Os meus dados', tr: 'Verilerim', es: 'Mis datos' }),
    service: 'privacy',
    order: 95,
    visible: (actor) => can(actor, 'privacy.data.open', {}),
  });
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(privacyApi, { ...opts, prefix: '/api/privacy' });
      await app.register(privacyPages, opts);
      await app.register(retentionRoutes, opts);
      await app.register(requestRoutes, opts);
    }),
    deps,
  );
};
