import { formatDate, formatSize } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { pupilRecord } from '../service/pupils.js';
import { ReasonSelect } from './day.js';

type Record_ = Awaited<ReturnType<typeof pupilRecord>>;

export interface PupilPageProps {
  record: Record_;
  csrf: string;
  canReview: boolean;
  canAnnounce: boolean;
  today: string;
  errors?: FieldErrors;
  /** Which form the errors belong to, and what was typed in it. */
  form?: 'justify' | 'announce';
  typed?: Record<string, string>;
}

const reasonLabel = (r: string) => t(`attendance.reason.${r}` as 'attendance.reason.other');

function DateFields({ typed, date }: { typed?: Record<string, string>; date: string }) {
  return (
    <>
      <div class="field">
        <label for="field-from">{t('attendance.justify.from')}</label>
        <input type="date" id="field-from" name="from" value={typed?.from ?? date} required />
      </div>
      <div class="field">
        <label for="field-to">{t('attendance.justify.to')}</label>
        <input type="date" id="field-to" name="to" value={typed?.to ?? date} required />
      </div>
      <div class="field">
        <label for="field-reason">{t('attendance.justify.reason')}</label>
        <ReasonSelect id="field-reason" value={typed?.reason} />
      </div>
      <div class="field">
        <label for="field-comment">{t('attendance.justify.comment')}</label>
        <textarea id="field-comment" name="comment" rows={2} maxLength={2000}>
          {typed?.comment ?? ''}
        </textarea>
      </div>
    </>
  );
}

/** A pupil's year: totals, each absence with its state, the justifications and, for whom they are, the forms. */
export function PupilPage(props: PupilPageProps) {
  const { record } = props;
  const firstOpen = record.marks.find((m) => m.state === 'unjustified' || m.state === 'refused');
  const base = `/attendance/pupils/${record.pupil.id}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.pupil.title', record.pupil.name)}</h1>
      </div>
      <section class="stats" aria-label={t('attendance.pupil.totals')}>
        <p class="stat">
          {t('attendance.pupil.halfDays', record.totals.halfDays)} <br />
          {t('attendance.pupil.justified', record.totals.justified)}
        </p>
        <p class="stat">{t('attendance.pupil.lates', record.totals.lates, record.totals.lateMinutes)}</p>
      </section>
      <h2 id="marks-title">{t('attendance.pupil.list')}</h2>
      {record.marks.length === 0 ? (
        <p>{t('attendance.pupil.none')}</p>
      ) : (
        <TableWrap labelledBy="marks-title">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.pupil.date')}</th>
                <th scope="col">{t('attendance.pupil.what')}</th>
                <th scope="col">{t('attendance.pupil.state')}</th>
              </tr>
            </thead>
            <tbody>
              {record.marks.map((m) => (
                <tr>
                  <td>{formatDate(m.date)}</td>
                  <td>
                    {m.status === 'late'
                      ? t('attendance.day.lateBy', m.lateMinutes ?? 0)
                      : t('attendance.day.absentAt', m.lesson ?? t(m.halfDay === 'pm' ? 'attendance.pm' : 'attendance.am'))}
                  </td>
                  <td>{m.state === 'late' ? '—' : t(`attendance.state.${m.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {record.canJustify && (
        <form method="post" action={`${base}/justifications`} enctype="multipart/form-data" class="card">
          <CsrfField token={props.csrf} />
          <h2>{t('attendance.justify.title')}</h2>
          {props.form === 'justify' && <ErrorSummary errors={props.errors} />}
          <DateFields typed={props.form === 'justify' ? props.typed : undefined} date={firstOpen?.date ?? props.today} />
          <div class="field">
            <label for="field-document">{t('attendance.justify.document')}</label>
            <input type="file" id="field-document" name="document" accept=".pdf,image/*" />
          </div>
          <button type="submit" class="button button--primary">
            {t('attendance.justify.send')}
          </button>
        </form>
      )}
      <section aria-labelledby="justifications-title">
        <h2 id="justifications-title">{t('attendance.justifications.title')}</h2>
        {record.justifications.length === 0 ? (
          <p class="muted">{t('attendance.justifications.none')}</p>
        ) : (
          record.justifications.map((j) => (
            <article class="card">
              <p>
                <strong>{t('attendance.justification.period', formatDate(j.from), formatDate(j.to))}</strong> — {reasonLabel(j.reason)}{' '}
                <span class={j.status === 'accepted' ? 'badge badge--ok' : j.status === 'refused' ? 'badge badge--warn' : 'badge badge--muted'}>
                  {t(`attendance.state.${j.status}`)}
                </span>
              </p>
              {j.comment && <p>{j.comment}</p>}
              {j.document && (
                <p>
                  <a href={`/attendance/justifications/${j.id}/document`}>
                    {t('attendance.justification.document')} ({j.document.fileName}, {formatSize(j.document.size)})
                  </a>
                </p>
              )}
              {j.reviewComment && <p>{t('attendance.justification.reviewComment', j.reviewComment)}</p>}
              {props.canReview && j.status === 'pending' && (
                <form method="post" action={`/attendance/justifications/${j.id}/review`}>
                  <CsrfField token={props.csrf} />
                  <div class="field">
                    <label for={`review-${j.id}`}>{t('attendance.review.comment')}</label>
                    <input id={`review-${j.id}`} name="comment" maxLength={2000} />
                  </div>
                  <button type="submit" name="decision" value="accept" class="button button--primary">
                    {t('attendance.review.accept')}
                  </button>{' '}
                  <button type="submit" name="decision" value="refuse" class="button button--danger">
                    {t('attendance.review.refuse')}
                  </button>
                </form>
              )}
            </article>
          ))
        )}
      </section>
      {props.canAnnounce && (
        <form method="post" action={`${base}/announced`} class="card">
          <CsrfField token={props.csrf} />
          <h2>{t('attendance.announce.title')}</h2>
          {props.form === 'announce' && <ErrorSummary errors={props.errors} />}
          <DateFields typed={props.form === 'announce' ? props.typed : undefined} date={props.today} />
          <div class="field">
            <label for="field-halfDay">{t('attendance.announce.halfDay')}</label>
            <select id="field-halfDay" name="halfDay">
              <option value="">{t('attendance.announce.allDay')}</option>
              <option value="am" selected={props.typed?.halfDay === 'am'}>
                {t('attendance.am')}
              </option>
              <option value="pm" selected={props.typed?.halfDay === 'pm'}>
                {t('attendance.pm')}
              </option>
            </select>
          </div>
          <button type="submit" class="button">
            {t('attendance.announce.save')}
          </button>
        </form>
      )}
    </>
  );
}
