import { CsrfField } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { Report } from '../service/reports.js';
import { day, levelLabel, num } from './common.js';

/** Who may comment what on this report, decided by the route from the policy. */
export interface CommentRights {
  /** Subject codes the person comments. */
  subjects: Set<string>;
  overall: boolean;
}

export function ReportPage({ report, csrf, rights }: { report: Report; csrf: string; rights: CommentRights }) {
  const base = `/assessment/reports/${report.pupil.id}/${report.period.id}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.report.title', report.pupil.name, report.period.name)}</h1>
        <p class="actions">
          <a class="button" href={`${base}/pdf`}>
            {t('assessment.report.pdf')}
          </a>
        </p>
      </div>
      <p>
        {t('assessment.report.school', report.school, report.schoolYear)}
        {report.className ? ` — ${t('assessment.report.class', report.className)}` : ''} — {day(report.period.startsOn)} – {day(report.period.endsOn)}
      </p>
      {!report.published ? <p class="badge badge--warn">{t('assessment.report.notPublished')}</p> : null}
      {report.lines.length === 0 ? <p>{t('assessment.report.none')}</p> : null}
      {report.lines.length > 0 ? (
        <TableWrap labelledBy="report-caption">
          <table class="table">
            <caption id="report-caption">{t('assessment.report.title', report.pupil.name, report.period.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.report.subject')}</th>
                <th scope="col">{t('assessment.report.pupilAverage')}</th>
                <th scope="col">{t('assessment.report.classAverage')}</th>
                <th scope="col">{t('assessment.report.skills')}</th>
                <th scope="col">{t('assessment.report.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((l) => (
                <tr>
                  <th scope="row">{l.label}</th>
                  <td class="num">{num(l.average)}</td>
                  <td class="num">{num(l.classAverage)}</td>
                  <td>
                    {l.skills.length > 0 ? (
                      <ul class="list-plain">
                        {l.skills.map((s) => (
                          <li>
                            {s.label} : <strong>{levelLabel(s.level)}</strong>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>
                    {rights.subjects.has(l.code) ? (
                      <form method="post" action={`${base}/comments`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="subjectCode" value={l.code} />
                        <label for={`field-comment-${l.code}`} class="visually-hidden">
                          {t('assessment.report.commentFor', l.label)}
                        </label>
                        <textarea id={`field-comment-${l.code}`} name="comment" rows={2} maxLength={1000}>
                          {l.comment}
                        </textarea>
                        <button type="submit" class="button button--small">
                          {t('assessment.report.saveComment')}
                        </button>
                      </form>
                    ) : (
                      l.comment
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {report.average !== null ? (
        <p>
          <strong>{t('assessment.pupil.overall')} : </strong>
          {num(report.average)}
        </p>
      ) : null}
      {report.socle.length > 0 ? <SocleSection socle={report.socle} /> : null}
      <section class="card" aria-labelledby="overall-title">
        <h2 id="overall-title">{t('assessment.report.overall')}</h2>
        {rights.overall ? (
          <form method="post" action={`${base}/comments`}>
            <CsrfField token={csrf} />
            <label for="field-comment-overall" class="visually-hidden">
              {t('assessment.report.overall')}
            </label>
            <textarea id="field-comment-overall" name="comment" rows={3} maxLength={1000}>
              {report.overall}
            </textarea>
            <button type="submit" class="button">
              {t('assessment.report.saveComment')}
            </button>
          </form>
        ) : (
          <p>{report.overall || '—'}</p>
        )}
      </section>
    </>
  );
}

/** The socle's positioning for the period, per domain and component. */
function SocleSection({ socle }: { socle: Report['socle'] }) {
  return (
    <section class="card" aria-labelledby="socle-title">
      <h2 id="socle-title">{t('assessment.report.socle')}</h2>
      <p class="field__hint">{t('assessment.report.socleHint')}</p>
      {socle.map((d) => (
        <section aria-labelledby={`socle-${d.code.replace(/\./g, '-')}`}>
          <h3 id={`socle-${d.code.replace(/\./g, '-')}`}>{d.label}</h3>
          <ul class="list-plain">
            {d.components.map((c) => (
              <li>
                {d.components.length > 1 || c.label !== d.label ? `${c.label} : ` : ''}
                <strong>{levelLabel(c.level)}</strong> <span class="muted">{t('assessment.report.socleCount', c.count)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
