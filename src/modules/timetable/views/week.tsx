import { can, type Actor } from '../../../kernel/authz/index.js';
import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { addDays } from '../dates.js';
import { t } from '../i18n/fr.js';
import type { WeekView } from '../service/reads.js';
import type { TodayBlock } from '../service/feeds.js';
import type { Occurrence } from '../service/weeks.js';
import { dayTitle, weekdayName } from './dates.js';

/** What changed, in words; null for an occurrence as planned. */
export function statusText(o: Occurrence): string | null {
  switch (o.status) {
    case 'cancelled':
      return t('timetable.status.cancelled');
    case 'moved':
      return o.movedTo ? t('timetable.status.moved', formatDate(o.movedTo.date), o.movedTo.start) : t('timetable.status.cancelled');
    case 'movedHere':
      return t('timetable.status.movedHere', formatDate(o.originalDate), o.movedTo ? o.movedTo.start : o.start);
    case 'teacher':
      return t('timetable.status.teacher', isolate(o.replacement?.name ?? ''));
    case 'room':
      return t('timetable.status.room', isolate(o.newRoom ?? ''));
    default:
      return null;
  }
}

/** One occurrence as a list item: time, subject, then who and where; a change is said in words and shown as a badge. */
export function OccurrenceItem({ o, show, changeLink }: { o: Occurrence; show: { group: boolean; teacher: boolean }; changeLink?: boolean }) {
  const status = statusText(o);
  const off = o.status === 'cancelled' || o.status === 'moved';
  const teacher = o.status === 'teacher' && o.replacement ? o.replacement.name : o.teacher;
  const room = o.status === 'room' || o.status === 'movedHere' ? (o.newRoom ?? o.room) : o.room;
  const details = [show.group ? o.groupName : null, show.teacher ? teacher : null, room].filter(Boolean).join(' · ');
  return (
    <li class={off ? 'card slot slot--off' : 'card slot'}>
      <p>
        <strong>{t('timetable.time', o.start, o.end)}</strong> {off ? <del>{o.subject}</del> : o.subject}
        {status && (
          <>
            {' '}
            <span class={off ? 'badge badge--warn' : 'badge'}>{status}</span>
          </>
        )}
      </p>
      {details && <p class="muted">{details}</p>}
      {o.note && <p>{o.note}</p>}
      {changeLink && o.status !== 'movedHere' && (
        <p>
          <a href={`/timetable/slots/${o.slotId}/change?date=${o.originalDate}`}>
            {t('timetable.change.record')}
            <span class="visually-hidden">{t('timetable.slotOf', isolate(o.subject), isolate(o.groupName), weekdayName(o.originalDate), o.start)}</span>
          </a>
          {' · '}
          <a href={`/timetable/slots/${o.slotId}/edit`}>
            {t('timetable.slot.edit')}
            <span class="visually-hidden">{t('timetable.slotOf', isolate(o.subject), isolate(o.groupName), weekdayName(o.originalDate), o.start)}</span>
          </a>
        </p>
      )}
    </li>
  );
}

/** Previous and next week links, and the week's dates and letter. */
export function WeekNav({ week, href }: { week: WeekView; href: (monday: string) => string }) {
  return (
    <>
      <p class="muted">
        {t('timetable.week', formatDate(week.monday), formatDate(week.saturday))}
        {week.letter && ` · ${t('timetable.weekLetter', week.letter)}`}
      </p>
      <nav aria-label={t('timetable.weekNav')} class="actions">
        <a class="button button--small" href={href(addDays(week.monday, -7))} rel="prev">
          {t('timetable.previous')}
        </a>
        <a class="button button--small" href={href(addDays(week.monday, 7))} rel="next">
          {t('timetable.next')}
        </a>
      </nav>
    </>
  );
}

