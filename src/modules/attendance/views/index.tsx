import { t } from '../i18n/fr.js';

export interface IndexProps {
  today: string;
  office: boolean;
  groups: { id: string; name: string; taught: boolean; calls: { slotKey: string; by: string }[] }[];
  children: { id: string; name: string }[];
  own: boolean;
  /** The person sets the school's attendance settings. */
  manages?: boolean;
  personId: string;
  /** The timetable's slot being taught now, when there is one. */
  current: { groupName: string; subject: string; start: string; end: string; href: string } | null;
}

/** The first page: roll calls to make, the day view for the office, each child's record for a parent. */
export function AttendanceIndex(props: IndexProps) {
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.title')}</h1>
      </div>
      {props.current && (
        <p>
          <a class="button button--primary" href={props.current.href}>
            {t('attendance.index.current', props.current.groupName, props.current.subject, props.current.start, props.current.end)}
          </a>
        </p>
      )}
      {props.office && (
        <p>
          <a class="button button--primary" href="/attendance/day">
            {t('attendance.index.day')}
          </a>
          {props.manages ? (
            <>
              {' '}
              <a class="button" href="/attendance/settings">
                {t('attendance.index.settings')}
              </a>
            </>
          ) : null}
        </p>
      )}
      {props.own && (
        <p>
          <a href={`/attendance/pupils/${props.personId}`}>{t('attendance.index.own')}</a>
        </p>
      )}
      {props.children.length > 0 || (!props.office && props.groups.length === 0 && !props.own) ? (
        <section class="card" aria-labelledby="children-title">
          <h2 id="children-title">{t('attendance.index.children')}</h2>
          {props.children.length === 0 ? (
            <p>{t('attendance.index.noChild')}</p>
          ) : (
            <ul class="list-plain">
              {props.children.map((c) => (
                <li>
                  <a href={`/attendance/pupils/${c.id}`}>{c.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {props.groups.length > 0 && (
        <section class="card" aria-labelledby="groups-title">
          <h2 id="groups-title">{t('attendance.index.groups')}</h2>
          <ul class="list-plain">
            {props.groups.map((g) => (
              <li>
                <a href={`/attendance/groups/${g.id}/call`}>
                  {t('attendance.index.call')} — {g.name}
                </a>{' '}
                <span class={g.calls.length > 0 ? 'badge badge--ok' : 'badge badge--warn'}>
                  {g.calls.length > 0 ? t('attendance.index.called', g.calls.map((c) => c.by).join(', ')) : t('attendance.index.toCall')}
                </span>{' '}
                <a href={`/attendance/stats?groupId=${g.id}`}>{t('attendance.stats.title')}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
