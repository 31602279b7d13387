import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { ts } from '../i18n/staff.js';
import type { listNotes, readNote } from '../service/notes.js';
import type { listRequests } from '../service/requests.js';
import { SCHOOL_KINDS } from '../service/school.js';
import { RequestItem } from './family.js';
import { Written } from './common.js';

type Notes = Awaited<ReturnType<typeof listNotes>>;
type Requests = Awaited<ReturnType<typeof listRequests>>;

function NoteList({ notes, agent }: { notes: Notes; agent: boolean }) {
  if (notes.length === 0) return <p class="muted">{agent ? ts('requests.note.none') : ts('requests.school.noNotes')}</p>;
  return (
    <ul class="cards">
      {notes.map((n) => (
        <li class="card">
          <h3>
            <a href={`/mairie/notes/${n.id}`}>{n.title}</a>
          </h3>
          <p class="muted">
            {formatDate(n.createdAt)} ·{' '}
            {agent ? (
              ts('requests.note.reads', n.reads ?? 0)
            ) : n.readAt ? (
              ts('requests.school.read', formatDate(n.readAt))
            ) : (
              <span class="badge badge--warn">{ts('requests.school.unread')}</span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The director's channel with the municipality: its notes, and the school's requests. */
export function SchoolIndex({ notes, requests, canFile }: { notes: Notes; requests: Requests; canFile: boolean }) {
  return (
    <>
      <div class="page-header">
        <h1>{ts('requests.school.title')}</h1>
        {canFile && (
          <p class="actions">
            <a class="button button--primary" href="/mairie/demandes/nouvelle">
              {ts('requests.school.new')}
            </a>
          </p>
        )}
      </div>
      <p>{ts('requests.school.intro')}</p>
      {!canFile && <p class="muted">{ts('requests.school.noMunicipality')}</p>}
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{ts('requests.school.notes')}</h2>
        <NoteList notes={notes} agent={false} />
      </section>
      <section aria-labelledby="school-requests">
        <h2 id="school-requests">{ts('requests.school.requests')}</h2>
        {requests.length === 0 ? (
          <p class="muted">{ts('requests.school.noRequests')}</p>
        ) : (
          <ul class="cards">
            {requests.map((r) => (
              <RequestItem r={r} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The agents' side of the channel: the notes sent, with their reads. */
export function AgentNotes({ notes }: { notes: Notes }) {
  return (
    <>
      <div class="page-header">
        <h1>{ts('requests.agent.notes')}</h1>
        <p class="actions">
          <a class="button button--primary" href="/mairie/notes/nouvelle">
            {ts('requests.note.new')}
          </a>
        </p>
      </div>
      <NoteList notes={notes} agent />
    </>
  );
}

export type SchoolFormValues = Record<string, string | undefined>;

export function SchoolRequestForm(props: { schools: { structureId: string; name: string }[]; values: SchoolFormValues; errors?: FieldErrors; csrf: string }) {
  const { values, errors } = props;
  return (
    <>
      <div class="page-header">
        <h1>{ts('requests.school.formTitle')}</h1>
      </div>
      <ErrorSummary
        errors={errors}
        labels={{
          structureId: ts('requests.school.school'),
          kind: ts('requests.school.kind'),
          title: ts('requests.school.subject'),
          details: ts('requests.school.details'),
        }}
      />
      <form method="post" action="/mairie/demandes">
        <CsrfField token={props.csrf} />
        {props.schools.length > 1 && (
          <Field name="structureId" label={ts('requests.school.school')} error={errors?.structureId}>
            <select id="field-structureId" name="structureId">
              {props.schools.map((s) => (
                <option value={s.structureId} selected={values.structureId === s.structureId}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <fieldset class="field-group" id="field-kind">
          <legend>{ts('requests.school.kind')}</legend>
          {errors?.kind && <p class="field__error">{errors.kind}</p>}
          {SCHOOL_KINDS.map((k) => (
            <div class="field field--check">
              <input type="radio" id={`field-kind-${k}`} name="kind" value={k} checked={(values.kind ?? 'works') === k} />
              <label for={`field-kind-${k}`}>{ts(`requests.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field name="title" label={ts('requests.school.subject')} value={values.title} error={errors?.title} required />
        <Field name="details" label={ts('requests.school.details')} error={errors?.details} required>
          <textarea id="field-details" name="details" rows={6} required aria-invalid={errors?.details ? 'true' : undefined}>
            {values.details ?? ''}
          </textarea>
        </Field>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {ts('requests.school.submit')}
          </button>
        </p>
      </form>
    </>
  );
}

export type NoteFormValues = { title?: string; body?: string; audience?: string; schoolIds: string[] };

export function NoteForm(props: { schools: { id: string; name: string }[]; values: NoteFormValues; errors?: FieldErrors; csrf: string }) {
  const { values, errors } = props;
  const audience = values.audience === 'chosen' ? 'chosen' : 'all';
  return (
    <>
      <div class="page-header">
        <h1>{ts('requests.note.formTitle')}</h1>
      </div>
      <ErrorSummary errors={errors} labels={{ title: ts('requests.note.title'), body: ts('requests.note.body'), schoolIds: ts('requests.note.schools') }} />
      <form method="post" action="/mairie/notes">
        <CsrfField token={props.csrf} />
        <Field name="title" label={ts('requests.note.title')} value={values.title} error={errors?.title} required />
        <Field name="body" label={ts('requests.note.body')} error={errors?.body} required>
          <textarea id="field-body" name="body" rows={8} required aria-invalid={errors?.body ? 'true' : undefined}>
            {values.body ?? ''}
          </textarea>
        </Field>
        <fieldset class="field-group">
          <legend>{ts('requests.note.audience')}</legend>
          {(['all', 'chosen'] as const).map((a) => (
            <div class="field field--check">
              <input type="radio" id={`field-audience-${a}`} name="audience" value={a} checked={audience === a} />
              <label for={`field-audience-${a}`}>{ts(`requests.note.${a}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field-group" id="field-schoolIds">
          <legend>{ts('requests.note.schools')}</legend>
          {errors?.schoolIds && <p class="field__error">{errors.schoolIds}</p>}
          {props.schools.map((s) => (
            <div class="field field--check">
              <input type="checkbox" id={`field-school-${s.id}`} name="schoolIds" value={s.id} checked={values.schoolIds.includes(s.id)} />
              <label for={`field-school-${s.id}`}>{s.name}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {ts('requests.note.send')}
          </button>
        </p>
      </form>
    </>
  );
}

type Note = Awaited<ReturnType<typeof readNote>>;

export function NotePage({ note, agent }: { note: Note; agent: boolean }) {
  return (
    <>
      <p>
        <a href="/mairie">{ts('requests.school.title')}</a>
      </p>
      <div class="page-header">
        <h1>{note.title}</h1>
      </div>
      <p class="muted">{ts('requests.note.by', note.author, formatDate(note.createdAt))}</p>
      <Written text={note.body} />
      {agent && (
        <section aria-labelledby="readers-title">
          <h2 id="readers-title">{ts('requests.note.readers')}</h2>
          <ul class="list-plain">
            {note.schools.map((s) => (
              <li>
                <strong>{s.name}</strong> :{' '}
                {s.directors.length === 0
                  ? ts('requests.note.noDirector')
                  : s.directors
                      .map((d) => `${d.name}, ${d.readAt ? ts('requests.note.readAt', formatDateTime(d.readAt)) : ts('requests.note.unread')}`)
                      .join(' ; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
