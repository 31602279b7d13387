import { t } from '../i18n/fr.js';

/** The home page's block: forums with unread discussions. */
export function ForumHome({ forums }: { forums: { id: string; name: string; unread: number }[] }) {
  return (
    <section class="card" aria-labelledby="home-forum-title">
      <h2 id="home-forum-title">{t('forum.home.title')}</h2>
      <ul>
        {forums.map((f) => (
          <li>
            <a href={`/forum/forums/${f.id}`}>{t('forum.home.unread', f.unread, f.name)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
