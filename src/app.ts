import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './kernel/config/index.js';
import { migrateToLatest, openDatabase, type DbHandle, type DbOptions } from './kernel/db/index.js';
import './kernel/db/tables.js';
import { kernelMigrations } from './kernel/db/migrations.js';
import { httpPlugin, recordRoutes } from './kernel/http/plugin.js';
import { clientErrorHandler, frameworkErrors } from './kernel/http/framework-errors.js';
import { authPlugin } from './kernel/auth/plugin.js';
import { openApiPlugin } from './kernel/http/openapi.js';
import { healthRoute } from './kernel/http/health.js';
import { instanceSecret } from './kernel/secrets.js';
import { directoryModule, directoryMigrations, loadActor } from './modules/directory/index.js';
import { accountsModule, accountsMigrations } from './modules/accounts/index.js';
import { homeModule } from './modules/home/index.js';
import { notificationsModule, notificationsMigrations } from './modules/notifications/index.js';
import { homeworkModule, homeworkMigrations } from './modules/homework/index.js';
import { messagingModule, messagingMigrations } from './modules/messaging/index.js';
import { documentsModule, documentsMigrations } from './modules/documents/index.js';
import { blogModule, blogMigrations } from './modules/blog/index.js';
import { newsModule, newsMigrations } from './modules/news/index.js';
import { calendarModule, calendarMigrations } from './modules/calendar/index.js';
import { attendanceModule, attendanceMigrations } from './modules/attendance/index.js';
import { timetableModule, timetableMigrations } from './modules/timetable/index.js';
import { assessmentModule, assessmentMigrations } from './modules/assessment/index.js';
import { canteenModule, canteenMigrations } from './modules/canteen/index.js';
import { billingModule, billingMigrations } from './modules/billing/index.js';
import { requestsModule, requestsMigrations } from './modules/requests/index.js';
import { EventBus } from './kernel/events/index.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { createBlobStore } from './kernel/storage/index.js';
import { BlobReferences, sweepBlobs } from './kernel/storage/sweep.js';
import { FINISHED_JOBS_KEPT_DAYS, JobRunner, jobsMigrations, purgeFinishedJobs } from './kernel/jobs/index.js';
import { purgeExpiredSessions } from './kernel/auth/sessions.js';
import { jobsModule } from './modules/jobs/index.js';
import { CalendarSources } from './kernel/ical/index.js';
import { connectRedis } from './kernel/redis.js';
import { rateLimitPlugin } from './kernel/http/rate-limit.js';
import { lazySchemaController } from './kernel/http/lazy-schemas.js';
import { HomeSections } from './kernel/views/home-sections.js';
import { liaisonModule, liaisonMigrations } from './modules/liaison/index.js';
import { pollsModule, pollsMigrations } from './modules/polls/index.js';
import { searchMigrations } from './kernel/search/index.js';
import { resourcesModule, resourcesMigrations } from './modules/resources/index.js';
import { forumModule, forumMigrations } from './modules/forum/index.js';
import { equipmentModule, equipmentMigrations } from './modules/equipment/index.js';
import { PrivacyRegistry } from './kernel/privacy.js';
import { privacyModule, privacyMigrations } from './modules/privacy/index.js';
import { readingModule, readingMigrations } from './modules/reading/index.js';
import { casModule, casMigrations } from './modules/cas/index.js';
import { federationModule, federationMigrations } from './modules/federation/index.js';
import { onerosterModule, onerosterMigrations } from './modules/oneroster/index.js';
import { mfaModule, mfaMigrations } from './modules/mfa/index.js';
import { offlineModule, offlineMigrations, offlinePersonHeader } from './modules/offline/index.js';
import { activityPlugin } from './kernel/activity.js';
import { steeringModule, steeringMigrations } from './modules/steering/index.js';
import { i18nPlugin } from './kernel/i18n/plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const migrations = {
  ...kernelMigrations,
  ...jobsMigrations,
  ...searchMigrations,
  ...directoryMigrations,
  ...accountsMigrations,
  ...notificationsMigrations,
  ...homeworkMigrations,
  ...messagingMigrations,
  ...documentsMigrations,
  ...liaisonMigrations,
  ...pollsMigrations,
  ...blogMigrations,
  ...newsMigrations,
  ...calendarMigrations,
  ...attendanceMigrations,
  ...timetableMigrations,
  ...assessmentMigrations,
  ...canteenMigrations,
  ...billingMigrations,
  ...requestsMigrations,
  ...resourcesMigrations,
  ...forumMigrations,
  ...equipmentMigrations,
  ...privacyMigrations,
  ...readingMigrations,
  ...casMigrations,
  ...federationMigrations,
  ...onerosterMigrations,
  ...mfaMigrations,
  ...offlineMigrations,
  ...steeringMigrations,
};

