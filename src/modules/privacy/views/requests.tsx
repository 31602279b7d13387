import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { RequestRow } from '../repository/requests.js';
import { MAX_OPEN_REQUESTS, MAX_REQUEST_BODY, REQUEST_KINDS } from '../service/requests.js';
import type { RequestKind, RequestStatus } from '../tables.js';

export const kindLabel = (kind: RequestKind) => t(`privacy.request.kind.${kind}`);
export const statusLabel = (status: RequestStatus) => t(`privacy.request.status.${status}`);

/** What the person typed in the request form, and what was wrong with it. */
export interface RequestFormState {
  values: { kind?: string; body?: string };
  errors?: FieldErrors;
}

/** The request form (kind, what), posted without JavaScript. */
function RequestForm({ csrf, form }: { csrf: string; form: RequestFormState }) {
  const { values, errors } = form;
  const labels = { kind: t('privacy.request.kind'), body: t('privacy.request.body') };
  return (
    <form method="post" action="/privacy/requests" class="card" novalidate>
      <ErrorSummary errors={errors} labels={labels} />
      <CsrfField token={csrf} />
      <fieldset class={errors?.kind ? 'field-group field--error' : 'field-group'} id="field-kind">
        <legend>{labels.kind}</legend>
        {errors?.kind && <p class="field__error">{errors.kind}</p>}
        {REQUEST_KINDS.map((kind) => (
          <div class="field field--check">
            <input type="radio" id={`field-kind-${kind}`} name="kind" value={kind} checked={(values.kind ?? 'rectification') === kind} />
            <label for={`field-kind-${kind}`}>{t(`privacy.request.kindHint.${kind}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field name="body" label={labels.body} hint={t('privacy.request.bodyHint', MAX_REQUEST_BODY)} error={errors?.body} required>
        <textarea
          id="field-body"
          name="body"
          rows={5}
          maxLength={MAX_REQUEST_BODY}
          required
          aria-invalid={errors?.body ? 'true' : undefined}
          aria-describedby={errors?.body ? 'field-body-hint field-body-error' : 'field-body-hint'}
        >
          {values.body ?? ''}
        </textarea>
      </Field>
      <p class="actions">
        <button type="submit" class="button">
          {t('privacy.request.submit')}
        </button>
      </p>
    </form>
  );
}

/** "My data"'s part for requests: the form (while under the limit) and the person's requests with their answers. */
export function MyRequests({ items, canFile, csrf, form }: { items: RequestRow[]; canFile: boolean; csrf: string; form: RequestFormState }) {
  return (
    <section aria-labelledby="requests">
      <h2 id="requests">{t('privacy.request.title')}</h2>
      <p>{t('privacy.request.how')}</p>
      {canFile || form.errors ? <RequestForm csrf={csrf} form={form} /> : <p class="notice">{t('privacy.request.limit', MAX_OPEN_REQUESTS)}</p>}
      <h3 id="requests-list">{t('privacy.request.list')}</h3>
      {items.length === 0 ? (
        <p>{t('privacy.request.none')}</p>
      ) : (
        <TableWrap labelledBy="requests-list">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.request.filedAt')}</th>
                <th scope="col">{t('privacy.request.what')}</th>
                <th scope="col">{t('privacy.request.status')}</th>
                <th scope="col">{t('privacy.request.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <strong>{kindLabel(r.kind)}</strong>
                    <p class="privacy-text">{r.body}</p>
                  </td>
                  <td>
                    {statusLabel(r.status)}
                    {r.status !== 'received' && <span class="muted"> ({formatDateTime(r.updatedAt)})</span>}
                  </td>
                  <td>{r.reason && <p class="privacy-text">{r.reason}</p>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
