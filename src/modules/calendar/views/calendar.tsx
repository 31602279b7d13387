import { formatSize, isolate } from '../../../kernel/i18n/index.js';
import { MAX_FILES } from '../service.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { addDays, monthBounds, shiftMonth, weekdayOf } from '../dates.js';
import { t } from '../i18n/fr.js';
import type { EventDetail, EventView } from '../service.js';
import { monthLabel, weekdayName } from './dates.js';

function when(e: Pick<EventView, 'startDay' | 'endDay' | 'startTime' | 'endTime'>): string {
  if (e.startTime && e.endTime && e.startDay === e.endDay) return t('calendar.when.time', e.startDay, e.startTime, e.endTime);
  return e.startDay === e.endDay ? t('calendar.when.day', e.startDay) : t('calendar.when.days', e.startDay, e.endDay);
}

function EventLine({ e }: { e: EventView }) {
  return (
    <>
      <a href={`/calendar/events/${e.id}`}>{`${e.startTime ? `${e.startTime} ` : ''}${e.title}`}</a>
      {e.cancelled && <span class="badge badge--muted">{` ${t('calendar.cancelled')}`}</span>}
    </>
  );
}

/** The month as an accessible table: one row per week, a header cell per weekday, links to the previous and next months. */
export function MonthPage({ month, events, zone, mayWrite }: { month: string; events: EventView[]; zone: string | null; mayWrite: boolean }) {
  const { first, last } = monthBounds(month);
  const start = addDays(first, -weekdayOf(first));
  const weeks: string[][] = [];
  for (let day = start; day <= last || weeks.at(-1)?.length !== 7; day = addDays(day, 1)) {
    if (!weeks.length || weeks.at(-1)!.length === 7) weeks.push([]);
    weeks.at(-1)!.push(day);
    if (weeks.length > 6) break;
  }
  const label = monthLabel(month);
  return (
    <>
      <div class="page-header">
        <h1>{t('calendar.month', label)}</h1>
        {zone && <p class="muted">{t('calendar.zone', zone)}</p>}
        <nav class="actions" aria-label={label}>
          <a class="button button--small" href={`/calendar?month=${shiftMonth(month, -1)}`}>
            {t('calendar.previous')}
          </a>
          <a class="button button--small" href={`/calendar?month=${shiftMonth(month, 1)}`}>
            {t('calendar.next')}
          </a>
          <a class="button button--small" href="/calendar/list">
            {t('calendar.listView')}
          </a>
          {mayWrite && (
            <a class="button button--small button--primary" href="/calendar/new">
              {t('calendar.new')}
            </a>
          )}
        </nav>
      </div>
      <div class="table-wrap">
        <table class="table calendar-month">
          <caption class="visually-hidden">{label}</caption>
          <thead>
            <tr>
              {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                <th scope="col">{weekdayName(d)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr>
                {week.map((day) => {
                  const inMonth = day >= first && day <= last;
                  const todays = events.filter((e) => e.startDay <= day && e.endDay >= day);
                  return (
                    <td class={inMonth ? undefined : 'muted'}>
                      <span>{Number(day.slice(8))}</span>
                      {inMonth && todays.length > 0 && (
                        <ul class="list-plain">
                          {todays.map((e) => (
                            <li>
                              <EventLine e={e} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ListPage({ events, mayWrite }: { events: EventView[]; mayWrite: boolean }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('calendar.list')}</h1>
        <p class="actions">
          <a class="button button--small" href="/calendar">
            {t('calendar.monthView')}
          </a>
          {mayWrite && (
            <a class="button button--small button--primary" href="/calendar/new">
              {t('calendar.new')}
            </a>
          )}
        </p>
      </div>
      {events.length === 0 ? (
        <p>{t('calendar.none')}</p>
      ) : (
        <ul class="cards list-plain">
          {events.map((e) => (
            <li class="card">
              <h2>
                <EventLine e={e} />
              </h2>
              <p class="muted">{`${t(`calendar.kind.${e.kind}`)} · ${when(e)}${e.place ? ` · ${t('calendar.place', isolate(e.place))}` : ''}`}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The event's files: links for every reader; for its author or a manager, a form to join more and a button to take one off. */
function Attachments({ event, csrf, fileError }: { event: EventDetail; csrf: string; fileError?: string }) {
  if (event.attachments.length === 0 && !event.mayEdit) return null;
  return (
    <section aria-labelledby="attachments" id="attachments-section">
      <h2 id="attachments">{t('calendar.attachments')}</h2>
      {event.attachments.length > 0 && (
        <ul class="file-list">
          {event.attachments.map((f) => (
            <li>
              <a href={`/calendar/events/${event.id}/attachments/${f.id}`} dir="auto">
                {f.fileName}
              </a>{' '}
              <span class="muted">{`(${formatSize(f.size)})`}</span>
              {event.mayEdit && (
                <form method="post" action={`/calendar/events/${event.id}/attachments/${f.id}/remove`} class="inline-form">
                  <CsrfField token={csrf} />
                  <button type="submit" class="button button--small">
                    {t('calendar.attach.remove', f.fileName)}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {event.mayEdit && event.attachments.length < MAX_FILES && (
        <form method="post" action={`/calendar/events/${event.id}/attachments`} enctype="multipart/form-data" novalidate>
          <CsrfField token={csrf} />
          <Field name="file" label={t('calendar.attach.field')} hint={t('calendar.attach.hint', MAX_FILES)} error={fileError}>
            <input
              type="file"
              id="field-file"
              name="file"
              aria-invalid={fileError ? 'true' : undefined}
              aria-describedby={fileError ? 'field-file-hint field-file-error' : 'field-file-hint'}
            />
          </Field>
          <p class="actions">
            <button type="submit" class="button">
              {t('calendar.attach.submit')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

export function EventPage({ event, csrf, fileError }: { event: EventDetail; csrf: string; fileError?: string }) {
  return (
    <article>
      <div class="page-header">
        <h1>{event.title}</h1>
        <p class="muted">{`${t(`calendar.kind.${event.kind}`)} · ${when(event)} · ${isolate(event.structureName)}`}</p>
        {event.cancelled && <p class="badge badge--muted">{t('calendar.cancelled')}</p>}
      </div>
      {event.place && <p>{t('calendar.place', isolate(event.place))}</p>}
      <div class="rich-text" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
      {event.audience.length > 0 && (
        <section aria-labelledby="event-audience">
          <h2 id="event-audience">{t('calendar.audience')}</h2>
          <ul>
            {event.audience.map((a) => (
              <li>{a.label}</li>
            ))}
          </ul>
        </section>
      )}
      <Attachments event={event} csrf={csrf} fileError={fileError} />
      {event.mayEdit && (
        <p>
          <a class="button" href={`/calendar/events/${event.id}/edit`}>
            {t('calendar.edit')}
          </a>
        </p>
      )}
      {event.mayCancel && (
        <form method="post" action={`/calendar/events/${event.id}/cancel`} class="inline-form">
          <CsrfField token={csrf} />
          <p class="muted">{t('calendar.cancel.hint')}</p>
          <button type="submit" class="button button--danger">
            {t('calendar.cancel')}
          </button>
        </form>
      )}
      <p>
        <a href={`/calendar?month=${event.startDay.slice(0, 7)}`}>{t('calendar.monthView')}</a>
      </p>
    </article>
  );
}

export type EventFormValues = Partial<Record<'kind' | 'title' | 'description' | 'place' | 'startDay' | 'endDay' | 'startTime' | 'endTime', string>> & {
  audience?: string[];
};

export function EventFormPage({
  csrf,
  values,
  errors = {},
  options,
  heading,
  action,
  submit,
}: {
  csrf: string;
  values: EventFormValues;
  errors?: FieldErrors;
  options: { key: string; label: string }[];
  heading: string;
  action: string;
  submit: string;
}) {
  const chosen = new Set(values.audience ?? []);
  const kinds = ['outing', 'meeting', 'council', 'holiday', 'other'] as const;
  return (
    <>
      <div class="page-header">
        <h1>{heading}</h1>
      </div>
      <ErrorSummary
        errors={errors}
        labels={{
          title: t('calendar.field.title'),
          startDay: t('calendar.field.startDay'),
          endDay: t('calendar.field.endDay'),
          startTime: t('calendar.field.startTime'),
          endTime: t('calendar.field.endTime'),
          audience: t('calendar.audience'),
          kind: t('calendar.field.kind'),
        }}
      />
      <form method="post" action={action} novalidate>
        <CsrfField token={csrf} />
        <Field name="kind" label={t('calendar.field.kind')} error={errors.kind}>
          <select id="field-kind" name="kind">
            {kinds.map((k) => (
              <option value={k} selected={(values.kind ?? 'other') === k}>
                {t(`calendar.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="title" label={t('calendar.field.title')} value={values.title} error={errors.title} required />
        <Field name="place" label={t('calendar.field.place')} value={values.place} />
        <Field name="startDay" type="date" label={t('calendar.field.startDay')} value={values.startDay} error={errors.startDay} required />
        <Field
          name="endDay"
          type="date"
          label={t('calendar.field.endDay')}
          hint={t('calendar.field.endDay.hint')}
          value={values.endDay}
          error={errors.endDay}
        />
        <Field
          name="startTime"
          type="time"
          label={t('calendar.field.startTime')}
          hint={t('calendar.field.time.hint')}
          value={values.startTime}
          error={errors.startTime}
        />
        <Field name="endTime" type="time" label={t('calendar.field.endTime')} value={values.endTime} error={errors.endTime} />
        <Field name="description" label={t('calendar.field.description')}>
          <textarea id="field-description" name="description" rows={5}>
            {values.description ?? ''}
          </textarea>
        </Field>
        <fieldset
          class={`field-group${errors.audience ? ' field--error' : ''}`}
          id="field-audience"
          aria-describedby={errors.audience ? 'field-audience-error' : undefined}
        >
          <legend>{t('calendar.audience')}</legend>
          {errors.audience && (
            <p class="field__error" id="field-audience-error">
              {errors.audience}
            </p>
          )}
          {options.map((o, i) => (
            <div class="field field--check">
              <input type="checkbox" id={`audience-${i}`} name="audience" value={o.key} checked={chosen.has(o.key)} />
              <label for={`audience-${i}`}>{o.label}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {submit}
          </button>
        </p>
      </form>
    </>
  );
}
