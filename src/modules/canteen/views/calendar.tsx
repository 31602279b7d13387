import { formatDate, formatDateTime, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { monthCalendar } from '../service/family.js';
import { monthLabel, weekdayAndDay } from './dates.js';

type Calendar = Awaited<ReturnType<typeof monthCalendar>>;

export interface HistoryLine {
  day: string;
  action: 'book' | 'wait' | 'cancel' | 'promote';
  service: string;
  by: string;
  at: string;
  reason: string | null;
}

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The month as a table of days × services: a checkbox per open day (ticked = booked), the state
 * in words where it cannot change. Works without JavaScript; one submit books and cancels.
 */
export function CalendarPage(props: { cal: Calendar; csrf: string; onBehalf: boolean; errors?: FieldErrors; history: HistoryLine[] }) {
  const { cal, errors } = props;
  const base = `/canteen/children/${cal.child.studentId}`;
  const days = cal.days.filter((d) => d.cells.some((c) => c.state !== 'off'));
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.calendar.title', isolate(cal.child.displayName))}</h1>
        <p class="muted">{cal.child.schoolName}</p>
      </div>
      <ErrorSummary errors={errors} />
      {!cal.registered && (
        <p class="card">
          {t('canteen.calendar.registerFirst')} <a href={`${base}/registration`}>{t('canteen.family.register')}</a>
        </p>
      )}
      <nav class="pagination" aria-label={t('canteen.calendar.month')}>
        <a href={`${base}/calendar?month=${shiftMonth(cal.month, -1)}`}>{t('canteen.calendar.previous')}</a>
        <strong>{monthLabel(cal.month)}</strong>
        <a href={`${base}/calendar?month=${shiftMonth(cal.month, 1)}`}>{t('canteen.calendar.next')}</a>
      </nav>
      {cal.services.length === 0 ? (
        <p class="muted">{t('canteen.calendar.noService')}</p>
      ) : (
        <>
          <section class="card" aria-labelledby="rules">
            <h2 id="rules">{t('canteen.calendar.rules')}</h2>
            <ul class="list-plain">
              {cal.services.map((s) => (
                <li>{t('canteen.calendar.ruleLine', isolate(s.label), s.bookingRule, s.cancellationRule)}</li>
              ))}
            </ul>
          </section>
          <form method="post" action={`${base}/calendar`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="month" value={cal.month} />
            <TableWrap labelledBy="month-title">
              <table class="table">
                <caption id="month-title">{monthLabel(cal.month)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('canteen.calendar.day')}</th>
                    {cal.services.map((s) => (
                      <th scope="col">{s.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr>
                      <th scope="row">{weekdayAndDay(d.day)}</th>
                      {d.cells.map((c, i) => {
                        const service = cal.services[i]!;
                        const key = `${c.serviceId}.${d.day}`;
                        const id = `c-${key}`;
                        if (c.state === 'off') return <td>{t('canteen.calendar.off')}</td>;
                        if (c.state === 'closed') return <td>{t('canteen.calendar.closedNote', isolate(c.note ?? ''))}</td>;
                        const words =
                          c.state === 'booked'
                            ? t('canteen.calendar.booked')
                            : c.state === 'waiting'
                              ? t('canteen.calendar.waiting')
                              : c.state === 'full'
                                ? t('canteen.calendar.full')
                                : '';
                        if (!c.editable)
                          return (
                            <td>
                              {words || '·'}
                              {c.note && <span class="muted"> {c.note}</span>}
                            </td>
                          );
                        return (
                          <td>
                            <input type="hidden" name="shown" value={key} />
                            <input type="checkbox" id={id} name="on" value={key} checked={c.state === 'booked' || c.state === 'waiting'} />
                            <label for={id}>
                              <span class="visually-hidden">{t('canteen.calendar.cell', isolate(service.label), formatDate(d.day))}</span>
                              {words && ` ${words}`}
                            </label>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {props.onBehalf && (
              <div class="field">
                <label for="field-reason">{t('canteen.calendar.reason')}</label>
                <input id="field-reason" name="reason" maxLength={200} />
              </div>
            )}
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('canteen.calendar.save')}
              </button>
            </p>
          </form>
          {cal.registered && cal.terms.length > 0 && (
            <form method="post" action={`${base}/term`} class="card">
              <CsrfField token={props.csrf} />
              <input type="hidden" name="month" value={cal.month} />
              <h2>{t('canteen.calendar.term')}</h2>
              <div class="field">
                <label for="field-serviceId">{t('canteen.calendar.termService')}</label>
                <select id="field-serviceId" name="serviceId">
                  {cal.services.map((s) => (
                    <option value={s.id}>{s.label}</option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="field-termId">{t('canteen.calendar.termWhich')}</label>
                <select id="field-termId" name="termId">
                  {cal.terms.map((term) => (
                    <option value={term.id}>{`${term.label} (${formatDate(term.startsOn)} – ${formatDate(term.endsOn)})`}</option>
                  ))}
                </select>
              </div>
              {props.onBehalf && (
                <div class="field">
                  <label for="field-term-reason">{t('canteen.calendar.reason')}</label>
                  <input id="field-term-reason" name="reason" maxLength={200} />
                </div>
              )}
              <p class="actions">
                <button type="submit" class="button">
                  {t('canteen.calendar.termBook')}
                </button>
              </p>
            </form>
          )}
        </>
      )}
      {props.history.length > 0 && (
        <section class="card" aria-labelledby="history">
          <h2 id="history">{t('canteen.calendar.history')}</h2>
          <ul class="list-plain">
            {props.history.slice(0, 30).map((h) => (
              <li>
                {t('canteen.history.line', t(`canteen.history.${h.action}`), isolate(h.service), formatDate(h.day), isolate(h.by), formatDateTime(h.at))}
                {h.reason && <span class="muted">{` — ${h.reason}`}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
