import { formatDateTime, formatNumber } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { Folder, ListPage } from '../repository.js';
import { folderLabel, MessagingNav } from './common.js';

export interface ListProps {
  folder: Folder;
  q: string;
  page: number;
  pageSize: number;
  result: ListPage;
  unread: number;
  manager: boolean;
  readOnly: boolean;
  csrf: string;
}

function pageHref(folder: Folder, q: string, page: number) {
  const params = new URLSearchParams();
  if (folder !== 'inbox') params.set('folder', folder);
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `/messaging?${s}` : '/messaging';
}

export function ListPageView(props: ListProps) {
  const { folder, q, result, page, pageSize } = props;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const own = folder === 'sent' || folder === 'drafts';
  return (
    <>
      <h1>{folderLabel(folder)}</h1>
      <MessagingNav current={folder} unread={props.unread} manager={props.manager} readOnly={props.readOnly} />
      <form method="get" action="/messaging" class="search-form" role="search">
        <label for="messaging-q">{t('messaging.search.label')}</label>
        {folder !== 'inbox' && <input type="hidden" name="folder" value={folder} />}
        <input id="messaging-q" name="q" type="search" value={q} maxLength={200} />
        <button type="submit" class="button">
          {t('messaging.search.submit')}
        </button>
      </form>
      {q && <p role="status">{t('messaging.search.results', result.total)}</p>}
      {result.items.length === 0 ? (
        <p>{t('messaging.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{folderLabel(folder)}</caption>
            <thead>
              <tr>
                <th scope="col">{own ? t('messaging.col.to') : t('messaging.col.from')}</th>
                <th scope="col">{t('messaging.col.subject')}</th>
                <th scope="col">{t('messaging.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((m) => {
                const href = m.state === 'draft' ? `/messaging/compose?draft=${m.id}` : `/messaging/messages/${m.id}`;
                const who = m.mine ? m.to.join(', ') : m.from;
                return (
                  <tr class={m.read ? undefined : 'message--unread'}>
                    <td>
                      {!m.read && <span class="badge">{t('messaging.unreadMark')}</span>} {m.read ? who : <strong>{who}</strong>}
                    </td>
                    <th scope="row">
                      <a href={href}>{m.subject || t('messaging.noSubject')}</a>
                      {m.attachments > 0 && (
                        <span class="muted">
                          {' '}
                          · {t('messaging.attachments')} ({formatNumber(m.attachments)})
                        </span>
                      )}
                      {m.state === 'held' && <span class="badge badge--warn">{t('messaging.state.held')}</span>}
                      {m.state === 'rejected' && <span class="badge badge--muted">{t('messaging.state.rejected')}</span>}
                    </th>
                    <td>{formatDateTime(m.at)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {folder === 'trash' && result.total > 0 && (
        <form method="post" action="/messaging/trash/empty">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <button type="submit" class="button button--danger">
            {t('messaging.action.empty')}
          </button>
        </form>
      )}
      {pages > 1 && (
        <nav aria-label={t('messaging.pagination')} class="pagination">
          {page > 1 && <a href={pageHref(folder, q, page - 1)}>{t('messaging.previous')}</a>}
          <span>{t('messaging.page', page, pages)}</span>
          {page < pages && <a href={pageHref(folder, q, page + 1)}>{t('messaging.next')}</a>}
        </nav>
      )}
    </>
  );
}
