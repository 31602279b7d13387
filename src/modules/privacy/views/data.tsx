import { formatDate, formatDateTime, formatSize } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { ExportView } from '../service/exports.js';

function status(e: ExportView) {
  if (e.downloadable)
    return (
      <>
        <a class="button" href={`/privacy/exports/${e.id}/download`} download>
          {t('privacy.export.download', formatSize(e.size))}
        </a>{' '}
        <span class="muted">{t('privacy.export.until', formatDate(e.expiresAt))}</span>
      </>
    );
  if (e.status === 'pending') return t('privacy.export.pending');
  if (e.status === 'failed') return t('privacy.export.failed');
  return t('privacy.export.expired');
}

/** "My data": ask for the archive, download the ready ones. */
export function DataPage({ exports, csrf, admin }: { exports: ExportView[]; csrf: string; admin: { register: boolean; audit: boolean } }) {
  const pending = exports.some((e) => e.status === 'pending');
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      {(admin.register || admin.audit) && (
        <nav aria-label={t('privacy.admin')} class="actions">
          {admin.register && (
            <a class="button button--quiet" href="/privacy/register">
              {t('privacy.register.title')}
            </a>
          )}
          {admin.audit && (
            <a class="button button--quiet" href="/privacy/audit">
              {t('privacy.audit.title')}
            </a>
          )}
        </nav>
      )}
      <p>{t('privacy.intro')}</p>
      <p>{t('privacy.export.how')}</p>
      {!pending && (
        <form method="post" action="/privacy/exports" class="actions">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {t('privacy.export.request')}
          </button>
        </form>
      )}
      <h2 id="exports-title">{t('privacy.export.list')}</h2>
      {exports.length === 0 ? (
        <p>{t('privacy.export.none')}</p>
      ) : (
        <TableWrap labelledBy="exports-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.export.requestedAt')}</th>
                <th scope="col">{t('privacy.export.status')}</th>
              </tr>
            </thead>
            <tbody>
              {exports.map((e) => (
                <tr>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{status(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