export interface BuildOptions {
  /** Database to use instead of the one the config names (tests pass their own). */
  database?: DbHandle;
  logger?: boolean;
  /** The application's time (tests pass a TestClock). */
  clock?: Clock;
  /** Called after the kernel and before the modules, so hooks it adds reach every route (tests). */
  instrument?: (app: FastifyInstance) => void;
}

export function databaseOptions(config: Config): DbOptions {
  return {
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'preau.db'),
    ...(config.databaseSchema ? { pgSchema: config.databaseSchema } : {}),
  };
}

/** The whole application, ready to `listen` or to `inject` in tests. Migrations run first. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? openDatabase(databaseOptions(config));
  await migrateToLatest(database.db, migrations, database.schema);

  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    schemaController: lazySchemaController(),
    connectionTimeout: config.requestIdleSeconds * 1000,
    requestTimeout: config.requestTimeoutSeconds * 1000,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  recordRoutes(app);
  app.decorate('config', config);
  const clock = options.clock ?? systemClock;
  app.decorate('clock', clock);
  app.decorate('db', database.db);
  app.decorate('dbKind', database.kind);
  app.decorate('nav', []);
  const blobs = createBlobStore(config);
  app.decorate('blobs', blobs);
  // Modules declare the blob keys their rows hold; the sweep removes what no row references.
  const blobReferences = new BlobReferences();
  app.decorate('blobReferences', blobReferences);
  // The runner is built here and started by `preau serve` only: tests run due jobs with `runDue()`.
  const jobs = new JobRunner({ db: database.db, kind: database.kind, clock, log: app.log });
  app.decorate('jobs', jobs);
  app.decorate('events', new EventBus(jobs));
  app.decorate('calendarSources', new CalendarSources());
  const redis = await connectRedis(config);
  app.decorate('redis', redis);
  app.decorate('homeSections', new HomeSections());
  app.decorate('privacy', new PrivacyRegistry());
  jobs.register('kernel.sessions.purge', async (_payload, { now }) => {
    await purgeExpiredSessions(database.db, now, { idleMinutes: config.sessionIdleMinutes });
  });
  jobs.schedule('kernel.sessions.purge', { everyMinutes: 60 });
  jobs.register('kernel.jobs.purge', async (_payload, { now }) => {
    await purgeFinishedJobs(database.db, new Date(now.getTime() - FINISHED_JOBS_KEPT_DAYS * 24 * 60 * 60_000));
  });
  jobs.schedule('kernel.jobs.purge', { everyMinutes: 24 * 60 });
  jobs.register('kernel.blobs.sweep', async (_payload, { now }) => {
    const removed = await sweepBlobs(blobs, database.db, blobReferences, now);
    if (removed > 0) app.log.info({ removed }, 'unreferenced blobs removed');
  });
  jobs.schedule('kernel.blobs.sweep', { everyMinutes: 24 * 60 });
  app.addHook('onClose', async () => {
    // Running handlers finish before the database goes away.
    await jobs.stop();
    if (!options.database) await database.close();
    await redis?.quit();
  });

  await app.register(cookie, { secret: await instanceSecret(database.db, 'cookie_secret') });
  await app.register(openApiPlugin);
  await app.register(httpPlugin, { publicDir: path.join(root, 'public') });
  await app.register(authPlugin, { loadActor });
  await app.register(i18nPlugin);
  await app.register(rateLimitPlugin);
  await app.register(healthRoute);

  options.instrument?.(app);
  // Usage counts for the steering dashboards: the hook must reach every module's routes.
  await app.register(activityPlugin, { services: () => new Set(app.nav.map((n) => n.href.split('/')[1] ?? '')) });

  await app.register(homeModule);
  await app.register(accountsModule);
  await app.register(directoryModule);
  await app.register(notificationsModule);
  await app.register(homeworkModule);
  await app.register(messagingModule);
  await app.register(documentsModule);
  await app.register(blogModule);
  await app.register(attendanceModule);
  await app.register(timetableModule);
  await app.register(assessmentModule);
  await app.register(canteenModule);
  await app.register(billingModule);
  await app.register(requestsModule);
  await app.register(jobsModule);
  await app.register(liaisonModule);
  await app.register(pollsModule);
  await app.register(newsModule);
  await app.register(calendarModule);
  await app.register(resourcesModule);
  await app.register(forumModule);
  await app.register(equipmentModule);
  await app.register(privacyModule);
  await app.register(readingModule);
  await app.register(casModule);
  await app.register(federationModule);
  await app.register(onerosterModule);
  await app.register(mfaModule);
  await app.register(offlineModule);
  await app.register(offlinePersonHeader);
  await app.register(steeringModule);
  return app;
}
