import { t } from '../i18n/fr.js';
import { assetUrl } from '../../../kernel/http/assets.js';
import type { Folder } from '../repository.js';

/** A folder's name, in the language of the page being rendered. */
export const folderLabel = (folder: Folder) => t(`messaging.folder.${folder}`);

export const folderHref = (folder: Folder) => (folder === 'inbox' ? '/messaging' : `/messaging?folder=${folder}`);

/** Folders, the unread counter (kept fresh by a 1 KB script) and the compose link. */
export function MessagingNav({ current, unread, manager, readOnly }: { current: Folder | null; unread: number; manager: boolean; readOnly: boolean }) {
  return (
    <>
      {readOnly && (
        <p class="flash" role="status">
          {t('messaging.readOnlyBanner')}
        </p>
      )}
      <div class="page-header">
        <p class="muted">
          {t('messaging.unreadLabel')}{' '}
          <strong data-unread data-label={t('layout.unread')} data-label-one={t('layout.unreadOne')}>
            {unread}
          </strong>
        </p>
        <p class="actions">
          {!readOnly && (
            <a class="button button--primary" href="/messaging/compose">
              {t('messaging.compose')}
            </a>
          )}
          <a class="button" href="/messaging/preferences">
            {t('messaging.prefs.title')}
          </a>
          {manager && (
            <a class="button" href="/messaging/admin">
              {t('messaging.admin')}
            </a>
          )}
        </p>
      </div>
      <nav aria-label={t('messaging.folders')}>
        <ul class="actions list-plain">
          {(['inbox', 'sent', 'drafts', 'trash'] as const).map((f) => (
            <li>
              <a
                href={folderHref(f)}
                aria-current={f === current ? 'page' : undefined}
                class={f === current ? 'button button--small button--primary' : 'button button--small'}
              >
                {folderLabel(f)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <script src={assetUrl('js/messaging-unread.js')} defer></script>
    </>
  );
}
