import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { formatBytes, t } from '../i18n/fr.js';
import type { RosterLine } from '../repository/boxes.js';
import type { HandInAssignment } from '../../homework/index.js';

export interface BoxSummary {
  id: string;
  title: string;
  dueAt: string;
  acceptLate: boolean;
  groupName: string;
}

export function BoxesPage({ items, canOpen }: { items: BoxSummary[]; canOpen: boolean }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('boxes.title')}</h1>
        {canOpen && (
          <p class="actions">
            <a class="button button--primary" href="/documents/boxes/new">
              {t('boxes.open')}
            </a>
          </p>
        )}
      </div>
      {items.length === 0 ? (
        <p>{t('boxes.empty')}</p>
      ) : (
        <ul class="cards">
          {items.map((b) => (
            <li class="card">
              <h2>
                <a href={`/documents/boxes/${b.id}`}>{b.title}</a>
              </h2>
              <p>{`${b.groupName} · ${t('boxes.due', formatDateTime(b.dueAt))}`}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface NewBoxValues {
  groupId?: string;
  title?: string;
  instructions?: string;
  dueAt?: string;
  acceptLate?: boolean;
  assignmentId?: string;
}

export function NewBoxPage({
  groups,
  assignments,
  values,
  errors,
  csrf,
}: {
  groups: Array<{ id: string; name: string }>;
  assignments: HandInAssignment[];
  values: NewBoxValues;
  errors?: FieldErrors;
  csrf: string;
}) {
  return (
    <>
      <h1>{t('boxes.open')}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/documents/boxes/new" class="card">
        <CsrfField token={csrf} />
        <Field name="groupId" label={t('boxes.field.group')} required error={errors?.groupId}>
          <select id="field-groupId" name="groupId" required>
            <option value="" selected={!values.groupId}>
              {t('boxes.field.choose')}
            </option>
            {groups.map((g) => (
              <option value={g.id} selected={g.id === values.groupId}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="title" label={t('boxes.field.title')} value={values.title} required error={errors?.title} />
        <Field name="instructions" label={t('boxes.field.instructions')} error={errors?.instructions}>
          <textarea id="field-instructions" name="instructions">
            {values.instructions ?? ''}
          </textarea>
        </Field>
        <Field
          name="dueAt"
          label={t('boxes.field.due')}
          type="datetime-local"
          value={values.dueAt}
          hint={t('boxes.field.due_hint')}
          required
          error={errors?.dueAt}
        />
        <div class="field field--check">
          <input id="field-acceptLate" name="acceptLate" type="checkbox" value="true" checked={values.acceptLate} />
          <label for="field-acceptLate">{t('boxes.field.late')}</label>
        </div>
        {assignments.length > 0 && (
          <Field name="assignmentId" label={t('boxes.field.assignment')} hint={t('boxes.field.assignmentHint')} error={errors?.assignmentId}>
            <select id="field-assignmentId" name="assignmentId" aria-describedby="field-assignmentId-hint">
              <option value="">{t('boxes.field.noAssignment')}</option>
              {assignments.map((a) => (
                <option value={a.id} selected={a.id === values.assignmentId}>
                  {t('boxes.field.assignmentOption', a.groupName, a.subject, formatDate(a.dueOn), a.summary)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button class="button button--primary" type="submit">
          {t('boxes.open')}
        </button>
      </form>
    </>
  );
}

const STATUS_BADGE = { on_time: 'badge badge--ok', late: 'badge badge--warn', missing: 'badge badge--muted' } as const;

function Status({ line }: { line: RosterLine }) {
  return <span class={STATUS_BADGE[line.status]}>{t(`boxes.status.${line.status}`)}</span>;
}

export interface BoxPageProps {
  box: BoxSummary & { instructions: string };
  role: 'teacher' | 'student' | 'relative';
  lines: RosterLine[];
  open: boolean;
  csrf: string;
  errors?: FieldErrors;
}

export function BoxPage(p: BoxPageProps) {
  const { box } = p;
  const done = p.lines.filter((l) => l.status !== 'missing').length;
  const late = p.lines.filter((l) => l.status === 'late').length;
  return (
    <>
      <h1>{box.title}</h1>
      <p>
        {`${box.groupName} · ${t('boxes.due', formatDateTime(box.dueAt))} · `}
        {box.acceptLate ? t('boxes.late_policy.accept') : t('boxes.late_policy.refuse')}
      </p>
      {box.instructions && <p class="card">{box.instructions}</p>}
      <ErrorSummary errors={p.errors} />
      {p.role === 'teacher' && (
        <>
          <div class="page-header">
            <p>{t('boxes.counts', done, late, p.lines.length)}</p>
            <p class="actions">
              <a class="button button--primary" href={`/api/documents/boxes/${box.id}/zip`} download>
                {t('boxes.zip')}
              </a>
            </p>
          </div>
          <div class="table-wrap">
            <table class="table">
              <caption>{box.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('boxes.col.pupil')}</th>
                  <th scope="col">{t('boxes.col.status')}</th>
                  <th scope="col">{t('boxes.col.when')}</th>
                  <th scope="col">{t('boxes.col.files')}</th>
                </tr>
              </thead>
              <tbody>
                {p.lines.map((line) => (
                  <tr>
                    <th scope="row">{line.name}</th>
                    <td>
                      <Status line={line} />
                    </td>
                    <td>{line.submittedAt ? formatDateTime(line.submittedAt) : '—'}</td>
                    <td>
                      <ul class="list-plain">
                        {line.files.map((f) => (
                          <li>
                            <a href={`/api/documents/hand-in-files/${f.id}/content`}>{f.fileName}</a>
                            {` (${formatBytes(f.size)})`}
                          </li>
                        ))}
                      </ul>
                      {line.returns.map((r) => (
                        <p class="muted">{`${t('boxes.return.title')} : ${r.comment}${r.fileName ? ` — ${r.fileName}` : ''}`}</p>
                      ))}
                      {line.handInId && (
                        <details>
                          <summary>{`${t('boxes.return.submit')} — ${line.name}`}</summary>
                          <form method="post" action={`/documents/hand-ins/${line.handInId}/return`} enctype="multipart/form-data">
                            <CsrfField token={p.csrf} />
                            <Field name={`comment-${line.handInId}`} label={t('boxes.return.comment')}>
                              <textarea id={`field-comment-${line.handInId}`} name="comment" />
                            </Field>
                            <Field name={`file-${line.handInId}`} label={t('boxes.return.file')}>
                              <input id={`field-file-${line.handInId}`} name="file" type="file" />
                            </Field>
                            <button class="button" type="submit">
                              {t('boxes.return.submit')}
                            </button>
                          </form>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {p.role === 'student' && p.lines[0] && <StudentView {...p} line={p.lines[0]} />}
      {p.role === 'relative' && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t('boxes.children')}</h2>
          <ul class="list-plain">
            {p.lines.map((line) => (
              <li>
                {`${line.name} : `}
                <Status line={line} />
                {line.submittedAt && ` — ${formatDateTime(line.submittedAt)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function StudentView(p: BoxPageProps & { line: RosterLine }) {
  const { line } = p;
  return (
    <>
      <section aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t('boxes.hand_in.title')}</h2>
        <p>
          <Status line={line} />
        </p>
        {line.submittedAt && (
          <div class="card">
            <h3>{t('boxes.receipt.title')}</h3>
            <dl>
              <dt>{t('boxes.receipt.when')}</dt>
              <dd>{formatDateTime(line.submittedAt)}</dd>
              {line.files.map((f) => (
                <>
                  <dt>{`${f.fileName} (${formatBytes(f.size)})`}</dt>
                  <dd>
                    {`${t('boxes.receipt.checksum')} : `}
                    <code>{f.sha256}</code>
                  </dd>
                </>
              ))}
            </dl>
          </div>
        )}
        {line.returns.map((r) => (
          <div class="card">
            <h3>{t('boxes.return.title')}</h3>
            <p>{r.comment}</p>
            {r.fileName && (
              <p>
                <a href={`/api/documents/returns/${r.id}/content`}>{r.fileName}</a>
              </p>
            )}
          </div>
        ))}
      </section>
      {p.open ? (
        <form method="post" action={`/documents/boxes/${p.box.id}/hand-in`} enctype="multipart/form-data" class="card documents-dropzone">
          <CsrfField token={p.csrf} />
          <Field name="files" label={t('boxes.hand_in.label')} error={p.errors?.files}>
            <input id="field-files" name="files" type="file" multiple required />
          </Field>
          <button class="button button--primary" type="submit">
            {line.submittedAt ? t('boxes.hand_in.replace') : t('boxes.hand_in.submit')}
          </button>
        </form>
      ) : (
        <p>{t('boxes.hand_in.closed')}</p>
      )}
    </>
  );
}

/** Work "to hand in" for which the teacher has not opened a drop box (or not one this person may see). */
export function NoBoxPage() {
  return (
    <section class="card">
      <h1>{t('boxes.forAssignment.none')}</h1>
      <p>{t('boxes.forAssignment.explain')}</p>
      <p>
        <a href="/homework/agenda">{t('boxes.forAssignment.back')}</a>
      </p>
    </section>
  );
}
