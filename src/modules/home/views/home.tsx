import type { Actor } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import type { HomeData } from '../service.js';
import type { DueSoon } from '../../homework/index.js';
import { formatDate, formatNumber, isolate } from '../../../kernel/i18n/index.js';
import type { LoadedSection } from '../../../kernel/views/home-sections.js';

function Stat({ value, label }: { value: number; label: (n: number) => string }) {
  return (
    <li class="stat">
      <span class="stat__value">{formatNumber(value)}</span> <span class="stat__label">{label(value)}</span>
    </li>
  );
}

function Work({ work, href, linkLabel }: { work: DueSoon; href: string; linkLabel: string }) {
  return (
    <>
      <p>{work.counts.week === 0 ? t('home.work.none') : t('home.work.counts', work.counts.today, work.counts.tomorrow, work.counts.week)}</p>
      {work.next.length > 0 && (
        <ul class="list-plain">
          {work.next.map((w) => (
            <li>
              <strong>{t('home.work.due', isolate(w.subject), formatDate(w.dueOn))}</strong> — <bdi>{w.summary}</bdi>
              {w.done && <span class="badge badge--ok"> {t('home.work.done')}</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={href}>{linkLabel}</a>
      </p>
    </>
  );
}

function ClassCard({ group, detail, teachers = [] }: { group: { id: string; name: string }; detail: string; teachers?: string[] }) {
  return (
    <li class="card">
      <h3>
        <a href={`/directory/classes/${group.id}`}>{group.name}</a>
      </h3>
      <p class="muted">{detail}</p>
      {teachers.length > 0 && <p>{`${t('home.teachers', teachers.length)} ${teachers.join(', ')}`}</p>}
    </li>
  );
}

/** Other services' blocks (news, today's timetable…), each in its own region of the page. */
function Sections({ sections, placement }: { sections: LoadedSection[]; placement: LoadedSection['placement'] }) {
  return (
    <>
      {sections
        .filter((s) => s.placement === placement)
        .map((s) => (
          <div class="home-section" id={`home-${s.id}`} key={s.id}>
            {s.content}
          </div>
        ))}
    </>
  );
}

export function HomePage({ actor, data, sections = [] }: { actor: Actor; data: HomeData; sections?: LoadedSection[] }) {
  const { managed, classes, children } = data;
  return (
    <>
      <div class="page-header">
        <h1>{t('home.hello', isolate(actor.displayName))}</h1>
        <p class="muted">{t('home.year', data.year)}</p>
      </div>
      {actor.structures.length === 0 && !actor.isSuperAdmin && <p>{t('home.noStructure')}</p>}
      <Sections sections={sections} placement="top" />
      {data.adminStructures !== null && (
        <section class="card" aria-labelledby="admin-title">
          <h2 id="admin-title">{t('home.admin.title')}</h2>
          <p>{t('home.admin.structures', data.adminStructures)}</p>
          <p>
            <a class="button" href="/admin/structures">
              {t('home.admin.manage')}
            </a>
          </p>
        </section>
      )}
      {managed && (
        <section aria-labelledby="structure-title">
          <h2 id="structure-title">{t('home.manager.title', managed.structure.name)}</h2>
          <ul class="stats">
            <Stat value={managed.counts.students} label={(n) => t('home.stat.students', n)} />
            <Stat value={managed.counts.teachers} label={(n) => t('home.stat.teachers', n)} />
            <Stat value={managed.counts.relatives} label={(n) => t('home.stat.relatives', n)} />
            <Stat value={managed.counts.classes} label={(n) => t('home.stat.classes', n)} />
          </ul>
          <p class="actions">
            <a class="button button--primary" href="/directory">
              {t('home.manager.directory')}
            </a>
            <a class="button" href="/directory/import">
              {t('home.manager.import')}
            </a>
          </p>
        </section>
      )}
      {actor.profile === 'teacher' && (
        <section aria-labelledby="classes-title">
          <h2 id="classes-title">{t('home.teacher.title')}</h2>
          {classes.length === 0 ? (
            <p class="muted">{t('home.teacher.none')}</p>
          ) : (
            <ul class="cards">
              {classes.map((c) => (
                <ClassCard group={c} detail={`${c.structureName} · ${t('home.classSize', c.students)}`} />
              ))}
            </ul>
          )}
        </section>
      )}
      {actor.profile === 'relative' && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t('home.relative.title')}</h2>
          {children.length === 0 ? (
            <p>{t('home.relative.none')}</p>
          ) : (
            <ul class="cards">
              {children.map((child) => (
                <li class="card">
                  <h3>{child.displayName}</h3>
                  {child.classes.length === 0 && <p class="muted">{t('home.relative.noClass')}</p>}
                  {child.work && (
                    <Work work={child.work} href={`/homework/agenda?child=${child.id}`} linkLabel={t('home.work.agendaOf', isolate(child.displayName))} />
                  )}
                  {child.classes.map((c) => (
                    <>
                      <p>
                        <strong>{c.name}</strong> — {c.structureName}
                      </p>
                      {c.teachers.length > 0 && <p class="muted">{`${t('home.teachers', c.teachers.length)} ${c.teachers.join(', ')}`}</p>}
                    </>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {data.ownWork && (
        <section class="card" aria-labelledby="work-title">
          <h2 id="work-title">{t('home.work.title')}</h2>
          <Work work={data.ownWork} href="/homework/agenda" linkLabel={t('home.work.agenda')} />
        </section>
      )}
      {actor.profile === 'student' && (
        <section aria-labelledby="class-title">
          <h2 id="class-title">{t('home.student.title')}</h2>
          {classes.length === 0 ? (
            <p>{t('home.student.none')}</p>
          ) : (
            <ul class="cards">
              {classes.map((c) => (
                <ClassCard group={c} detail={c.structureName} teachers={c.teachers} />
              ))}
            </ul>
          )}
        </section>
      )}
      {(actor.profile === 'personnel' || actor.profile === 'municipal') && !managed && actor.structures.length > 0 && (
        <section aria-labelledby="personnel-title">
          <h2 id="personnel-title">{t('home.personnel.title')}</h2>
          <ul class="list-plain">
            {actor.structures.map((s) => (
              <li>{s.name}</li>
            ))}
          </ul>
        </section>
      )}
      <Sections sections={sections} placement="bottom" />
    </>
  );
}
