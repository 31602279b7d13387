import type { FastifyInstance } from 'fastify';
import { formatDate } from '../../kernel/i18n/index.js';
import { displayName } from '../directory/index.js';
import { DEFAULT_QUIET_HOURS } from '../../kernel/quiet-hours.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';

export const PROMOTED_JOB = 'canteen.promoted';

export interface PromotedPayload {
  serviceId: string;
  studentId: string;
  day: string;
}

/** A child off the waiting list: their parents are told, once per day and service. */
export function registerCanteenJobs(app: FastifyInstance): void {
  app.jobs.register(PROMOTED_JOB, async (payload, { now }) => {
    const p = payload as PromotedPayload;
    const [service, child, parents] = await Promise.all([
      app.db.selectFrom('canteenServices').select(['label', 'structureId']).where('id', '=', p.serviceId).executeTakeFirst(),
      app.db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', p.studentId).executeTakeFirst(),
      app.db.selectFrom('relativeLinks').select('relativeId').where('studentId', '=', p.studentId).execute(),
    ]);
    if (!service || !child || parents.length === 0) return;
    await notify(
      app.db,
      {
        recipients: parents.map((r) => r.relativeId),
        kind: 'canteen.promoted',
        source: `canteen.promoted:${p.serviceId}:${p.studentId}:${p.day}`,
        title: t('canteen.notice.promoted', service.label, formatDate(p.day), displayName(child)),
        link: `/canteen/children/${p.studentId}/calendar?month=${p.day.slice(0, 7)}`,
        email: (await messagingSettingsOf(app.db, service.structureId, now)) ?? DEFAULT_QUIET_HOURS,
      },
      now,
    );
  });
}
