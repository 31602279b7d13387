import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate, formatDateTime, formatSize, isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { AssignmentView, AttachmentView, LessonView } from '../service/reads.js';

/** Sanitised on write (see text.ts), so it is rendered as HTML. */
export function RichText({ html }: { html: string }) {
  return <div class="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Attachments({ files }: { files: AttachmentView[] }) {
  if (files.length === 0) return null;
  return (
    <ul class="list-plain attachments" aria-label={t('homework.attachments')}>
      {files.map((f) => (
        <li>
          <a href={`/homework/attachments/${f.id}`}>{f.fileName}</a> <span class="muted">{`(${formatSize(f.size)})`}</span>
        </li>
      ))}
    </ul>
  );
}

/** Links and catalogue resources attached by the teacher; a catalogue resource opens through Préau. */
export function LinkedResources({ items }: { items: LessonView['resources'] }) {
  if (items.length === 0) return null;
  return (
    <ul class="list-plain attachments" aria-label={t('homework.resources')}>
      {items.map((r) => (
        <li>
          <a href={r.url} rel={r.kind === 'link' ? 'noopener noreferrer nofollow' : undefined}>
            {r.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function WorkMeta({ a }: { a: Pick<AssignmentView, 'givenOn' | 'dueOn' | 'estimatedMinutes' | 'toHandIn'> }) {
  return (
    <p class="muted">
      {t('homework.due', formatDate(a.dueOn))} · {t('homework.given', formatDate(a.givenOn))}
      {a.estimatedMinutes ? ` · ${t('homework.minutes', a.estimatedMinutes)}` : ''}
      {a.toHandIn && (
        <>
          {' '}
          <span class="badge badge--warn">{t('homework.handIn')}</span>
        </>
      )}
    </p>
  );
}

export function StatusBadges({ lesson }: { lesson: Pick<LessonView, 'status' | 'visibleFrom' | 'scheduled' | 'editedAt'> }) {
  return (
    <>
      {lesson.status === 'draft' && <span class="badge badge--muted">{t('homework.draft')}</span>}
      {lesson.scheduled && <span class="badge badge--warn">{t('homework.scheduled', formatDateTime(lesson.visibleFrom))}</span>}
      {lesson.editedAt && <span class="muted">{` ${t('homework.modified', formatDateTime(lesson.editedAt))}`}</span>}
    </>
  );
}

function slot(l: LessonView): string {
  return l.startTime ? ` · ${l.startTime}${l.endTime ? `–${l.endTime}` : ''}` : '';
}

/** A lesson as a card in a week or a history; `level` keeps headings in order. */
export function LessonCard({ lesson, level = 2 }: { lesson: LessonView; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <article class="card lesson">
      <H>
        <a href={`/homework/lessons/${lesson.id}`}>{t('homework.lesson.title', isolate(lesson.subject), formatDate(lesson.lessonDate))}</a>
      </H>
      <p class="muted">
        {`${isolate(lesson.groupName)} · ${t('homework.by', isolate(lesson.teacher))}${slot(lesson)} `}
        <StatusBadges lesson={lesson} />
      </p>
      {lesson.content && <RichText html={lesson.content} />}
      <Attachments files={lesson.attachments} />
      <LinkedResources items={lesson.resources.filter((r) => !r.assignmentId)} />
      {lesson.assignments.length > 0 && (
        <ul class="list-plain work">
          {lesson.assignments.map((a) => (
            <li>
              <strong>{t('homework.lesson.work')}</strong>
              <RichText html={a.instructions} />
              <WorkMeta a={a} />
              <Attachments files={a.attachments} />
              <LinkedResources items={lesson.resources.filter((r) => r.assignmentId === a.id)} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function LessonPage({
  lesson,
  csrf,
  copyTargets,
  errors = {},
}: {
  lesson: LessonView;
  csrf: string;
  copyTargets: { id: string; name: string }[];
  /** The copy form's errors, when it is shown again. */
  errors?: FieldErrors;
}) {
  return (
    <>
      <div class="page-header">
        <h1>{t('homework.lesson.title', isolate(lesson.subject), formatDate(lesson.lessonDate))}</h1>
        <p class="muted">
          {`${isolate(lesson.groupName)} · ${t('homework.by', isolate(lesson.teacher))}${slot(lesson)} `}
          <StatusBadges lesson={lesson} />
        </p>
        {lesson.editable && (
          <p class="actions">
            <a class="button button--primary" href={`/homework/lessons/${lesson.id}/edit`}>
              {t('homework.lesson.edit')}
            </a>
          </p>
        )}
      </div>
      <section aria-labelledby="content-title">
        <h2 id="content-title">{t('homework.lesson.content')}</h2>
        {lesson.content ? <RichText html={lesson.content} /> : <p class="muted">—</p>}
        <Attachments files={lesson.attachments} />
        <LinkedResources items={lesson.resources.filter((r) => !r.assignmentId)} />
      </section>
      <section aria-labelledby="work-title">
        <h2 id="work-title">{t('homework.lesson.work')}</h2>
        {lesson.assignments.length === 0 ? (
          <p class="muted">{t('homework.lesson.noWork')}</p>
        ) : (
          <ul class="list-plain work">
            {lesson.assignments.map((a) => (
              <li class="card">
                <RichText html={a.instructions} />
                <WorkMeta a={a} />
                <Attachments files={a.attachments} />
                <LinkedResources items={lesson.resources.filter((r) => r.assignmentId === a.id)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {lesson.copyable && (copyTargets.length > 0 || Object.keys(errors).length > 0) && (
        <section aria-labelledby="manage-title" class="card">
          <h2 id="manage-title">{t('homework.lesson.copy')}</h2>
          <ErrorSummary errors={errors} />
          {copyTargets.length > 0 && (
            <form method="post" action={`/homework/lessons/${lesson.id}/copy`} class="inline-form">
              <CsrfField token={csrf} />
              <label for="copy-group">{t('homework.form.group')}</label>
              <select id="copy-group" name="groupId">
                {copyTargets.map((g) => (
                  <option value={g.id}>{g.name}</option>
                ))}
              </select>
              <button type="submit" class="button">
                {t('homework.lesson.copySubmit')}
              </button>
            </form>
          )}
        </section>
      )}
      {lesson.editable && (
        <section aria-labelledby="delete-title" class="card danger-zone">
          <h2 id="delete-title">{t('homework.lesson.deleteTitle')}</h2>
          <p class="muted">{t('homework.lesson.deleteHint')}</p>
          <form method="post" action={`/homework/lessons/${lesson.id}/delete`}>
            <CsrfField token={csrf} />
            <button type="submit" class="button button--danger">
              {t('homework.lesson.delete')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
