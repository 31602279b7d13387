import { formatDate, formatDateTime, formatSize, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { ts } from '../i18n/staff.js';
import type { RequestDetail } from '../service/requests.js';
import { DOCUMENT_KINDS, MAX_MESSAGE, STATUSES } from '../service/requests.js';
import type { DocumentKind } from '../tables.js';
import { kindLabel, statusLabel, StatusBadge, Written } from './common.js';

type FileView = RequestDetail['documents'][number];

function Files({ id, files, empty }: { id: string; files: FileView[]; empty: string }) {
  if (files.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="list-plain">
      {files.map((f) => (
        <li>
          <a href={`/demarches/${id}/fichiers/${f.id}`}>{f.fileName}</a>{' '}
          <span class="muted">
            ({t(`requests.document.${f.kind as DocumentKind}`)}, {formatSize(f.size)}, {formatDate(f.uploadedAt)})
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface DetailValues {
  body?: string;
}

/** A request as its family, its director or the municipality's agents see it; each sees the forms their rights allow. */
export function DetailPage({ r, csrf, values, errors }: { r: RequestDetail; csrf: string; values: DetailValues; errors?: FieldErrors }) {
  const heading = r.origin === 'school' ? `${kindLabel(r.kind)} : ${r.title}` : kindLabel(r.kind);
  return (
    <>
      <p>
        <a href={r.can.handle ? '/demarches/gestion' : r.origin === 'school' ? '/mairie' : '/demarches'}>{t('requests.detail.back')}</a>
      </p>
      <div class="page-header">
        <h1>{heading}</h1>
      </div>
      <p>
        <StatusBadge status={r.status} />
      </p>
      <ul class="list-plain">
        {r.child && <li>{t('requests.detail.child', isolate(r.child))}</li>}
        <li>{t('requests.detail.school', isolate(r.school))}</li>
        {r.schoolYear && <li>{t('requests.item.year', r.schoolYear)}</li>}
        {r.attestationKind && <li>{t(`requests.attestation.${r.attestationKind as 'attendance'}`)}</li>}
        {r.can.handle && <li>{ts('requests.agent.requester', r.requester)}</li>}
      </ul>
      <ErrorSummary errors={errors} />
      {r.reason && (
        <section aria-labelledby="reason-title">
          <h2 id="reason-title">{t('requests.detail.reason')}</h2>
          <Written text={r.reason} />
        </section>
      )}
      {r.details && (
        <section aria-labelledby="details-title">
          <h2 id="details-title">{t('requests.detail.details')}</h2>
          <Written text={r.details} />
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('requests.detail.history')}</h2>
        <ol>
          {r.history.map((h) => (
            <li>{t('requests.detail.step', statusLabel(h.status), formatDateTime(h.at))}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('requests.detail.answers')}</h2>
        <Files id={r.id} files={r.answers} empty={t('requests.detail.noAnswer')} />
      </section>
      {r.origin === 'family' && (
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t('requests.detail.documents')}</h2>
          <Files id={r.id} files={r.documents} empty={t('requests.detail.noDocuments')} />
          {r.can.addDocument && (
            <form method="post" action={`/demarches/${r.id}/documents`} enctype="multipart/form-data">
              <CsrfField token={csrf} />
              <Field name="documentKind" label={t('requests.detail.documentKind')}>
                <select id="field-documentKind" name="documentKind">
                  {DOCUMENT_KINDS.map((k) => (
                    <option value={k}>{t(`requests.document.${k}`)}</option>
                  ))}
                </select>
              </Field>
              <Field name="files" label={t('requests.detail.file')} error={errors?.files}>
                <input id="field-files" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required />
              </Field>
              <p class="actions">
                <button type="submit" class="button">
                  {t('requests.detail.upload')}
                </button>
              </p>
            </form>
          )}
        </section>
      )}
      <section aria-labelledby="conversation-title">
        <h2 id="conversation-title">{t('requests.detail.conversation')}</h2>
        {r.messages.length === 0 ? (
          <p class="muted">{t('requests.detail.noMessages')}</p>
        ) : (
          <ul class="cards">
            {r.messages.map((m) => (
              <li class="card">
                <p class="muted">
                  {m.fromMunicipality ? t('requests.detail.fromMunicipality', m.author) : m.author} · {formatDateTime(m.at)}
                </p>
                <Written text={m.body} />
              </li>
            ))}
          </ul>
        )}
        {r.can.write ? (
          <form method="post" action={`/demarches/${r.id}/messages`}>
            <CsrfField token={csrf} />
            <Field
              name="body"
              label={r.can.handle ? ts('requests.handle.message') : t('requests.detail.message')}
              error={errors?.body}
              hint={t('requests.form.detailsHint', MAX_MESSAGE)}
            >
              <textarea id="field-body" name="body" rows={4} required aria-invalid={errors?.body ? 'true' : undefined} aria-describedby="field-body-hint">
                {values.body ?? ''}
              </textarea>
            </Field>
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('requests.detail.send')}
              </button>
            </p>
          </form>
        ) : (
          <p class="muted">{t('requests.detail.closed')}</p>
        )}
      </section>
      {r.can.handle && (
        <section aria-labelledby="handle-title">
          <h2 id="handle-title">{ts('requests.handle.title')}</h2>
          <form method="post" action={`/demarches/${r.id}/status`} class="inline-form">
            <CsrfField token={csrf} />
            <Field name="status" label={ts('requests.handle.status')} error={errors?.status}>
              <select id="field-status" name="status">
                {STATUSES.map((s) => (
                  <option value={s} selected={s === r.status}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" class="button">
              {ts('requests.handle.save')}
            </button>
          </form>
          <form method="post" action={`/demarches/${r.id}/answer`} enctype="multipart/form-data">
            <CsrfField token={csrf} />
            <Field name="answer" label={ts('requests.handle.answerFile')} error={errors?.answer}>
              <input id="field-answer" type="file" name="answer" accept="application/pdf,image/jpeg,image/png" required />
            </Field>
            <p class="actions">
              <button type="submit" class="button">
                {ts('requests.handle.attach')}
              </button>
            </p>
          </form>
        </section>
      )}
    </>
  );
}
