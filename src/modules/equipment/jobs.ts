// The equipment's deferred work: telling a ticket's reporter that its status changed, in-app,
// enqueued in the transaction of the change.
import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import { findTicket } from './repository/tickets.js';
import { presentTicket } from './service/present.js';
import type { TicketStatus } from './tables.js';

export const NOTIFY_JOB = 'equipment.ticket.notify';

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
}
