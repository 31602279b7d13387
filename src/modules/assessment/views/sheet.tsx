import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { assessmentSheet } from '../service/results.js';
import { LEVEL_VALUES, skillOf } from '../skills.js';
import { day, num } from './common.js';

type Sheet = Awaited<ReturnType<typeof assessmentSheet>>;

export function SheetPage({
  sheet,
  groupName,
  csrf,
  errors,
  typed,
}: {
  sheet: Sheet;
  groupName: string;
  csrf: string;
  errors?: FieldErrors;
  /** What the teacher typed, shown again with the errors. */
  typed?: Record<string, string>;
}) {
  const a = sheet.assessment;
  const marks = a.kind === 'marks' && a.scale !== null;
  const labels: Record<string, string> = {};
  for (const p of sheet.pupils) labels[`mark-${p.id}`] = p.name;
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.sheet.title', a.title, groupName)}</h1>
      </div>
      <p>
        {t('assessment.sheet.meta', a.subjectLabel, a.assessedOn)}
        {marks ? ` — ${t('assessment.sheet.scale', a.scale!, num(a.coefficient))}` : ''}
      </p>
      <p>
        <span class={a.published ? 'badge badge--ok' : 'badge badge--warn'}>
          {a.held ? t('assessment.state.held', a.heldReason ?? '') : a.published ? t('assessment.state.published') : t('assessment.state.unpublished')}
        </span>{' '}
        {!a.published && !a.held ? <span class="muted">{t('assessment.state.pending', formatDateTime(a.publishAt))}</span> : null}
      </p>
      {sheet.editable ? (
        <p>
          <a href={`/assessment/assessments/${a.id}/edit`}>{t('assessment.form.edit')}</a>
        </p>
      ) : null}
      {sheet.stats.count > 0 && marks ? <p>{t('assessment.sheet.stats', num(sheet.stats.mean), num(sheet.stats.min), num(sheet.stats.max))}</p> : null}
      <ErrorSummary errors={errors} />
      {sheet.pupils.length === 0 ? (
        <p>{t('assessment.sheet.noPupils')}</p>
      ) : (
        <form method="post" action={`/assessment/assessments/${a.id}/results`} class="card">
          <CsrfField token={csrf} />
          {marks ? (
            <p class="field__hint" id="marks-help">
              {t('assessment.sheet.help')}
            </p>
          ) : null}
          <TableWrap labelledBy="results-caption">
            <table class="table">
              <caption id="results-caption">{t('assessment.sheet.title', a.title, groupName)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('assessment.sheet.pupil')}</th>
                  {marks ? <th scope="col">{t('assessment.sheet.mark', a.scale!)}</th> : null}
                  {sheet.skills.map((s) => (
                    <th scope="col">{skillOf(s.code)?.skill.short ?? s.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.pupils.map((p) => {
                  const field = `mark-${p.id}`;
                  const error = errors?.[field];
                  return (
                    <tr>
                      <th scope="row">{p.name}</th>
                      {marks ? (
                        <td>
                          <input
                            id={`field-${field}`}
                            name={`mark.${p.id}`}
                            class="marks-input"
                            type="text"
                            inputMode="decimal"
                            autocomplete="off"
                            size={5}
                            maxLength={6}
                            value={typed?.[`mark.${p.id}`] ?? p.mark}
                            aria-label={t('assessment.sheet.markLabel', p.name)}
                            aria-invalid={error ? 'true' : undefined}
                            aria-describedby={error ? `field-${field}-error` : 'marks-help'}
                            disabled={!sheet.editable}
                          />
                          {error ? (
                            <p class="field__error" id={`field-${field}-error`}>
                              {error}
                            </p>
                          ) : null}
                        </td>
                      ) : null}
                      {sheet.skills.map((s) => {
                        const name = `level.${p.id}.${s.code}`;
                        const chosen = typed?.[name] ?? String(p.levels[s.code] ?? '');
                        return (
                          <td>
                            <fieldset class="field-group levels">
                              <legend class="visually-hidden">{t('assessment.sheet.levelLegend', p.name, s.label)}</legend>
                              {LEVEL_VALUES.map((v) => (
                                <label class="level">
                                  <input type="radio" name={name} value={String(v)} checked={chosen === String(v)} disabled={!sheet.editable} />{' '}
                                  {t(`assessment.level.short.${v}`)}
                                </label>
                              ))}
                              <label class="level">
                                <input type="radio" name={name} value="" checked={chosen === ''} disabled={!sheet.editable} /> {t('assessment.level.none')}
                              </label>
                            </fieldset>
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          {sheet.editable ? (
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('assessment.sheet.save')}
              </button>
            </p>
          ) : null}
        </form>
      )}
      {sheet.editable ? <HoldForms id={a.id} held={a.held} csrf={csrf} errors={errors} /> : null}
      <p>
        <a href={`/assessment/groups/${a.groupId}?periodId=${a.periodId}`}>{t('assessment.index.table')}</a> · {day(a.assessedOn)}
      </p>
    </>
  );
}

function HoldForms({ id, held, csrf, errors }: { id: string; held: boolean; csrf: string; errors?: FieldErrors }) {
  return (
    <section class="card" aria-labelledby="hold-title">
      <h2 id="hold-title">{t('assessment.hold.title')}</h2>
      {held ? (
        <form method="post" action={`/assessment/assessments/${id}/release`}>
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {t('assessment.hold.release')}
          </button>
        </form>
      ) : (
        <form method="post" action={`/assessment/assessments/${id}/hold`}>
          <CsrfField token={csrf} />
          <div class={errors?.reason ? 'field field--error' : 'field'}>
            <label for="field-reason">{t('assessment.hold.reason')}</label>
            {errors?.reason ? (
              <p class="field__error" id="field-reason-error">
                {errors.reason}
              </p>
            ) : null}
            <input id="field-reason" name="reason" type="text" maxLength={300} aria-describedby={errors?.reason ? 'field-reason-error' : undefined} />
          </div>
          <button type="submit" class="button">
            {t('assessment.hold.submit')}
          </button>
        </form>
      )}
      <form method="post" action={`/assessment/assessments/${id}/delete`}>
        <CsrfField token={csrf} />
        <p>
          <button type="submit" class="button button--danger">
            {t('assessment.delete')}
          </button>
        </p>
      </form>
    </section>
  );
}
