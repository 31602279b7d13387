import { t } from '../i18n/fr.js';
import type { pupilMarks } from '../service/reads.js';
import { PeriodPicker, day, levelLabel, num } from './common.js';

type Marks = Awaited<ReturnType<typeof pupilMarks>>;

export function PupilPage({ marks }: { marks: Marks }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.pupil.title', marks.pupil.name)}</h1>
        {marks.period ? (
          <p class="actions">
            <a class="button" href={`/assessment/reports/${marks.pupil.id}/${marks.period.id}`}>
              {t('assessment.pupil.report')}
            </a>
          </p>
        ) : null}
      </div>
      <PeriodPicker action={`/assessment/pupils/${marks.pupil.id}`} periods={marks.periods} current={marks.period?.id} />
      {!marks.period ? <p>{t('assessment.period.none')}</p> : null}
      {marks.staff ? <p class="muted">{t('assessment.pupil.staffNote')}</p> : null}
      {marks.period && marks.subjects.length === 0 ? <p>{t('assessment.pupil.none')}</p> : null}
      {marks.average !== null ? (
        <p>
          <strong>{t('assessment.pupil.overall')} : </strong>
          {num(marks.average)}
        </p>
      ) : null}
      {marks.subjects.map((s, i) => (
        <section class="card" aria-labelledby={`subject-${i}`}>
          <h2 id={`subject-${i}`}>{s.label}</h2>
          {s.average !== null ? (
            <p>
              {t('assessment.pupil.average')} : <strong>{num(s.average)}</strong> / 20
            </p>
          ) : null}
          <ul class="list-plain">
            {s.assessments.map((a) => (
              <li>
                <strong>{a.title}</strong> ({day(a.assessedOn)}){a.scale !== null ? ` : ${a.mark || '—'} / ${a.scale}` : ''}
                {a.coefficient !== 1 && a.scale !== null ? ` (coef. ${num(a.coefficient)})` : ''}
                {!a.published ? <span class="badge badge--warn"> {t('assessment.state.unpublished')}</span> : null}
                {a.levels.length > 0 ? (
                  <ul>
                    {a.levels.map((l) => (
                      <li>
                        {l.label} : {levelLabel(l.level)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
