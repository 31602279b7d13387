import { formatDate, formatDateTime, formatSize } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { ExportView } from '../service/exports.js';
import { MyRequests, type RequestFormState } from './requests.js';
import type { RequestRow } from '../repository/requests.js';

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

export interface DataPageProps {
  exports: ExportView[];
  requests: { items: RequestRow[]; canFile: boolean; form: RequestFormState };
  csrf: string;
  /** The administrators' links; `requests` is the number of open requests to handle, null for those who handle none. */
  admin: { register: boolean; audit: boolean; requests: number | null };
}

/** "My data": ask for the archive, download the ready ones, file and follow erasure and rectification requests. */
export function DataPage({ exports, requests, csrf, admin }: DataPageProps) {
  const pending = exports.some((e) => e.status === 'pending');
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      {(admin.register || admin.audit || admin.requests !== null) && (
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
          {admin.requests !== null && (
            <a class="button button--quiet" href="/privacy/requests">
              {t('privacy.handle.link', admin.requests)}
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
      <MyRequests items={requests.items} canFile={requests.canFile} csrf={csrf} form={requests.form} />
    </>
  );
}
