import { currentLocale, formatDate, INTL_TAG } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { REASONS } from '../reasons.js';
import type { dayView } from '../service/day.js';

type Day = Awaited<ReturnType<typeof dayView>>;

export function ReasonSelect({ id, value }: { id: string; value?: string }) {
  return (
    <select id={id} name="reason" required>
      {REASONS.map((r) => (
        <option value={r} selected={value === r}>
          {t(`attendance.reason.${r}`)}
        </option>
      ))}
    </select>
  );
}

/** `09:30` in Paris time, as the reader's language writes it. */
const time = (iso: string) =>
  new Intl.DateTimeFormat(INTL_TAG[currentLocale()], { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** The office's day: classes with their roll calls and absences, families' contacts, announced absences, justifications to review. */
export function DayPage({ day }: { day: Day }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.day.title', formatDate(day.date))}</h1>
        <form method="get" action="/attendance/day" class="inline-form">
          <label for="day-date">{t('attendance.call.date')}</label> <input type="date" id="day-date" name="date" value={day.date} />{' '}
          <button type="submit" class="button button--small">
            {t('attendance.day.show')}
          </button>
        </form>
      </div>
      {day.classes.map((c) => (
        <section class="card" aria-labelledby={`class-${c.id}`}>
          <h2 id={`class-${c.id}`}>
            {c.name}{' '}
            {c.flagged ? (
              <span class="badge badge--warn">{t('attendance.day.notCalledLate', day.deadline)}</span>
            ) : c.rollCalls.length === 0 ? (
              <span class="badge badge--muted">{t('attendance.day.notCalled')}</span>
            ) : (
              <span class="badge badge--ok">{t('attendance.day.calledAt', time(c.rollCalls[0]!.calledAt))}</span>
            )}
          </h2>
          {c.marks.length === 0 ? (
            <p class="muted">{t('attendance.day.none')}</p>
          ) : (
            <ul class="list-plain">
              {c.marks.map((m) => (
                <li>
                  <a href={`/attendance/pupils/${m.studentId}`}>{m.name}</a> —{' '}
                  {m.status === 'late'
                    ? t('attendance.day.lateBy', m.lateMinutes ?? 0)
                    : t('attendance.day.absentAt', m.lesson ?? t(m.halfDay === 'pm' ? 'attendance.pm' : 'attendance.am'))}
                  {m.justified && <span class="badge badge--ok"> {t('attendance.state.accepted')}</span>}
                  <br />
                  <span class="muted">{t('attendance.day.contacts')} : </span>
                  {m.contacts.length === 0
                    ? t('attendance.day.noContact')
                    : m.contacts.map((g, i) => (
                        <>
                          {i > 0 && ' · '}
                          {g.name}
                          {g.phone && (
                            <>
                              {' '}
                              <a href={`tel:${g.phone.replace(/\s/g, '')}`}>{g.phone}</a>
                            </>
                          )}
                          {g.email && (
                            <>
                              {' '}
                              <a href={`mailto:${g.email}`}>{g.email}</a>
                            </>
                          )}
                        </>
                      ))}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`/attendance/groups/${c.id}/call?date=${day.date}`}>{t('attendance.index.call')}</a>
          </p>
        </section>
      ))}
      <section class="card" aria-labelledby="announced-title">
        <h2 id="announced-title">{t('attendance.day.announced')}</h2>
        {day.announced.length === 0 ? (
          <p class="muted">{t('attendance.day.noAnnounced')}</p>
        ) : (
          <ul class="list-plain">
            {day.announced.map((a) => (
              <li>
                <a href={`/attendance/pupils/${a.studentId}`}>{a.name}</a> — {t(`attendance.reason.${a.reason}` as 'attendance.reason.other')}
                {a.halfDay && ` (${t(a.halfDay === 'pm' ? 'attendance.pm' : 'attendance.am')})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">{t('attendance.day.pending')}</h2>
        {day.pending.length === 0 ? (
          <p class="muted">{t('attendance.day.noPending')}</p>
        ) : (
          <ul class="list-plain">
            {day.pending.map((j) => (
              <li>
                <a href={`/attendance/pupils/${j.studentId}`}>{j.name}</a> —{' '}
                {t('attendance.justification.period', formatDate(j.fromDate), formatDate(j.toDate))},{' '}
                {t(`attendance.reason.${j.reason}` as 'attendance.reason.other')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
