import type { Db } from '../../../kernel/db/index.js';
import type { EventBus } from '../../../kernel/events/index.js';
import { displayName } from '../../directory/index.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/posts.js';

/**
 * A pupil's photo consent changed: published-to-families posts that now show a pupil without
 * consent are hidden from families (they stay visible to the class) and their authors are told.
 * Families never see such a post even before this runs: the read rule checks consent live.
 */
export async function onConsentChanged(db: Db, events: EventBus, studentId: string, now: Date): Promise<number> {
  const pupil = await db.selectFrom('people').select(['firstName', 'lastName', 'usageName', 'photoConsent']).where('id', '=', studentId).executeTakeFirst();
  if (!pupil || pupil.photoConsent === 1) return 0;
  return db.transaction().execute(async (trx) => {
    const posts = await repo.hidePostsShowing(trx, studentId, now.toISOString());
    for (const post of posts) {
      await events.publish(
        trx,
        'blog.notice',
        {
          recipients: [post.authorId],
          source: `blog.hidden:${post.id}:${now.toISOString()}`,
          title: withLocale('fr', () => t('blog.notice.hidden', post.title)),
          body: withLocale('fr', () => t('blog.notice.hiddenBody', displayName(pupil))),
          link: `/blog/posts/${post.id}/edit`,
        },
        { key: `blog.hidden:${post.id}:${now.toISOString()}` },
      );
    }
    return posts.length;
  });
}
