import { ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { AttachmentView } from '../read.js';
import { formatSize, sortByDisplay } from '../../../kernel/i18n/index.js';
import { MAX_FILES } from '../service.js';
import { COMPOSE_SCRIPT_PATH } from '../routes/scripts.js';
import { assetUrl } from '../../../kernel/http/assets.js';

export interface Chosen {
  token: string;
  label: string;
}

export interface ComposeValues {
  subject: string;
  body: string;
  draftId?: string;
  parentId?: string;
  forwardId?: string;
}

export interface ComposeProps {
  csrf: string;
  values: ComposeValues;
  to: Chosen[];
  cc: Chosen[];
  groups: Chosen[];
  q: string;
  results: (Chosen & { profile: string })[] | null;
  attachments: AttachmentView[];
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  errors?: FieldErrors;
}

/** Profiles as the recipient list names them, in the language of the page being rendered. */
const profiles = (): Record<string, string> => ({
  student: t('messaging.profile.student'),
  teacher: t('messaging.profile.teacher'),
  relative: t('messaging.profile.relative'),
  personnel: t('messaging.profile.personnel'),
  municipal: t('messaging.profile.municipal'),
});

export function ComposePage(props: ComposeProps) {
  const { values, errors } = props;
  const groupTokens = new Set(props.groups.map((g) => g.token));
  const toTokens = new Set(props.to.map((c) => c.token));
  const ccTokens = new Set(props.cc.map((c) => c.token));
  const chosenPeople = [
    ...sortByDisplay(
      props.to.filter((c) => !groupTokens.has(c.token)),
      (c) => c.label,
    ).map((c) => ({ ...c, field: 'to' })),
    ...sortByDisplay(
      props.cc.filter((c) => !groupTokens.has(c.token)),
      (c) => c.label,
    ).map((c) => ({ ...c, field: 'cc' })),
  ];
  const profile = profiles();
  const results = (props.results ?? []).filter((r) => !toTokens.has(r.token) && !ccTokens.has(r.token));
  return (
    <>
      <h1>{t('messaging.compose')}</h1>
      <ErrorSummary
        errors={errors}
        labels={{ to: t('messaging.field.to'), subject: t('messaging.field.subject'), body: t('messaging.field.body'), files: t('messaging.field.files') }}
      />
      <form method="post" action="/messaging/compose" encType="multipart/form-data" class="card">
        <input type="hidden" name="_csrf" value={props.csrf} />
        {values.draftId && <input type="hidden" name="draftId" value={values.draftId} />}
        {values.parentId && <input type="hidden" name="parentId" value={values.parentId} />}
        {values.forwardId && <input type="hidden" name="forwardId" value={values.forwardId} />}
        {/* The error is said once, in the summary above, which leads here. */}
        <fieldset id="field-to" tabIndex={-1} class={errors?.to ? 'field field--error' : 'field'}>
          <legend>{t('messaging.field.chosen')}</legend>
          {chosenPeople.length === 0 ? (
            <p class="muted">{t('messaging.chosen.none')}</p>
          ) : (
            chosenPeople.map((c, i) => (
              <div class="field--check">
                <input type="checkbox" id={`chosen-${i}`} name={c.field} value={c.token} checked />
                <label for={`chosen-${i}`}>{c.field === 'cc' ? `${c.label} (${t('messaging.field.cc.as')})` : c.label}</label>
              </div>
            ))
          )}
        </fieldset>
        {props.groups.length > 0 && (
          <fieldset class="field">
            <legend>{t('messaging.field.groups')}</legend>
            {props.groups.map((g, i) => (
              <div class="field--check">
                <input type="checkbox" id={`group-${i}`} name="to" value={g.token} checked={toTokens.has(g.token)} />
                <label for={`group-${i}`}>{g.label}</label>
              </div>
            ))}
          </fieldset>
        )}
        <div class="field combobox">
          <label for="field-q">{t('messaging.field.search')}</label>
          <p class="field__hint" id="field-q-hint">
            {t('messaging.field.search.hint')}
          </p>
          <div class="inline-form">
            <input
              id="field-q"
              name="q"
              type="search"
              value={props.q}
              maxLength={100}
              aria-describedby="field-q-hint"
              data-recipients="/api/messaging/recipients"
              data-profiles={JSON.stringify({ ...profile, group: t('messaging.typeahead.group') })}
              data-list={t('messaging.typeahead.list')}
              data-count={t('messaging.typeahead.count')}
              data-none={t('messaging.typeahead.none')}
              data-added={t('messaging.typeahead.added')}
            />
            <button type="submit" name="action" value="search" class="button">
              {t('messaging.action.search')}
            </button>
          </div>
        </div>
        {props.results !== null &&
          (results.length === 0 ? (
            <p role="status">{t('messaging.search.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table">
                <caption>{t('messaging.field.people')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('messaging.col.name')}</th>
                    <th scope="col">{t('messaging.to')}</th>
                    <th scope="col">{t('messaging.cc')}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((r, i) => (
                    <tr>
                      <th scope="row" id={`result-${i}`}>
                        {r.label} <span class="muted">({profile[r.profile] ?? r.profile})</span>
                      </th>
                      <td>
                        <input type="checkbox" name="to" value={r.token} aria-label={`${t('messaging.to')} ${r.label}`} />
                      </td>
                      <td>
                        <input type="checkbox" name="cc" value={r.token} aria-label={`${t('messaging.cc')} ${r.label}`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        <Field name="subject" label={t('messaging.field.subject')} value={values.subject} error={errors?.subject} />
        <Field name="body" label={t('messaging.field.body')} error={errors?.body}>
          <textarea
            id="field-body"
            name="body"
            rows={10}
            aria-invalid={errors?.body ? 'true' : undefined}
            aria-describedby={errors?.body ? 'field-body-error' : undefined}
          >
            {values.body}
          </textarea>
        </Field>
        {props.attachments.length > 0 && (
          <>
            <p>{t('messaging.attachments')}</p>
            <ul>
              {props.attachments.map((f) => (
                <li>
                  {f.filename} <span class="muted">({formatSize(f.size)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {/* A refused file is said once, in the summary above; the script checks sizes before sending. */}
        <Field name="files" label={t('messaging.field.files')} hint={t('messaging.field.files.hint', formatSize(props.maxBytes))}>
          <input
            id="field-files"
            name="files"
            type="file"
            multiple
            aria-describedby="field-files-hint"
            aria-invalid={errors?.files ? 'true' : undefined}
            data-max-bytes={props.maxBytes}
            data-max-files={MAX_FILES}
            data-too-large={t('messaging.error.file_named', '{name}', t('messaging.error.file_too_large', formatSize(props.maxBytes)))}
            data-too-many={t('messaging.error.too_many_files')}
          />
        </Field>
        <div class="actions">
          <button type="submit" name="action" value="send" class="button button--primary">
            {t('messaging.action.send')}
          </button>
          <button type="submit" name="action" value="draft" class="button">
            {t('messaging.action.draft')}
          </button>
        </div>
      </form>
      <script src={COMPOSE_SCRIPT_PATH} defer></script>
      <script src={assetUrl('js/recipient-combobox.js')} defer></script>
    </>
  );
}
