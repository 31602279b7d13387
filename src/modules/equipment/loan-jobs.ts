// Loans' deferred work: telling the parents of a new loan to acknowledge, and once a day reminding
// them of a return due within a week, then telling them and the lender when it is overdue.
import type { Db } from '../../kernel/db/index.js';
import { formatDate, withLocale } from '../../kernel/i18n/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { displayName } from '../directory/index.js';
import { notify } from '../notifications/index.js';
import { t as translate } from './i18n/fr.js';
import * as loans from './repository/loans.js';
import { LOAN_REMINDER_DAYS, parisToday } from './rules.js';
import { assetLabel } from './service/present.js';

export const LOAN_NOTIFY_JOB = 'equipment.loan.notify';
export const LOAN_REMIND_JOB = 'equipment.loan.remind';

/** Notices stay in French, whatever language the request that queued them was in. */
const t: typeof translate = (key, ...args) => withLocale('fr', () => translate(key, ...args));
const day = (iso: string) => withLocale('fr', () => formatDate(iso));
const assetOf = (r: loans.LoanRow) =>
  withLocale('fr', () => assetLabel({ category: r.assetCategory, brand: r.assetBrand, model: r.assetModel, inventoryNumber: r.assetInventoryNumber }));
const pupilOf = (r: loans.LoanRow) => displayName({ firstName: r.pupilFirstName, lastName: r.pupilLastName, usageName: r.pupilUsageName });

/** Adds `days` to a Paris date, AAAA-MM-JJ. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function registerLoanJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ loanId: string }>(LOAN_NOTIFY_JOB, async ({ loanId }, { now }) => {
    const row = await loans.findLoan(db, loanId);
    if (!row || row.returnedAt) return;
    const parents = await loans.relativeIdsOf(db, row.pupilId);
    if (parents.length === 0) return;
    await notify(
      db,
      {
        recipients: parents,
        kind: 'equipment.loan',
        source: `${LOAN_NOTIFY_JOB}:${loanId}`,
        title: t('equipment.notice.loan', pupilOf(row), assetOf(row)),
        link: '/equipment/loans/mine',
      },
      now,
    );
  });

  // Each reminder is given once per due date (a new due date is reminded again); the mark is
  // written in the notice's transaction, so a retry neither repeats nor loses it.
  jobs.register(LOAN_REMIND_JOB, async (_, { now }) => {
    const today = parisToday(now);
    for (const row of await loans.loansDueSoon(db, today, addDays(today, LOAN_REMINDER_DAYS))) {
      const parents = await loans.relativeIdsOf(db, row.pupilId);
      await db.transaction().execute(async (trx) => {
        if (parents.length > 0)
          await notify(
            trx,
            {
              recipients: parents,
              kind: 'equipment.loan',
              source: `${LOAN_REMIND_JOB}:soon:${row.id}:${row.dueOn}`,
              title: t('equipment.notice.loanSoon', assetOf(row), day(row.dueOn)),
              link: '/equipment/loans/mine',
            },
            now,
          );
        await loans.markReminded(trx, row.id, { remindedSoonFor: row.dueOn });
      });
    }
    for (const row of await loans.loansOverdue(db, today)) {
      const parents = await loans.relativeIdsOf(db, row.pupilId);
      await db.transaction().execute(async (trx) => {
        if (parents.length > 0)
          await notify(
            trx,
            {
              recipients: parents,
              kind: 'equipment.loan',
              source: `${LOAN_REMIND_JOB}:overdue:${row.id}:${row.dueOn}`,
              title: t('equipment.notice.loanOverdue', assetOf(row), day(row.dueOn)),
              link: '/equipment/loans/mine',
            },
            now,
          );
        await notify(
          trx,
          {
            recipients: [row.lenderId],
            kind: 'equipment.loan',
            source: `${LOAN_REMIND_JOB}:lender:${row.id}:${row.dueOn}`,
            title: t('equipment.notice.loanOverdueLender', assetOf(row), pupilOf(row), day(row.dueOn)),
            link: `/equipment/loans/${row.id}`,
          },
          now,
        );
        await loans.markReminded(trx, row.id, { remindedOverdueFor: row.dueOn });
      });
    }
  });
  jobs.schedule(LOAN_REMIND_JOB, { everyMinutes: 24 * 60 });
}
