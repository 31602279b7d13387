import { CsrfField } from '../../../kernel/views/forms.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';

export interface NotificationItem {
  id: string;
  title: string;
  body: string | null;
  link: string;
  at: string;
  read: boolean;
}

export function NotificationsPage({ unread, items, csrf, error }: { unread: number; items: NotificationItem[]; csrf: string; error?: string }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('notifications.title')}</h1>
        {error && (
          <p class="error-summary" role="alert">
            {error}
          </p>
        )}
        <p class="muted" role="status">
          {t('notifications.unread', unread)}
        </p>
        {unread > 0 && (
          <form method="post" action="/notifications/read-all" class="inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button">
              {t('notifications.markAll')}
            </button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul class="list-plain notifications" aria-label={t('notifications.list')}>
          {items.map((n) => (
            <li class={n.read ? 'notification' : 'notification notification--unread'}>
              <p>
                {!n.read && <span class="badge badge--warn">{t('notifications.new')}</span>} <a href={n.link}>{n.title}</a>
              </p>
              {n.body && <p>{n.body}</p>}
              <p class="muted">
                <time dateTime={n.at}>{formatDateTime(n.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