/** The week as one section per day, each a list: readable on a 320 px phone and by screen readers alike. */
export function WeekDays({ week, show, changeLinks }: { week: WeekView; show: { group: boolean; teacher: boolean }; changeLinks?: boolean }) {
  return (
    <>
      {week.days.map((d) => (
        <section aria-labelledby={`day-${d.date}`} class="timetable-day">
          <h2 id={`day-${d.date}`}>{dayTitle(d.date)}</h2>
          {d.occurrences.length === 0 ? (
            <p class="muted">{t('timetable.dayEmpty')}</p>
          ) : (
            <ul class="list-plain">
              {d.occurrences.map((o) => (
                <OccurrenceItem o={o} show={show} changeLink={changeLinks} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

/** The signed-in person's week; a parent chooses the child (a plain GET form). */
export function OwnWeekPage(props: { actor: Actor; week: WeekView | null; children: { id: string; name: string }[]; studentId: string | null }) {
  const { week, children } = props;
  const isTeacher = props.actor.profile === 'teacher';
  const query = (monday: string) => `/timetable?week=${monday}${props.actor.profile === 'relative' && props.studentId ? `&child=${props.studentId}` : ''}`;
  return (
    <>
      <div class="page-header">
        <h1>{week && children.length > 0 ? t('timetable.for', isolate(week.title)) : t('timetable.title')}</h1>
        {children.length > 1 && (
          <form method="get" action="/timetable" class="inline-form">
            <label for="child">{t('timetable.child')}</label>{' '}
            <select id="child" name="child">
              {children.map((c) => (
                <option value={c.id} selected={c.id === props.studentId}>
                  {c.name}
                </option>
              ))}
            </select>
            {week && <input type="hidden" name="week" value={week.monday} />}{' '}
            <button type="submit" class="button button--small">
              {t('timetable.show')}
            </button>
          </form>
        )}
        {week && <WeekNav week={week} href={query} />}
      </div>
      {!week ? <p>{t('timetable.noChild')}</p> : <WeekDays week={week} show={{ group: isTeacher, teacher: !isTeacher }} />}
      {can(props.actor, 'timetable.index.open', { structureId: props.actor.activeStructureId }) && (
        <p class="actions">
          <a class="button" href="/timetable/school">
            {t('timetable.index.manage')}
          </a>
        </p>
      )}
    </>
  );
}

/** A class's, a teacher's or a room's week, for the school's staff (with links to record a change). */
export function StaffWeekPage(props: { week: WeekView; base: string; kind: 'group' | 'teacher' | 'room'; canChange: boolean }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('timetable.for', isolate(props.week.title))}</h1>
        <WeekNav week={props.week} href={(monday) => `${props.base}?week=${monday}`} />
      </div>
      <WeekDays week={props.week} show={{ group: props.kind !== 'group', teacher: props.kind !== 'teacher' }} changeLinks={props.canChange} />
    </>
  );
}

type Named = { id: string; name: string };

/** The school's classes, groups, teachers and rooms, each a link to its week. */
export function SchoolIndexPage(props: { classes: Named[]; groups: Named[]; teachers: Named[]; rooms: Named[]; canManage: boolean }) {
  const list = (id: string, title: string, items: Named[], base: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('timetable.index.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((x) => (
            <li class="card">
              <a href={`${base}/${x.id}`}>{x.name}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      <div class="page-header">
        <h1>{t('timetable.title')}</h1>
        {props.canManage && (
          <p class="actions">
            <a class="button button--primary" href="/timetable/manage">
              {t('timetable.manage.title')}
            </a>
          </p>
        )}
      </div>
      {list('classes-title', t('timetable.index.classes'), props.classes, '/timetable/groups')}
      {props.groups.length > 0 && list('groups-title', t('timetable.index.groups'), props.groups, '/timetable/groups')}
      {list('teachers-title', t('timetable.index.teachers'), props.teachers, '/timetable/teachers')}
      {list('rooms-title', t('timetable.index.rooms'), props.rooms, '/timetable/rooms')}
    </>
  );
}

/** The home page's block: today's slots with their changes, per child for a parent. */
export function TodaySection({ data, teacher }: { data: TodayBlock; teacher: boolean }) {
  return (
    <section class="card" aria-labelledby="timetable-today-title">
      <h2 id="timetable-today-title">{`${t('timetable.home.title')} — ${formatDate(data.date)}`}</h2>
      {data.people.map((p) => (
        <>
          {p.who && <h3>{p.who}</h3>}
          <ul class="list-plain">
            {p.occurrences.map((o) => (
              <OccurrenceItem o={o} show={{ group: teacher, teacher: !teacher }} />
            ))}
          </ul>
        </>
      ))}
      <p>
        <a href="/timetable">{t('timetable.home.all')}</a>
      </p>
    </section>
  );
}
