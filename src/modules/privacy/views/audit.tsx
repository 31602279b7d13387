import { formatDateTime } from '../../../kernel/i18n/index.js';
import { ErrorSummary, Field } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { AuditFilter, AuditPage } from '../service/audit.js';

const who = (login: string | null, first: string | null, last: string | null) =>
  login ? (
    <>
      {`${first ?? ''} ${last ?? ''}`.trim()} <span class="muted">({login})</span>
    </>
  ) : null;

/** The filters as a query string, for the CSV link and the pager. */
export function filterQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The audit log for an administrator: a GET filter form (works without JavaScript), the entries, a CSV link. */
export function AuditLogPage({ data }: { data: AuditPage }) {
  const f = data.filter;
  const errors = data.errors ?? undefined;
  const labels = { person: t('privacy.audit.person'), action: t('privacy.audit.action'), from: t('privacy.audit.from'), to: t('privacy.audit.to') };
  return (
    <>
      <h1>{t('privacy.audit.title')}</h1>
      <p>{data.scopeNames === null ? t('privacy.audit.intro.all') : t('privacy.audit.intro.scoped', data.scopeNames.join(', '))}</p>
      <form method="get" action="/privacy/audit" class="card" aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('privacy.audit.filters')}</h2>
        <ErrorSummary errors={errors} labels={labels} />
        <Field name="person" label={labels.person} hint={t('privacy.audit.personHint')} value={f.person} error={errors?.person} autocomplete="off" />
        <Field name="action" label={labels.action} hint={t('privacy.audit.actionHint')} value={f.action} error={errors?.action} autocomplete="off" />
        <Field name="from" type="date" label={labels.from} value={f.from} error={errors?.from} />
        <Field name="to" type="date" label={labels.to} value={f.to} error={errors?.to} />
        <div class="actions">
          <button type="submit" class="button">
            {t('privacy.audit.submit')}
          </button>
          {!errors && (
            <a class="button button--quiet" href={`/privacy/audit.csv${filterQuery(f)}`} download>
              {t('privacy.audit.csv')}
            </a>
          )}
        </div>
      </form>
      <h2 id="audit-entries">{t('privacy.audit.title')}</h2>
      {data.rows.length === 0 ? (
        <p>{t('privacy.audit.none')}</p>
      ) : (
        <>
          <p class="muted">{t('privacy.audit.shown', data.rows.length)}</p>
          <TableWrap labelledBy="audit-entries">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('privacy.audit.at')}</th>
                  <th scope="col">{t('privacy.audit.action')}</th>
                  <th scope="col">{t('privacy.audit.actor')}</th>
                  <th scope="col">{t('privacy.audit.subject')}</th>
                  <th scope="col">{t('privacy.audit.structure')}</th>
                  <th scope="col">{t('privacy.audit.ip')}</th>
                  <th scope="col">{t('privacy.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr>
                    <td>{formatDateTime(r.at)}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{who(r.actorLogin, r.actorFirstName, r.actorLastName) ?? t('privacy.audit.system')}</td>
                    <td>{who(r.subjectLogin, r.subjectFirstName, r.subjectLastName)}</td>
                    <td>{r.structureName}</td>
                    <td>{r.ip}</td>
                    <td>{r.details && <code class="privacy-details">{r.details}</code>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <nav aria-label={t('privacy.audit.title')} class="actions">
        {data.offset > 0 && (
          <a class="button" rel="prev" href={`/privacy/audit${filterQuery(f, { offset: String(Math.max(0, data.offset - data.limit)) })}`}>
            {t('privacy.audit.previous')}
          </a>
        )}
        {data.hasMore && (
          <a class="button" rel="next" href={`/privacy/audit${filterQuery(f, { offset: String(data.offset + data.limit) })}`}>
            {t('privacy.audit.next')}
          </a>
        )}
      </nav>
    </>
  );
}
