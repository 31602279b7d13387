import type { Pickable } from '../../resources/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { LessonView } from '../service/reads.js';

function Results({ items, csrf, lesson, q, label }: { items: Pickable[]; csrf: string; lesson: LessonView; q: string; label: string }) {
  return (
    <section aria-label={label}>
      <h3>{label}</h3>
      {items.length === 0 ? (
        <p>{t('homework.picker.noResults')}</p>
      ) : (
        <ul class="list-plain">
          {items.map((item, i) => {
            const id = `pick-${item.kind}-${i}`;
            return (
              <li class="card">
                <p>
                  <strong>{item.title}</strong>
                  {item.detail && <span class="muted">{` · ${item.detail}`}</span>}
                </p>
                <form method="post" action={`/homework/lessons/${lesson.id}/resources/attach`} class="inline-form">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="kind" value={item.kind} />
                  <input type="hidden" name="refId" value={item.id} />
                  <input type="hidden" name="q" value={q} />
                  {lesson.assignments.length > 0 && (
                    <>
                      <label for={id}>{t('homework.picker.to')}</label>{' '}
                      <select id={id} name="assignmentId">
                        <option value="">{t('homework.picker.toLesson')}</option>
                        {lesson.assignments.map((a, n) => (
                          <option value={a.id}>{t('homework.picker.toWork', n + 1)}</option>
                        ))}
                      </select>{' '}
                    </>
                  )}
                  <button type="submit" class="button button--small button--primary" aria-label={t('homework.picker.attachLabel', isolate(item.title))}>
                    {t('homework.picker.attach')}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The no-JavaScript picker: search the teacher's links and the catalogue, attach a result to the lesson or one of its pieces of work. */
export function PickerPage(props: { csrf: string; lesson: LessonView; q: string; found: { links: Pickable[]; resources: Pickable[] } }) {
  const { lesson, q } = props;
  const workNumber = (assignmentId: string | null) => lesson.assignments.findIndex((a) => a.id === assignmentId) + 1;
  return (
    <>
      <p>
        <a href={`/homework/lessons/${lesson.id}/edit`}>{t('homework.picker.back')}</a>
      </p>
      <h1>{t('homework.picker.title')}</h1>
      <section class="card" aria-labelledby="attached-title">
        <h2 id="attached-title">{t('homework.picker.attached')}</h2>
        {lesson.resources.length === 0 ? (
          <p>{t('homework.picker.noneAttached')}</p>
        ) : (
          <ul class="list-plain">
            {lesson.resources.map((r) => (
              <li>
                {r.title} {r.assignmentId && <span class="muted">{t('homework.picker.forWork', workNumber(r.assignmentId))}</span>}{' '}
                <form method="post" action={`/homework/lessons/${lesson.id}/resources/${r.id}/remove`} class="inline-form">
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="button button--small button--danger" aria-label={t('homework.picker.removeLabel', isolate(r.title))}>
                    {t('homework.picker.remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form method="get" action={`/homework/lessons/${lesson.id}/resources`} class="card" role="search">
        <div class="field">
          <label for="field-q">{t('homework.picker.q')}</label>
          <input id="field-q" name="q" type="search" value={q} />
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('homework.picker.search')}
          </button>
        </p>
      </form>
      <Results items={props.found.links} csrf={props.csrf} lesson={lesson} q={q} label={t('homework.picker.links')} />
      <Results items={props.found.resources} csrf={props.csrf} lesson={lesson} q={q} label={t('homework.picker.catalogue')} />
    </>
  );
}
