// The equipment's deferred work: telling a ticket's reporter that its status changed, in-app,
// enqueued in the transaction of the change; and, once a day, telling the municipality's agents
// which warranties end within three months.
import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import { registerLoanJobs } from './loan-jobs.js';
import { agentsOf } from './repository/places.js';
import { markWarrantyAlerted, warrantiesEnding } from './repository/renewal.js';
import { findTicket } from './repository/tickets.js';
import { addMonths, parisToday, WARRANTY_ALERT_MONTHS } from './rules.js';
import { presentTicket } from './service/present.js';
import type { TicketStatus } from './tables.js';

export const NOTIFY_JOB = 'equipment.ticket.notify';
export const WARRANTY_JOB = 'equipment.warranty.alert';

/** Registers the handler; a retry writes the notice once (its source names the change). */
export function registerEquipmentJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ ticketId: string; status: TicketStatus }>(NOTIFY_JOB, async ({ ticketId, status }, { now, job }) => {
    const row = await findTicket(db, ticketId);
    if (!row) return;
    const ticket = presentTicket(row, now);
    await notify(
      db,
      {
        recipients: [row.reporterId],
        kind: 'equipment.ticket',
        source: `${NOTIFY_JOB}:${job.id}`,
        title: t('equipment.notice.status', ticket.subject, t(`equipment.ticketStatus.${status}`)),
        link: `/equipment/tickets/${ticketId}`,
      },
      now,
    );
  });

  // Each asset is told once per warranty end (a corrected end date is told again), in one notice
  // per municipality and day, so a whole purchase ending together is one line, not fifty.
  jobs.register(WARRANTY_JOB, async (_, { now }) => {
    const today = parisToday(now);
    const ending = await warrantiesEnding(db, today, addMonths(today, WARRANTY_ALERT_MONTHS));
    const byTown = new Map<string, string[]>();
    for (const a of ending) byTown.set(a.municipalityId!, [...(byTown.get(a.municipalityId!) ?? []), a.id]);
    for (const [municipalityId, ids] of byTown) {
      const agents = await agentsOf(db, municipalityId);
      await db.transaction().execute(async (trx) => {
        if (agents.length > 0)
          await notify(
            trx,
            {
              recipients: agents.map((p) => p.id),
              kind: 'equipment.warranty',
              source: `${WARRANTY_JOB}:${municipalityId}:${today}`,
              title: t('equipment.notice.warranty', ids.length),
              link: '/equipment/renewal',
            },
            now,
          );
        await markWarrantyAlerted(trx, ids);
      });
    }
  });
  jobs.schedule(WARRANTY_JOB, { everyMinutes: 24 * 60 });
  registerLoanJobs(jobs, db);
}
