// The polls' deferred work: when a poll opens, its members are told once, in-app, after the
// school's quiet hours.
import type { Db } from '../../kernel/db/index.js';
import { formatDateTime, withLocale } from '../../kernel/i18n/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { DEFAULT_QUIET_HOURS, firstSendableAt } from '../../kernel/quiet-hours.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';

export const OPENED_JOB = 'polls.opened';

/** Registers the handler; the notice's source is the poll, so a retry writes nothing twice. */
export function registerPollsJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ pollId: string }>(OPENED_JOB, async ({ pollId }, { now }) => {
    const poll = await repo.findPoll(db, pollId);
    // Withdrawn before it opened, or already closed: nobody is asked to vote.
    if (!poll || poll.withdrawnAt !== null || poll.closesAt <= now.toISOString()) return;
    const members = (await db.selectFrom('pollMembers').select('personId').where('pollId', '=', pollId).execute())
      .map((m) => m.personId)
      .filter((id) => id !== poll.authorId);
    if (members.length === 0) return;
    const hours = await messagingSettingsOf(db, poll.structureId, now);
    await notify(
      db,
      {
        recipients: members,
        kind: 'polls.opened',
        source: `${OPENED_JOB}:${pollId}`,
        title: withLocale('fr', () => t('polls.notify.title', poll.title)),
        body: withLocale('fr', () => t('polls.notify.body', formatDateTime(poll.closesAt))),
        link: `/polls/${pollId}`,
        visibleAt: (hours ? firstSendableAt(hours, now) : now).toISOString(),
        email: hours ?? DEFAULT_QUIET_HOURS,
      },
      now,
    );
  });
}
