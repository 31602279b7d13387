import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Domain } from '../skills.js';

export interface AssessmentFormValues {
  groupId?: string;
  kind?: string;
  subjectCode?: string;
  title?: string;
  assessedOn?: string;
  scale?: string;
  coefficient?: string;
  publishAt?: string;
  skills?: string[];
}

export function AssessmentFormPage({
  csrf,
  values,
  errors,
  groups,
  subjects,
  domains,
  edit,
}: {
  csrf: string;
  values: AssessmentFormValues;
  errors?: FieldErrors;
  groups: { id: string; name: string }[];
  subjects: { code: string; label: string }[];
  domains: Domain[];
  /** Editing an existing assessment: its group and kind stay, its period follows the date. */
  edit?: { id: string; title: string; groupName: string; periodName: string };
}) {
  const chosen = new Set(values.skills ?? []);
  const kind = values.kind === 'skills' ? 'skills' : 'marks';
  return (
    <>
      <div class="page-header">
        <h1>{edit ? t('assessment.form.editTitle', edit.title) : t('assessment.form.new')}</h1>
      </div>
      <ErrorSummary errors={errors} />
      {!edit && groups.length > 1 && subjects.length === 0 ? <GroupPicker groups={groups} kind={kind} /> : null}
      <form method="post" action={edit ? `/assessment/assessments/${edit.id}/edit` : '/assessment/assessments'} class="card">
        <CsrfField token={csrf} />
        {edit ? (
          <p>{t('assessment.form.editGroup', edit.groupName, t(`assessment.kind.${kind}`))}</p>
        ) : (
          <GroupAndKind values={values} errors={errors} groups={groups} kind={kind} />
        )}
        <Field name="subjectCode" label={t('assessment.field.subject')} error={errors?.subjectCode}>
          <select id="field-subjectCode" name="subjectCode">
            <option value="">{t('assessment.field.choose')}</option>
            {subjects.map((s) => (
              <option value={s.code} selected={s.code === values.subjectCode}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field name="title" label={t('assessment.field.title')} value={values.title} error={errors?.title} required />
        <Field
          name="assessedOn"
          type="date"
          label={t('assessment.field.assessedOn')}
          hint={edit ? t('assessment.form.periodHint', edit.periodName) : undefined}
          value={values.assessedOn}
          error={errors?.assessedOn}
          required
        />
        {!edit || kind === 'marks' ? (
          <>
            <Field name="scale" label={t('assessment.field.scale')} value={values.scale ?? '20'} error={errors?.scale} inputMode="numeric" />
            <Field
              name="coefficient"
              label={t('assessment.field.coefficient')}
              value={values.coefficient ?? '1'}
              error={errors?.coefficient}
              inputMode="decimal"
            />
          </>
        ) : null}
        <Field
          name="publishAt"
          type="datetime-local"
          label={t('assessment.field.publishAt')}
          hint={t('assessment.field.publishAtHint')}
          value={values.publishAt}
          error={errors?.publishAt}
        />
        {domains.length > 0 ? (
          <fieldset class="field-group" id="field-skills">
            <legend>{domains[0]?.code.startsWith('SOCLE.') ? t('assessment.field.socle') : t('assessment.field.skills')}</legend>
            {errors?.skills ? <p class="field__error">{errors.skills}</p> : null}
            {domains.map((d) => (
              <fieldset class="field-group">
                <legend>{d.label}</legend>
                {d.skills.map((s) => {
                  const id = `field-skill-${s.code.replace(/\./g, '-')}`;
                  return (
                    <div class="field field--check">
                      <input type="checkbox" id={id} name="skills" value={s.code} checked={chosen.has(s.code)} />
                      <label for={id}>{s.label}</label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </fieldset>
        ) : null}
        <p class="actions">
          <button type="submit" class="button button--primary">
            {edit ? t('assessment.form.save') : t('assessment.form.create')}
          </button>
          {edit ? (
            <>
              {' '}
              <a href={`/assessment/assessments/${edit.id}`}>{t('assessment.form.cancel')}</a>
            </>
          ) : null}
        </p>
      </form>
    </>
  );
}

function GroupAndKind({
  values,
  errors,
  groups,
  kind,
}: {
  values: AssessmentFormValues;
  errors?: FieldErrors;
  groups: { id: string; name: string }[];
  kind: 'marks' | 'skills';
}) {
  return (
    <>
      <Field name="groupId" label={t('assessment.field.group')} error={errors?.groupId} required>
        <select id="field-groupId" name="groupId" required>
          <option value="">{t('assessment.field.choose')}</option>
          {groups.map((g) => (
            <option value={g.id} selected={g.id === values.groupId}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset class="field-group">
        <legend>{t('assessment.field.kind')}</legend>
        {(['marks', 'skills'] as const).map((k) => (
          <div class="field field--check">
            <input type="radio" id={`field-kind-${k}`} name="kind" value={k} checked={kind === k} />
            <label for={`field-kind-${k}`}>{t(`assessment.kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
    </>
  );
}

/** Without script, a teacher of several groups picks one first: the page comes back with its subjects and skills. */
function GroupPicker({ groups, kind }: { groups: { id: string; name: string }[]; kind: 'marks' | 'skills' }) {
  return (
    <form method="get" action="/assessment/new" class="card inline-form">
      <input type="hidden" name="kind" value={kind} />
      <div class="field">
        <label for="pick-groupId">{t('assessment.form.pickGroup')}</label>
        <select id="pick-groupId" name="groupId" required>
          {groups.map((g) => (
            <option value={g.id}>{g.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t('assessment.form.pickGroupSubmit')}
      </button>
    </form>
  );
}
