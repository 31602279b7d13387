import { displayName } from '../../directory/index.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { HandledRow, StatusFilter } from '../repository/requests.js';
import { HANDLER_STATUSES, MAX_REASON, type HandledView } from '../service/requests.js';
import { kindLabel, statusLabel } from './requests.js';

const FILTERS: StatusFilter[] = ['open', 'received', 'in_progress', 'done', 'refused'];

const query = (status: StatusFilter | undefined, offset: number) => {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (offset > 0) params.set('offset', String(offset));
  const text = params.toString();
  return text ? `?${text}` : '';
};

export interface HandledListData {
  rows: HandledRow[];
  hasMore: boolean;
  /** True for the instance administrator (every request). */
  all: boolean;
  status?: StatusFilter;
  offset: number;
  limit: number;
}

/** The requests an administrator handles: a GET filter by status, open ones first, each linking to its page. */
export function HandledListPage({ data }: { data: HandledListData }) {
  return (
    <>
      <h1>{t('privacy.handle.title')}</h1>
      <p>{t(data.all ? 'privacy.handle.intro.all' : 'privacy.handle.intro.scoped')}</p>
      <form method="get" action="/privacy/requests" class="card" aria-labelledby="requests-filter">
        <h2 id="requests-filter">{t('privacy.handle.filter')}</h2>
        <Field name="status" label={t('privacy.handle.filterStatus')}>
          <select id="field-status" name="status">
            <option value="">{t('privacy.handle.filter.all')}</option>
            {FILTERS.map((s) => (
              <option value={s} selected={data.status === s}>
                {s === 'open' ? t('privacy.handle.filter.open') : statusLabel(s)}
              </option>
            ))}
          </select>
        </Field>
        <p class="actions">
          <button type="submit" class="button">
            {t('privacy.handle.submitFilter')}
          </button>
        </p>
      </form>
      <h2 id="requests-table">{t('privacy.handle.title')}</h2>
      {data.rows.length === 0 ? (
        <p>{t('privacy.handle.none')}</p>
      ) : (
        <TableWrap labelledBy="requests-table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.request.filedAt')}</th>
                <th scope="col">{t('privacy.handle.person')}</th>
                <th scope="col">{t('privacy.handle.kind')}</th>
                <th scope="col">{t('privacy.request.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <a href={`/privacy/requests/${r.id}`}>{displayName(r)}</a> <span class="muted">({r.login})</span>
                  </td>
                  <td>{kindLabel(r.kind)}</td>
                  <td>{statusLabel(r.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav aria-label={t('privacy.handle.title')} class="actions">
        {data.offset > 0 && (
          <a class="button" rel="prev" href={`/privacy/requests${query(data.status, Math.max(0, data.offset - data.limit))}`}>
            {t('privacy.handle.previous')}
          </a>
        )}
        {data.hasMore && (
          <a class="button" rel="next" href={`/privacy/requests${query(data.status, data.offset + data.limit)}`}>
            {t('privacy.handle.next')}
          </a>
        )}
      </nav>
    </>
  );
}

/** What the handler typed in the status form, and what was wrong with it. */
export interface StatusFormState {
  values: { status?: string; reason?: string };
  errors?: FieldErrors;
}

/** One request for its handler: who, what, where it stands, and the form to move it on. */
export function HandledRequestPage({ request: r, csrf, form }: { request: HandledView; csrf: string; form: StatusFormState }) {
  const { values, errors } = form;
  const labels = { status: t('privacy.handle.newStatus'), reason: t('privacy.handle.reason') };
  const chosen = values.status ?? r.next.find((s) => s !== 'in_progress') ?? r.next[0];
  return (
    <>
      <p>
        <a href="/privacy/requests">{t('privacy.handle.back')}</a>
      </p>
      <h1>{t('privacy.handle.request', t(`privacy.request.kindOf.${r.kind}`))}</h1>
      <dl class="sheet">
        <dt>{t('privacy.handle.person')}</dt>
        <dd>{displayName(r)}</dd>
        <dt>{t('privacy.handle.login')}</dt>
        <dd>{r.login}</dd>
        <dt>{t('privacy.handle.schools')}</dt>
        <dd>{r.structureNames.join(', ')}</dd>
        <dt>{t('privacy.request.filedAt')}</dt>
        <dd>{formatDateTime(r.createdAt)}</dd>
        <dt>{t('privacy.request.status')}</dt>
        <dd>{statusLabel(r.status)}</dd>
        {r.status !== 'received' && (
          <>
            <dt>{t('privacy.handle.updatedAt')}</dt>
            <dd>{formatDateTime(r.updatedAt)}</dd>
          </>
        )}
        {r.reason && (
          <>
            <dt>{t('privacy.request.answer')}</dt>
            <dd class="privacy-text">{r.reason}</dd>
          </>
        )}
      </dl>
      <h2>{t('privacy.request.what')}</h2>
      <p class="privacy-text card">{r.body}</p>
      {r.next.length === 0 ? (
        <p>{t('privacy.handle.final')}</p>
      ) : (
        <form method="post" action={`/privacy/requests/${r.id}`} class="card" aria-labelledby="status-change" novalidate>
          <h2 id="status-change">{t('privacy.handle.change')}</h2>
          <ErrorSummary errors={errors} labels={labels} />
          <CsrfField token={csrf} />
          <fieldset class={errors?.status ? 'field-group field--error' : 'field-group'} id="field-status">
            <legend>{labels.status}</legend>
            {errors?.status && <p class="field__error">{errors.status}</p>}
            {HANDLER_STATUSES.filter((s) => r.next.includes(s)).map((s) => (
              <div class="field field--check">
                <input type="radio" id={`field-status-${s}`} name="status" value={s} checked={chosen === s} />
                <label for={`field-status-${s}`}>{statusLabel(s)}</label>
              </div>
            ))}
          </fieldset>
          <Field name="reason" label={labels.reason} hint={t('privacy.handle.reasonHint', MAX_REASON)} error={errors?.reason}>
            <textarea
              id="field-reason"
              name="reason"
              rows={5}
              maxLength={MAX_REASON}
              aria-invalid={errors?.reason ? 'true' : undefined}
              aria-describedby={errors?.reason ? 'field-reason-hint field-reason-error' : 'field-reason-hint'}
            >
              {values.reason ?? ''}
            </textarea>
          </Field>
          <p class="actions">
            <button type="submit" class="button">
              {t('privacy.handle.save')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}
