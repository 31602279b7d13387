import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { writableChildren } from '../service/family.js';
import type { writableClasses } from '../service/notes.js';

export interface NoteFormValues {
  groupId?: string;
  audience?: string;
  studentIds?: string[];
  title?: string;
  body?: string;
  requiresSignature?: boolean;
  replyKind?: string;
  replyQuestion?: string;
  replyOptions?: string;
  showToPupils?: boolean;
}

type Classes = Awaited<ReturnType<typeof writableClasses>>;

const labels = () => ({
  groupId: t('liaison.form.class'),
  studentIds: t('liaison.form.children'),
  title: t('liaison.form.subject'),
  body: t('liaison.form.body'),
  replyKind: t('liaison.form.reply'),
  replyQuestion: t('liaison.form.question'),
  replyOptions: t('liaison.form.options'),
});

function Check({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }) {
  return (
    <div class="field field--check">
      <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked} aria-describedby={hint ? `field-${name}-hint` : undefined} />
      <label for={`field-${name}`}>{label}</label>
      {hint && (
        <p class="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The new-note form; without JavaScript the pupils of every class are listed, grouped by class. */
export function NoteFormPage({ csrf, classes, values, errors }: { csrf: string; classes: Classes; values: NoteFormValues; errors?: FieldErrors }) {
  const kinds = ['none', 'yesNo', 'choice', 'text'] as const;
  const chosen = new Set(values.studentIds ?? []);
  return (
    <>
      <div class="page-header">
        <h1>{t('liaison.form.title')}</h1>
      </div>
      <ErrorSummary errors={errors} labels={labels()} />
      <form method="post" action="/liaison/notes" class="card" novalidate>
        <CsrfField token={csrf} />
        <Field name="groupId" label={t('liaison.form.class')} error={errors?.groupId} required>
          <select id="field-groupId" name="groupId" required aria-invalid={errors?.groupId ? 'true' : undefined}>
            <option value="">{t('liaison.form.choose')}</option>
            {classes.map((c) => (
              <option value={c.id} selected={values.groupId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class="field-group">
          <legend>{t('liaison.form.audience')}</legend>
          <div class="field field--check">
            <input type="radio" id="field-audience-class" name="audience" value="class" checked={values.audience !== 'chosen'} />
            <label for="field-audience-class">{t('liaison.form.audience.class')}</label>
          </div>
          <div class="field field--check">
            <input type="radio" id="field-audience-chosen" name="audience" value="chosen" checked={values.audience === 'chosen'} />
            <label for="field-audience-chosen">{t('liaison.form.audience.chosen')}</label>
          </div>
        </fieldset>
        <fieldset class="field-group" id="field-studentIds">
          <legend>{t('liaison.form.children')}</legend>
          {errors?.studentIds && <p class="field__error">{errors.studentIds}</p>}
          {classes.map((c) => (
            <details open={values.groupId === c.id && values.audience === 'chosen'}>
              <summary>{c.name}</summary>
              {c.pupils.map((p) => (
                <div class="field field--check">
                  <input type="checkbox" id={`child-${p.id}`} name="studentIds" value={p.id} checked={chosen.has(p.id)} />
                  <label for={`child-${p.id}`}>{p.name}</label>
                </div>
              ))}
            </details>
          ))}
        </fieldset>
        <Field name="title" label={t('liaison.form.subject')} value={values.title} error={errors?.title} required />
        <Field name="body" label={t('liaison.form.body')} error={errors?.body} required>
          <textarea id="field-body" name="body" rows={8} required aria-invalid={errors?.body ? 'true' : undefined}>
            {values.body ?? ''}
          </textarea>
        </Field>
        <Check name="requiresSignature" label={t('liaison.form.signature')} checked={values.requiresSignature} />
        <fieldset class="field-group" id="field-replyKind">
          <legend>{t('liaison.form.reply')}</legend>
          {kinds.map((k) => (
            <div class="field field--check">
              <input type="radio" id={`field-replyKind-${k}`} name="replyKind" value={k} checked={(values.replyKind ?? 'none') === k} />
              <label for={`field-replyKind-${k}`}>{t(`liaison.form.reply.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field name="replyQuestion" label={t('liaison.form.question')} value={values.replyQuestion} error={errors?.replyQuestion} />
        <Field name="replyOptions" label={t('liaison.form.options')} error={errors?.replyOptions} hint={t('liaison.form.optionsHint')}>
          <textarea id="field-replyOptions" name="replyOptions" rows={4} aria-describedby="field-replyOptions-hint">
            {values.replyOptions ?? ''}
          </textarea>
        </Field>
        <Check name="showToPupils" label={t('liaison.form.pupils')} checked={values.showToPupils} hint={t('liaison.form.pupilsHint')} />
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('liaison.form.send')}
          </button>
        </p>
      </form>
    </>
  );
}

export interface FamilyNoteValues {
  studentId?: string;
  kind?: string;
  body?: string;
}

type Children = Awaited<ReturnType<typeof writableChildren>>;

export function FamilyNoteFormPage({ csrf, children, values, errors }: { csrf: string; children: Children; values: FamilyNoteValues; errors?: FieldErrors }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('liaison.family.form')}</h1>
      </div>
      {children.length === 0 ? (
        <p>{t('liaison.family.noChild')}</p>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={{ studentId: t('liaison.family.child'), kind: t('liaison.family.kind'), body: t('liaison.family.body') }} />
          <form method="post" action="/liaison/family-notes" class="card" novalidate>
            <CsrfField token={csrf} />
            <Field name="studentId" label={t('liaison.family.child')} error={errors?.studentId} required>
              <select id="field-studentId" name="studentId" required>
                {children.map((c) => (
                  <option value={c.id} selected={values.studentId === c.id}>
                    {`${c.name} (${c.className})`}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset class="field-group" id="field-kind">
              <legend>{t('liaison.family.kind')}</legend>
              {(['absence', 'question'] as const).map((k) => (
                <div class="field field--check">
                  <input type="radio" id={`field-kind-${k}`} name="kind" value={k} checked={(values.kind ?? 'absence') === k} />
                  <label for={`field-kind-${k}`}>{t(`liaison.family.kind.${k}`)}</label>
                </div>
              ))}
            </fieldset>
            <Field name="body" label={t('liaison.family.body')} error={errors?.body} required>
              <textarea id="field-body" name="body" rows={6} required aria-invalid={errors?.body ? 'true' : undefined}>
                {values.body ?? ''}
              </textarea>
            </Field>
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('liaison.family.send')}
              </button>
            </p>
          </form>
        </>
      )}
    </>
  );
}
