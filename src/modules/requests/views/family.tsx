import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { listRequests } from '../service/requests.js';
import { ATTESTATION_KINDS, FAMILY_KINDS, MAX_DETAILS, REQUIRED_DOCUMENTS } from '../service/requests.js';
import { kindLabel, StatusBadge } from './common.js';

type Requests = Awaited<ReturnType<typeof listRequests>>;
export interface Child {
  id: string;
  name: string;
  schoolName: string;
}

export function RequestItem({ r }: { r: Requests[number] }) {
  return (
    <li class="card">
      <h3>
        <a href={`/demarches/${r.id}`}>{r.origin === 'school' ? r.title : kindLabel(r.kind)}</a>
      </h3>
      <p class="muted">
        {r.child && t('requests.item.for', isolate(r.child))}
        {r.schoolYear && <> · {t('requests.item.year', r.schoolYear)}</>} · {t('requests.item.filed', formatDate(r.createdAt))}
      </p>
      <p>
        <StatusBadge status={r.status} /> <span class="muted">{t('requests.item.updated', formatDate(r.updatedAt))}</span>
      </p>
    </li>
  );
}

/** The family's page: its requests and the way to a new one. */
export function FamilyIndex({ requests, children }: { requests: Requests; children: Child[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('requests.title')}</h1>
        {children.length > 0 && (
          <p class="actions">
            <a class="button button--primary" href="/demarches/nouvelle">
              {t('requests.family.new')}
            </a>
          </p>
        )}
      </div>
      <p>{t('requests.intro')}</p>
      {children.length === 0 && <p class="muted">{t('requests.family.noChild')}</p>}
      <section aria-labelledby="requests-list">
        <h2 id="requests-list">{t('requests.family.list')}</h2>
        {requests.length === 0 ? (
          <p class="muted">{t('requests.family.none')}</p>
        ) : (
          <ul class="cards">
            {requests.map((r) => (
              <RequestItem r={r} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export interface FamilyFormValues {
  childId?: string;
  kind?: string;
  details?: string;
  reason?: string;
  attestationKind?: string;
}

/** A new request: the child, the kind, what it needs; multipart for the documents (the CSRF field first). */
export function FamilyForm({ children, values, errors, csrf }: { children: Child[]; values: FamilyFormValues; errors?: FieldErrors; csrf: string }) {
  const labels: Record<string, string> = {
    childId: t('requests.form.child'),
    kind: t('requests.form.kind'),
    details: t('requests.form.details'),
    reason: t('requests.form.reason'),
    attestationKind: t('requests.form.attestationKind'),
    files: t('requests.form.documents'),
    ...Object.fromEntries(REQUIRED_DOCUMENTS.map((d) => [`doc.${d}`, t(`requests.document.${d}`)])),
  };
  const invalid = (f: string) => (errors?.[f] ? 'true' : undefined);
  return (
    <>
      <div class="page-header">
        <h1>{t('requests.form.title')}</h1>
      </div>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action="/demarches" enctype="multipart/form-data">
        <CsrfField token={csrf} />
        <Field name="childId" label={t('requests.form.child')} error={errors?.childId} required>
          <select id="field-childId" name="childId" required aria-invalid={invalid('childId')}>
            <option value="">{t('requests.form.choose')}</option>
            {children.map((c) => (
              <option value={c.id} selected={values.childId === c.id}>
                {`${c.name} (${c.schoolName})`}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class="field-group" id="field-kind">
          <legend>{t('requests.form.kind')}</legend>
          {errors?.kind && <p class="field__error">{errors.kind}</p>}
          {FAMILY_KINDS.map((k) => (
            <div class="field field--check">
              <input type="radio" id={`field-kind-${k}`} name="kind" value={k} checked={(values.kind ?? 'enrolment') === k} />
              <label for={`field-kind-${k}`}>{t(`requests.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field-group" id="field-files">
          <legend>{t('requests.form.documents')}</legend>
          <p class="field__hint">{t('requests.form.documentsHint')}</p>
          {errors?.files && <p class="field__error">{errors.files}</p>}
          {REQUIRED_DOCUMENTS.map((d) => (
            <Field name={`doc.${d}`} label={t(`requests.document.${d}`)} error={errors?.[`doc.${d}`]}>
              <input
                id={`field-doc.${d}`}
                type="file"
                name={`doc.${d}`}
                accept="application/pdf,image/jpeg,image/png"
                aria-invalid={invalid(`doc.${d}`)}
                aria-describedby={errors?.[`doc.${d}`] ? `field-doc.${d}-error` : undefined}
              />
            </Field>
          ))}
        </fieldset>
        <Field name="reason" label={t('requests.form.reason')} error={errors?.reason} hint={t('requests.form.reasonHint')}>
          <textarea id="field-reason" name="reason" rows={3} aria-invalid={invalid('reason')} aria-describedby="field-reason-hint">
            {values.reason ?? ''}
          </textarea>
        </Field>
        <Field name="attestationKind" label={t('requests.form.attestationKind')} error={errors?.attestationKind} hint={t('requests.form.attestationHint')}>
          <select id="field-attestationKind" name="attestationKind" aria-invalid={invalid('attestationKind')} aria-describedby="field-attestationKind-hint">
            <option value="">{t('requests.form.choose')}</option>
            {ATTESTATION_KINDS.map((a) => (
              <option value={a} selected={values.attestationKind === a}>
                {t(`requests.attestation.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="details" label={t('requests.form.details')} error={errors?.details} hint={t('requests.form.detailsHint', MAX_DETAILS)}>
          <textarea id="field-details" name="details" rows={4} aria-invalid={invalid('details')} aria-describedby="field-details-hint">
            {values.details ?? ''}
          </textarea>
        </Field>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('requests.form.submit')}
          </button>
        </p>
      </form>
    </>
  );
}
