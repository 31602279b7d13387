import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { can, type Actor } from '../../../kernel/authz/index.js';
import type { GroupFacts } from '../policy.js';
import type { LessonView } from '../service/reads.js';
import { LessonCard } from './lesson.js';

export function HomeworkIndex(props: {
  actor: Actor;
  teacherGroups: { id: string; name: string }[];
  classes: { id: string; name: string }[] | null;
  children?: preact.ComponentChildren;
}) {
  const isTeacher = can(props.actor, 'homework.lesson.write', {});
  const canSettings = can(props.actor, 'homework.settings.manage', { structureId: props.actor.activeStructureId });
  return (
    <>
      <div class="page-header">
        <h1>{t('homework.title')}</h1>
        {isTeacher && props.teacherGroups.length > 0 && (
          <p class="actions">
            <a class="button button--primary" href="/homework/lessons/new">
              {t('homework.teacher.new')}
            </a>
            {canSettings && (
              <a class="button" href="/homework/settings">
                {t('homework.settings.title')}
              </a>
            )}
          </p>
        )}
        {!(isTeacher && props.teacherGroups.length > 0) && canSettings && (
          <p class="actions">
            <a class="button" href="/homework/settings">
              {t('homework.settings.title')}
            </a>
          </p>
        )}
      </div>
      {isTeacher && (
        <section aria-labelledby="groups-title">
          <h2 id="groups-title">{t('homework.teacher.groups')}</h2>
          {props.teacherGroups.length === 0 ? (
            <p class="muted">{t('homework.teacher.none')}</p>
          ) : (
            <ul class="cards">
              {props.teacherGroups.map((g) => (
                <li class="card">
                  <a href={`/homework/groups/${g.id}`}>{g.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {props.classes && (
        <section aria-labelledby="classes-title">
          <h2 id="classes-title">{t('homework.director.classes')}</h2>
          <ul class="cards">
            {props.classes.map((g) => (
              <li class="card">
                <a href={`/homework/groups/${g.id}`}>{g.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!isTeacher && !props.classes && (
        <>
          <p>{t('homework.index.byTeachers')}</p>
          {can(props.actor, 'directory.structure.create', {}) && (
            <p class="actions">
              <a class="button" href="/admin/structures">
                {t('homework.index.manage')}
              </a>
            </p>
          )}
        </>
      )}
      {props.children}
    </>
  );
}

export function GroupWeekPage(props: {
  group: { id: string; name: string };
  monday: string;
  sunday: string;
  lessons: LessonView[];
  load: { dueOn: string; count: number }[];
  actor: Actor;
  /** How the actor stands towards the group: a teacher of it this year writes lessons. */
  standing: GroupFacts;
}) {
  const { group } = props;
  const canWrite = can(props.actor, 'homework.lesson.create', props.standing);
  const week = (offset: number) => {
    const d = new Date(`${props.monday}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return `/homework/groups/${group.id}?week=${d.toISOString().slice(0, 10)}`;
  };
  return (
    <>
      <div class="page-header">
        <h1>{t('homework.group.title', isolate(group.name))}</h1>
        <p class="muted">{t('homework.group.week', formatDate(props.monday), formatDate(props.sunday))}</p>
        <nav aria-label={t('homework.group.week', formatDate(props.monday), formatDate(props.sunday))} class="actions">
          <a class="button button--small" href={week(-7)}>
            {t('homework.group.previous')}
          </a>
          <a class="button button--small" href={week(7)}>
            {t('homework.group.next')}
          </a>
          {canWrite && (
            <a class="button button--small button--primary" href={`/homework/lessons/new?groupId=${group.id}`}>
              {t('homework.teacher.new')}
            </a>
          )}
        </nav>
      </div>
      <section aria-labelledby="load-title" class="card">
        <h2 id="load-title">{t('homework.group.load')}</h2>
        {props.load.length === 0 ? (
          <p class="muted">{t('homework.group.loadNone')}</p>
        ) : (
          <ul class="list-plain">
            {props.load.map((d) => (
              <li>{t('homework.group.loadDay', d.count, formatDate(d.dueOn))}</li>
            ))}
          </ul>
        )}
      </section>
      {props.lessons.length === 0 ? <p>{t('homework.group.none')}</p> : props.lessons.map((l) => <LessonCard lesson={l} />)}
    </>
  );
}
