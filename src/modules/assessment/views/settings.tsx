import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { isoToParisLocal } from '../dates.js';
import { t } from '../i18n/fr.js';
import type { heldList, SettingsView } from '../service/settings.js';
import { day } from './common.js';

export function SettingsPage({
  csrf,
  settings,
  periods,
  errors,
}: {
  csrf: string;
  settings: SettingsView;
  /** The periods to show in the form (typed ones after an error, suggestions when none). */
  periods: { name: string; startsOn: string; endsOn: string }[];
  errors?: FieldErrors;
}) {
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.settings.title')}</h1>
      </div>
      <ErrorSummary errors={errors} />
      <form method="post" action="/assessment/settings" class="card">
        <CsrfField token={csrf} />
        <fieldset class="field-group">
          <legend>{t('assessment.settings.kind')}</legend>
          {(['trimester', 'semester'] as const).map((k) => (
            <div class="field field--check">
              <input type="radio" id={`field-periodKind-${k}`} name="periodKind" value={k} checked={settings.periodKind === k} />
              <label for={`field-periodKind-${k}`}>{t(`assessment.settings.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field-group">
          <legend>{t('assessment.settings.policy')}</legend>
          {(['perAssessment', 'perPeriod', 'periodEnd'] as const).map((p) => (
            <div class="field field--check">
              <input type="radio" id={`field-policy-${p}`} name="publicationPolicy" value={p} checked={settings.publicationPolicy === p} />
              <label for={`field-policy-${p}`}>{t(`assessment.settings.${p}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button--primary">
          {t('assessment.settings.save')}
        </button>
      </form>
      <form method="post" action="/assessment/settings/periods" class="card">
        <CsrfField token={csrf} />
        <h2>{t('assessment.settings.periods', settings.schoolYear)}</h2>
        {periods.map((p, i) => (
          <fieldset class="field-group">
            <legend>{p.name || String(i + 1)}</legend>
            <Field name={`periods.${i}.name`} label={t('assessment.settings.periodName', i + 1)} value={p.name} error={errors?.[`periods.${i}.name`]} />
            <Field
              name={`periods.${i}.startsOn`}
              type="date"
              label={t('assessment.settings.startsOn', i + 1)}
              value={p.startsOn}
              error={errors?.[`periods.${i}.startsOn`]}
            />
            <Field
              name={`periods.${i}.endsOn`}
              type="date"
              label={t('assessment.settings.endsOn', i + 1)}
              value={p.endsOn}
              error={errors?.[`periods.${i}.endsOn`]}
            />
          </fieldset>
        ))}
        <button type="submit" class="button button--primary">
          {t('assessment.settings.savePeriods')}
        </button>
      </form>
      {settings.publicationPolicy === 'perPeriod'
        ? settings.periods.map((p) => (
            <form method="post" action={`/assessment/settings/periods/${p.id}/publication`} class="card">
              <CsrfField token={csrf} />
              <p>
                <span class={p.published ? 'badge badge--ok' : 'badge badge--warn'}>
                  {p.published ? t('assessment.settings.periodPublished') : t('assessment.settings.periodHeld')}
                </span>
              </p>
              <Field
                name={`publishAt-${p.id}`}
                type="datetime-local"
                label={t('assessment.settings.publishAt', p.name)}
                value={p.publishAt ? isoToParisLocal(p.publishAt) : ''}
              />
              <button type="submit" class="button">
                {t('assessment.settings.savePublish')}
              </button>
            </form>
          ))
        : null}
    </>
  );
}

export function HeldPage({ held }: { held: Awaited<ReturnType<typeof heldList>> }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.held.title')}</h1>
      </div>
      {held.length === 0 ? (
        <p>{t('assessment.held.none')}</p>
      ) : (
        <ul class="list-plain">
          {held.map((h) => (
            <li class="card">
              <strong>{h.title}</strong> — {h.subject}, {day(h.assessedOn)}
              <br />
              {t('assessment.held.by', h.teacher, h.group)} · {formatDateTime(h.heldAt)}
              <br />
              {t('assessment.state.held', h.reason)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
