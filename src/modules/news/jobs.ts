import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { withLocale } from '../../kernel/i18n/index.js';
import { DEFAULT_QUIET_HOURS, firstSendableAt } from '../../kernel/quiet-hours.js';
import { displayName } from '../directory/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';
import { NOTIFY_JOB } from './service/items.js';

/**
 * When an item's window opens, everyone its audience reaches then is notified once (the source
 * key is unique per person, so a retried run writes nothing twice), shown after the school's
 * quiet hours. A withdrawn item, or one whose window has closed, notifies nobody.
 */
export function registerNewsJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ newsId: string }>(NOTIFY_JOB, async ({ newsId }, { now }) => {
    const item = await repo.findItem(db, newsId);
    const at = now.toISOString();
    if (!item || item.status !== 'published' || (item.publishTo !== null && item.publishTo <= at)) return;
    const [recipients, hours, author, structure] = await Promise.all([
      repo.targetsOf(db, newsId).then((targets) => repo.audienceIds(db, targets, item.authorId)),
      repo.quietHoursOf(db, item.structureId),
      db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', item.authorId).executeTakeFirstOrThrow(),
      repo.findStructures(db, [item.structureId]).then((s) => s[0]),
    ]);
    await notify(
      db,
      {
        recipients,
        kind: 'news.published',
        source: `news.published:${newsId}`,
        // Notifications are written in French for now, whichever request set the job going.
        title: withLocale('fr', () => t('news.notify.title', item.title)),
        body: withLocale('fr', () => t('news.notify.body', displayName(author), structure?.name ?? '')),
        link: `/news/${newsId}`,
        visibleAt: firstSendableAt(hours ?? DEFAULT_QUIET_HOURS, now).toISOString(),
        email: hours ?? DEFAULT_QUIET_HOURS,
      },
      now,
    );
  });
}
