import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { NewsSummary } from '../service/items.js';

/** One item in a list: title linked, who and when, read state, an excerpt. `level` keeps headings in order. */
export function NewsCard({ item, level = 2, withExcerpt = true }: { item: NewsSummary; level?: 2 | 3; withExcerpt?: boolean }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <li class="card news-item">
      <H>
        <a href={`/news/${item.id}`}>{item.title}</a>
        {item.pinned && (
          <>
            {' '}
            <span class="badge">{t('news.pinned')}</span>
          </>
        )}
        {!item.read && (
          <>
            {' '}
            <span class="badge badge--warn">{t('news.unread')}</span>
          </>
        )}
      </H>
      <p class="muted">{t('news.by', isolate(item.author), isolate(item.structureName), item.publishFrom)}</p>
      {withExcerpt && item.excerpt && <p>{item.excerpt}</p>}
    </li>
  );
}

/** "À la une" on the home page: the newest live items for the person. */
export function Headlines({ items }: { items: NewsSummary[] }) {
  return (
    <section aria-labelledby="headlines-title">
      <h2 id="headlines-title">{t('news.headlines')}</h2>
      <ul class="cards list-plain">
        {items.map((item) => (
          <NewsCard item={item} level={3} withExcerpt={false} />
        ))}
      </ul>
      <p>
        <a href="/news">{t('news.headlines.all')}</a>
      </p>
    </section>
  );
}

export interface NewsIndexProps {
  items: NewsSummary[];
  mayWrite: boolean;
  mine: { id: string; title: string; publishFrom: string; publishTo: string | null; status: string }[];
  now: string;
}

export function NewsIndex({ items, mayWrite, mine, now }: NewsIndexProps) {
  return (
    <>
      <div class="page-header">
        <h1>{t('news.title')}</h1>
        {mayWrite && (
          <p class="actions">
            <a class="button button--primary" href="/news/new">
              {t('news.new')}
            </a>
          </p>
        )}
      </div>
      {items.length === 0 ? (
        <p>{t('news.none')}</p>
      ) : (
        <ul class="cards list-plain">
          {items.map((item) => (
            <NewsCard item={item} />
          ))}
        </ul>
      )}
      {mine.length > 0 && (
        <section aria-labelledby="news-mine">
          <h2 id="news-mine">{t('news.mine')}</h2>
          <ul class="list-plain">
            {mine.map((m) => (
              <li>
                <a href={`/news/${m.id}`}>{m.title}</a> <span class="muted">{formatDate(m.publishFrom)}</span>
                {m.status === 'withdrawn' ? (
                  <span class="badge badge--muted">{` ${t('news.withdrawn')}`}</span>
                ) : m.publishFrom > now ? (
                  <span class="badge badge--warn">{` ${t('news.scheduled', m.publishFrom)}`}</span>
                ) : m.publishTo && m.publishTo <= now ? (
                  <span class="badge badge--muted">{` ${t('news.ended')}`}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
