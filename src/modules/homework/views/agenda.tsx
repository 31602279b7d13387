import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { t, type HomeworkKey } from '../i18n/fr.js';
import type { Agenda, AgendaItem, Bucket } from '../service/agenda.js';
import type { LessonView } from '../service/reads.js';
import { Attachments, LessonCard, RichText, WorkMeta } from './lesson.js';

const BUCKETS: [Bucket, HomeworkKey][] = [
  ['today', 'homework.agenda.today'],
  ['tomorrow', 'homework.agenda.tomorrow'],
  ['week', 'homework.agenda.week'],
  ['later', 'homework.agenda.later'],
  ['past', 'homework.agenda.past'],
];

function Item({ item, csrf, studentId }: { item: AgendaItem; csrf: string; studentId: string }) {
  return (
    <li class={item.done ? 'card work-item work-item--done' : 'card work-item'}>
      <h3>{`${isolate(item.subject)} — ${t('homework.due', formatDate(item.dueOn))}`}</h3>
      <p class="muted">{`${isolate(item.groupName)} · ${t('homework.by', isolate(item.teacher))}`}</p>
      <RichText html={item.instructions} />
      <WorkMeta a={item} />
      <Attachments files={item.attachments} />
      {item.toHandIn && (
        <p>
          {/* The documents module answers this address with the teacher's drop box for the work. */}
          <a href={`/documents/boxes/for-assignment/${item.id}`}>{t('homework.handIn.open')}</a>
        </p>
      )}
      <form method="post" action={`/homework/assignments/${item.id}/done`} class="inline-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="studentId" value={studentId} />
        <input type="hidden" name="done" value={item.done ? '0' : '1'} />
        {item.done && <span class="badge badge--ok">{t('homework.done')}</span>}{' '}
        <button type="submit" class="button button--small" aria-pressed={item.done ? 'true' : 'false'}>
          {item.done ? t('homework.done.unmark') : t('homework.done.mark')}
        </button>
      </form>
    </li>
  );
}

export function CalendarSection({ csrf, status, newUrl }: { csrf: string; status: { active: boolean; createdAt: string | null }; newUrl?: string | null }) {
  return (
    <section aria-labelledby="calendar-title" class="card">
      <h2 id="calendar-title">{t('homework.calendar.title')}</h2>
      <p>{t('homework.calendar.intro')}</p>
      {newUrl ? (
        <>
          <p role="status">{t('homework.calendar.created')}</p>
          <label for="calendar-url">{t('homework.calendar.url')}</label>
          <input id="calendar-url" type="text" readOnly value={newUrl} class="calendar-url" />
        </>
      ) : (
        <p class="muted">{status.active && status.createdAt ? t('homework.calendar.active', formatDate(status.createdAt)) : t('homework.calendar.none')}</p>
      )}
      <div class="actions">
        <form method="post" action="/homework/calendar" class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {status.active ? t('homework.calendar.regenerate') : t('homework.calendar.create')}
          </button>
        </form>
        {status.active && (
          <form method="post" action="/homework/calendar/revoke" class="inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button button--danger">
              {t('homework.calendar.revoke')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

export interface AgendaPageProps {
  agenda: Agenda | null;
  csrf: string;
  children: { id: string; displayName: string }[] | null;
  calendar: { active: boolean; createdAt: string | null };
  newUrl?: string | null;
  /** A tick form that came back with errors. */
  errors?: FieldErrors;
}

export function AgendaPage({ agenda, csrf, children, calendar, newUrl, errors }: AgendaPageProps) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <div class="page-header">
        <h1>{agenda && children ? t('homework.agenda.for', isolate(agenda.student.displayName)) : t('homework.agenda.title')}</h1>
        {children && children.length > 1 && agenda && (
          <form method="get" action="/homework/agenda" class="inline-form">
            <label for="child">{t('homework.agenda.child')}</label>
            <select id="child" name="child">
              {children.map((c) => (
                <option value={c.id} selected={c.id === agenda.student.id}>
                  {c.displayName}
                </option>
              ))}
            </select>
            <button type="submit" class="button button--small">
              {t('homework.agenda.show')}
            </button>
          </form>
        )}
        {agenda && (
          <p class="actions">
            <a class="button button--small" href={`/homework/history${children ? `?child=${agenda.student.id}` : ''}`}>
              {t('homework.agenda.history')}
            </a>
          </p>
        )}
      </div>
      {!agenda && <p>{t('homework.agenda.noChild')}</p>}
      {agenda?.closed && <p>{t('homework.agenda.closed')}</p>}
      {agenda && !agenda.closed && agenda.items.filter((i) => i.bucket !== 'past').length === 0 && <p>{t('homework.agenda.none')}</p>}
      {agenda &&
        BUCKETS.map(([bucket, label]) => {
          const items = agenda.items.filter((i) => i.bucket === bucket);
          if (items.length === 0) return null;
          const list = bucket === 'past' ? [...items].reverse() : items;
          return (
            <section aria-labelledby={`bucket-${bucket}`}>
              <h2 id={`bucket-${bucket}`}>{t(label)}</h2>
              <ul class="list-plain">
                {list.map((item) => (
                  <Item item={item} csrf={csrf} studentId={agenda.student.id} />
                ))}
              </ul>
            </section>
          );
        })}
      <CalendarSection csrf={csrf} status={calendar} newUrl={newUrl} />
    </>
  );
}

export function HistoryPage(props: {
  student: { id: string; displayName: string };
  forChild: boolean;
  subjects: { id: string; label: string }[];
  subjectId: string;
  lessons: LessonView[];
}) {
  return (
    <>
      <div class="page-header">
        <h1>{`${t('homework.history.title')} — ${isolate(props.student.displayName)}`}</h1>
        <form method="get" action="/homework/history" class="inline-form">
          {props.forChild && <input type="hidden" name="child" value={props.student.id} />}
          <label for="subject">{t('homework.history.subject')}</label>
          <select id="subject" name="subject">
            <option value="">{t('homework.history.all')}</option>
            {props.subjects.map((s) => (
              <option value={s.id} selected={s.id === props.subjectId}>
                {s.label}
              </option>
            ))}
          </select>
          <button type="submit" class="button button--small">
            {t('homework.agenda.show')}
          </button>
        </form>
      </div>
      {props.lessons.length === 0 ? <p>{t('homework.history.none')}</p> : props.lessons.map((l) => <LessonCard lesson={l} />)}
    </>
  );
}
