import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { AnswerLine, NoteDetail } from '../service/notes.js';
import { AnswerField, answerLabel } from './answer.js';

/** Where a form of the note page failed: a parent's signature for one child, or the paper slip. */
export interface NotePageErrors {
  form: 'sign' | 'paper' | 'action';
  studentId: string;
  answer: string;
  errors: FieldErrors;
}

export function NoteHeader({ note }: { note: NoteDetail }) {
  return (
    <>
      <h1>{note.title}</h1>
      <p class="muted">
        {t('liaison.note.by', note.author, formatDate(note.createdAt))} · {t('liaison.note.class', note.groupName)}
        {note.showToPupils && <> · {t('liaison.note.pupils')}</>}
      </p>
      {note.withdrawnAt && (
        <p class="badge badge--warn" role="status">
          {t('liaison.note.withdrawn', formatDateTime(note.withdrawnAt))}
        </p>
      )}
      <div class="card liaison-text">{note.body}</div>
    </>
  );
}

function Status({ line }: { line: AnswerLine }) {
  if (!line.answered) return <span class="badge badge--warn">{t('liaison.list.waiting')}</span>;
  return <span class="badge badge--ok">{line.channel === 'paper' ? t('liaison.list.paper') : t('liaison.list.online')}</span>;
}

/** The per-child list: online and paper answers together, with who gave each. */
export function AnswerTable({ note, id = 'answers-title' }: { note: NoteDetail; id?: string }) {
  return (
    <>
      <h2 id={id}>{t('liaison.list.title')}</h2>
      <p>{t('liaison.list.summary', note.counts.answered, note.counts.children, note.counts.paper)}</p>
      <TableWrap labelledBy={id}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('liaison.list.child')}</th>
              <th scope="col">{t('liaison.list.status')}</th>
              {note.reply.kind !== 'none' && <th scope="col">{t('liaison.list.answer')}</th>}
              <th scope="col">{t('liaison.list.by')}</th>
            </tr>
          </thead>
          <tbody>
            {note.lines.map((line) => (
              <tr>
                <th scope="row">{line.name}</th>
                <td>
                  <Status line={line} />
                </td>
                {note.reply.kind !== 'none' && <td>{answerLabel(line.answer)}</td>}
                <td>
                  {line.by && (line.channel === 'paper' ? t('liaison.list.paperBy', line.by) : line.by)}
                  {line.answeredAt && <span class="muted"> · {formatDateTime(line.answeredAt)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function SignForms({ note, csrf, failed }: { note: NoteDetail; csrf: string; failed?: NotePageErrors }) {
  const mine = note.lines.filter((l) => note.signable.includes(l.studentId));
  if (!note.requiresSignature || mine.length === 0) return null;
  return (
    <section aria-labelledby="sign-title">
      <h2 id="sign-title">{t('liaison.sign.title')}</h2>
      {mine.map((line) => {
        const error = failed?.form === 'sign' && failed.studentId === line.studentId ? failed : undefined;
        return (
          <form method="post" action={`/liaison/notes/${note.id}/sign`} class="card">
            <CsrfField token={csrf} />
            <input type="hidden" name="studentId" value={line.studentId} />
            <h3>{t('liaison.sign.for', line.name)}</h3>
            {line.answered && line.answeredAt && (
              <p>
                <span class="badge badge--ok">{t('liaison.sign.already', formatDateTime(line.answeredAt))}</span>
                {line.answer && <> {answerLabel(line.answer)}</>}
              </p>
            )}
            <AnswerField slip={note.reply} prefix={`sign-${line.studentId}`} value={error ? error.answer : line.answer} error={error?.errors.answer} />
            <p class="actions">
              <button type="submit" class="button button--primary">
                {line.answered ? t('liaison.sign.change') : t('liaison.sign.submit')}
              </button>
            </p>
          </form>
        );
      })}
    </section>
  );
}

function Management({ note, csrf, failed }: { note: NoteDetail; csrf: string; failed?: NotePageErrors }) {
  const paper = failed?.form === 'paper' ? failed : undefined;
  return (
    <>
      <p class="actions">
        <a class="button" href={`/liaison/notes/${note.id}/print`}>
          {t('liaison.list.print')}
        </a>
        <a class="button" href={`/liaison/notes/${note.id}/slips`}>
          {t('liaison.list.slips')}
        </a>
      </p>
      {note.manages && note.requiresSignature && (
        <>
          <form method="post" action={`/liaison/notes/${note.id}/remind`} class="inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button" disabled={note.counts.answered === note.counts.children}>
              {t('liaison.remind.submit')}
            </button>
          </form>
          {note.remindedAt && <p class="muted">{t('liaison.remind.last', formatDateTime(note.remindedAt))}</p>}
          <form method="post" action={`/liaison/notes/${note.id}/paper`} class="card">
            <h2>{t('liaison.paper.title')}</h2>
            <ErrorSummary errors={paper?.errors} />
            <CsrfField token={csrf} />
            <div class={paper?.errors.studentId ? 'field field--error' : 'field'}>
              <label for="field-studentId">{t('liaison.paper.child')}</label>
              <select id="field-studentId" name="studentId" required>
                <option value="">{t('liaison.form.choose')}</option>
                {note.lines.map((l) => (
                  <option value={l.studentId} selected={paper?.studentId === l.studentId}>
                    {l.name}
                  </option>
                ))}
              </select>
            </div>
            <AnswerField slip={note.reply} prefix="paper" value={paper?.answer} error={paper?.errors.answer} />
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('liaison.paper.submit')}
              </button>
            </p>
          </form>
        </>
      )}
      {note.manages && (
        <form method="post" action={`/liaison/notes/${note.id}/withdraw`} class="card">
          <CsrfField token={csrf} />
          <p class="field__hint">{t('liaison.withdraw.hint')}</p>
          <button type="submit" class="button button--danger">
            {t('liaison.withdraw.submit')}
          </button>
        </form>
      )}
    </>
  );
}

export function NotePage({ note, csrf, failed }: { note: NoteDetail; csrf: string; failed?: NotePageErrors }) {
  return (
    <>
      <div class="page-header">
        <NoteHeader note={note} />
      </div>
      {(failed?.form === 'sign' || failed?.form === 'action') && <ErrorSummary errors={failed.errors} />}
      <SignForms note={note} csrf={csrf} failed={failed} />
      {note.follows && note.requiresSignature && (
        <div class="liaison-answers">
          <AnswerTable note={note} />
        </div>
      )}
      {note.follows && <Management note={note} csrf={csrf} failed={failed} />}
      <p>
        <a href="/liaison">{t('liaison.title')}</a>
      </p>
    </>
  );
}
