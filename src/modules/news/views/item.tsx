import { formatSize, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { NewsItemView } from '../service/items.js';

function Receipts({ receipts }: { receipts: NonNullable<NewsItemView['receipts']> }) {
  return (
    <section aria-labelledby="news-receipts" class="card">
      <h2 id="news-receipts">{t('news.receipts')}</h2>
      <p data-receipts>{t('news.receipts.count', receipts.read, receipts.audience)}</p>
      {receipts.people ? (
        receipts.people.length > 0 && (
          <div class="table-wrap">
            <table class="table">
              <caption>{t('news.receipts.who')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('news.receipts.name')}</th>
                  <th scope="col">{t('news.receipts.state')}</th>
                </tr>
              </thead>
              <tbody>
                {receipts.people.map((p) => (
                  <tr>
                    <th scope="row">{p.displayName}</th>
                    <td>{p.readAt ? t('news.receipts.read', p.readAt) : t('news.receipts.notRead')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <p class="muted">{t('news.receipts.large')}</p>
      )}
    </section>
  );
}

export function NewsItemPage({ item, csrf, now }: { item: NewsItemView; csrf: string; now: string }) {
  return (
    <article class="news-article">
      <div class="page-header">
        <h1>{item.title}</h1>
        <p class="muted">
          {t('news.by', isolate(item.author), isolate(item.structureName), item.publishFrom)}
          {item.publishTo && ` · ${t('news.until', item.publishTo)}`}
        </p>
        <p>
          {item.pinned && <span class="badge">{t('news.pinned')}</span>}
          {item.status === 'withdrawn' && <span class="badge badge--muted">{` ${t('news.withdrawn')}`}</span>}
          {item.status === 'published' && item.publishFrom > now && <span class="badge badge--warn">{` ${t('news.scheduled', item.publishFrom)}`}</span>}
        </p>
      </div>
      {item.hasImage && (
        <p>
          <img src={`/news/${item.id}/image`} alt={item.imageAlt ?? ''} />
        </p>
      )}
      <div class="rich-text" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
      {item.attachments.length > 0 && (
        <section aria-labelledby="news-files">
          <h2 id="news-files">{t('news.attachments')}</h2>
          <ul class="list-plain">
            {item.attachments.map((f) => (
              <li>
                <a href={`/news/${item.id}/attachments/${f.id}`}>{f.fileName}</a> <span class="muted">{`(${formatSize(f.size)})`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.audience.length > 0 && (
        <section aria-labelledby="news-audience">
          <h2 id="news-audience">{t('news.audience')}</h2>
          <ul>
            {item.audience.map((a) => (
              <li>{a.label}</li>
            ))}
          </ul>
        </section>
      )}
      {item.receipts && <Receipts receipts={item.receipts} />}
      {item.mayEdit && (
        <p>
          <a href={`/news/${item.id}/edit`}>{t('news.edit')}</a>
        </p>
      )}
      {item.mayWithdraw && (
        <form method="post" action={`/news/${item.id}/withdraw`} class="inline-form">
          <CsrfField token={csrf} />
          <p class="muted">{t('news.withdraw.hint')}</p>
          <button type="submit" class="button button--danger">
            {t('news.withdraw')}
          </button>
        </form>
      )}
      <p>
        <a href="/news">{t('news.headlines.all')}</a>
      </p>
    </article>
  );
}
