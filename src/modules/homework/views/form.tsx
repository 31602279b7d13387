import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate, formatSize } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';

export interface AssignmentValues {
  id?: string;
  instructions?: string;
  givenOn?: string;
  dueOn?: string;
  minutes?: string;
  toHandIn?: boolean;
  openBox?: boolean;
}

export interface LessonFormValues {
  groupId?: string;
  subjectId?: string;
  lessonDate?: string;
  startTime?: string;
  endTime?: string;
  content?: string;
  visibleFrom?: string;
  assignments: AssignmentValues[];
}

export interface LessonFormProps {
  action: string;
  csrf: string;
  editing: boolean;
  values: LessonFormValues;
  errors?: FieldErrors;
  groups: { id: string; name: string }[];
  subjects: { id: string; label: string }[];
  /** Work already due in the chosen group, so the teacher sees the load of each day. */
  load: { dueOn: string; count: number }[];
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** The teacher's timetable slots of the lesson's day, as links that fill the form in. */
  slots?: { href: string; label: string }[];
  /** An edited lesson's picker of links and catalogue resources. */
  resourcesHref?: string;
}

/** The script that checks file sizes before the form is sent (served by the module). */
export const LESSON_FORM_SCRIPT = '/homework/lesson-form.js';

function Select({
  name,
  label,
  value,
  options,
  error,
}: {
  name: string;
  label: string;
  value?: string;
  options: { id: string; label: string }[];
  error?: string;
}) {
  return (
    <Field name={name} label={label} error={error} required>
      <select id={`field-${name}`} name={name} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `field-${name}-error` : undefined}>
        <option value="" selected={!options.some((o) => o.id === value)}>
          {t('homework.form.choose')}
        </option>
        {options.map((o) => (
          <option value={o.id} selected={o.id === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TextArea({ name, label, value, error, hint, rows }: { name: string; label: string; value?: string; error?: string; hint?: string; rows: number }) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      <textarea id={id} name={name} rows={rows} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {value ?? ''}
      </textarea>
    </Field>
  );
}

export function LessonForm(props: LessonFormProps) {
  const { values, errors = {} } = props;
  const e = (name: string) => errors[name];
  return (
    <>
      <div class="page-header">
        <h1>{props.editing ? t('homework.form.edit') : t('homework.form.new')}</h1>
      </div>
      <ErrorSummary errors={errors} />
      {props.resourcesHref && (
        <p>
          <a href={props.resourcesHref}>{t('homework.picker.open')}</a>
        </p>
      )}
      {props.slots && props.slots.length > 0 && (
        <nav class="card" aria-labelledby="slots-title">
          <h2 id="slots-title">{t('homework.form.slots')}</h2>
          <p class="muted">{t('homework.form.slotsHint')}</p>
          <ul class="list-plain">
            {props.slots.map((s) => (
              <li>
                <a href={s.href}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.load.length > 0 && (
        <aside class="card" aria-labelledby="load-title">
          <h2 id="load-title">{t('homework.group.load')}</h2>
          <ul class="list-plain">
            {props.load.map((d) => (
              <li>{t('homework.group.loadDay', d.count, formatDate(d.dueOn))}</li>
            ))}
          </ul>
        </aside>
      )}
      <form method="post" action={props.action} enctype="multipart/form-data" class="lesson-form" noValidate>
        <CsrfField token={props.csrf} />
        <Select
          name="groupId"
          label={t('homework.form.group')}
          value={values.groupId}
          options={props.groups.map((g) => ({ id: g.id, label: g.name }))}
          error={e('groupId')}
        />
        <Select name="subjectId" label={t('homework.form.subject')} value={values.subjectId} options={props.subjects} error={e('subjectId')} />
        <Field name="lessonDate" label={t('homework.form.date')} type="date" value={values.lessonDate} error={e('lessonDate')} required />
        <Field name="startTime" label={t('homework.form.start')} type="time" value={values.startTime} error={e('startTime')} />
        <Field name="endTime" label={t('homework.form.end')} type="time" value={values.endTime} error={e('endTime')} />
        <TextArea name="content" label={t('homework.form.content')} value={values.content} error={e('content')} hint={t('homework.form.richHint')} rows={6} />
        {values.assignments.map((a, i) => {
          const n = (field: string) => `assignments.${i}.${field}`;
          return (
            <fieldset class="card">
              <legend>{t('homework.form.assignment', i + 1)}</legend>
              {a.id && <input type="hidden" name={n('id')} value={a.id} />}
              <TextArea
                name={n('instructions')}
                label={t('homework.form.instructions')}
                value={a.instructions}
                error={e(n('instructions'))}
                hint={a.id ? undefined : t('homework.form.instructionsHint')}
                rows={3}
              />
              <Field name={n('givenOn')} label={t('homework.form.givenOn')} type="date" value={a.givenOn} error={e(n('givenOn'))} />
              <Field name={n('dueOn')} label={t('homework.form.dueOn')} type="date" value={a.dueOn} error={e(n('dueOn'))} />
              <Field
                name={n('minutes')}
                label={t('homework.form.minutes')}
                type="number"
                value={a.minutes}
                error={e(n('estimatedMinutes'))}
                inputMode="numeric"
              />
              <div class="field field--check">
                <input type="checkbox" id={`field-${n('toHandIn')}`} name={n('toHandIn')} value="on" checked={!!a.toHandIn} />
                <label for={`field-${n('toHandIn')}`}>{t('homework.form.toHandIn')}</label>
              </div>
              {!a.id && (
                <div class={`field field--check${e(n('openBox')) ? ' field--error' : ''}`}>
                  <input
                    type="checkbox"
                    id={`field-${n('openBox')}`}
                    name={n('openBox')}
                    value="on"
                    checked={!!a.openBox}
                    aria-describedby={`field-${n('openBox')}-hint${e(n('openBox')) ? ` field-${n('openBox')}-error` : ''}`}
                  />
                  <label for={`field-${n('openBox')}`}>{t('homework.form.openBox')}</label>
                  <p class="field__hint" id={`field-${n('openBox')}-hint`}>
                    {t('homework.form.openBoxHint')}
                  </p>
                  {e(n('openBox')) && (
                    <p class="field__error" id={`field-${n('openBox')}-error`}>
                      {e(n('openBox'))}
                    </p>
                  )}
                </div>
              )}
            </fieldset>
          );
        })}
        <Field name="files" label={t('homework.form.files')} hint={t('homework.form.filesHint', formatSize(props.maxBytes))} error={e('files')}>
          <input
            id="field-files"
            name="files"
            type="file"
            multiple
            aria-invalid={e('files') ? 'true' : undefined}
            aria-describedby={e('files') ? 'field-files-hint field-files-error' : 'field-files-hint'}
            data-max-bytes={String(props.maxBytes)}
            data-too-large={t('homework.error.file_too_large', '{name}', formatSize(props.maxBytes))}
          />
        </Field>
        <Field name="visibleFrom" label={t('homework.form.visibleFrom')} type="datetime-local" value={values.visibleFrom} error={e('visibleFrom')} />
        <p class="actions">
          <button type="submit" name="action" value="publish" class="button button--primary">
            {t('homework.form.publish')}
          </button>
          <button type="submit" name="action" value="draft" class="button">
            {t('homework.form.draft')}
          </button>
        </p>
      </form>
      <script src={LESSON_FORM_SCRIPT} defer></script>
    </>
  );
}
