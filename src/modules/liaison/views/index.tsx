import { can, type Actor } from '../../../kernel/authz/index.js';
import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { listFamilyNotes } from '../service/family.js';
import type { listNotes } from '../service/notes.js';

type Notes = Awaited<ReturnType<typeof listNotes>>;
type FamilyNotes = Awaited<ReturnType<typeof listFamilyNotes>>;

function NoteItem({ note, writer }: { note: Notes[number]; writer: boolean }) {
  return (
    <li class="card">
      <h3>
        <a href={`/liaison/notes/${note.id}`}>{note.title}</a>
      </h3>
      <p class="muted">
        {t('liaison.note.by', note.author, formatDate(note.createdAt))} · {note.groupName}
      </p>
      <p>
        {note.withdrawn && <span class="badge badge--muted">{t('liaison.note.withdrawnBadge')}</span>}{' '}
        {note.requiresSignature &&
          (writer ? (
            <span class={note.answered === note.children ? 'badge badge--ok' : 'badge badge--warn'}>
              {t('liaison.note.progress', note.answered, note.children)}
            </span>
          ) : (
            <span class={note.answered >= note.children ? 'badge badge--ok' : 'badge badge--warn'}>
              {note.answered >= note.children ? t('liaison.note.signed') : t('liaison.note.toSign')}
            </span>
          ))}
      </p>
    </li>
  );
}

export function LiaisonIndex(props: { actor: Actor; csrf: string; notes: Notes; familyNotes: FamilyNotes }) {
  const writer = can(props.actor, 'liaison.note.write', {});
  const parent = can(props.actor, 'liaison.familyNote.write', {});
  const intro = writer ? t('liaison.intro.writer') : parent ? t('liaison.intro.family') : t('liaison.intro.pupil');
  return (
    <>
      <div class="page-header">
        <h1>{t('liaison.title')}</h1>
        <p class="actions">
          {writer && (
            <a class="button button--primary" href="/liaison/notes/new">
              {t('liaison.note.new')}
            </a>
          )}
          {parent && (
            <a class="button button--primary" href="/liaison/family-notes/new">
              {t('liaison.family.new')}
            </a>
          )}
        </p>
      </div>
      <p>{intro}</p>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t('liaison.notes')}</h2>
        {props.notes.length === 0 ? (
          <p class="muted">{t('liaison.notes.none')}</p>
        ) : (
          <ul class="cards">
            {props.notes.map((note) => (
              <NoteItem note={note} writer={writer} />
            ))}
          </ul>
        )}
      </section>
      {(writer || parent || props.familyNotes.length > 0) && (
        <section aria-labelledby="family-title">
          <h2 id="family-title">{t('liaison.family.title')}</h2>
          {props.familyNotes.length === 0 ? (
            <p class="muted">{t('liaison.family.none')}</p>
          ) : (
            <ul class="cards">
              {props.familyNotes.map((f) => (
                <li class="card" id={`family-${f.id}`}>
                  <h3>{f.kind === 'absence' ? t('liaison.family.kind.absence') : t('liaison.family.kind.question')}</h3>
                  <p class="muted">
                    {t('liaison.family.from', f.author, f.student, f.groupName)} · {formatDateTime(f.createdAt)}
                  </p>
                  <p class="liaison-text">{f.body}</p>
                  {f.acknowledgedAt ? (
                    <p>
                      <span class="badge badge--ok">{t('liaison.family.acknowledged', formatDateTime(f.acknowledgedAt))}</span>
                    </p>
                  ) : f.mine ? (
                    <p>
                      <span class="badge badge--muted">{t('liaison.family.waiting')}</span>
                    </p>
                  ) : (
                    <form method="post" action={`/liaison/family-notes/${f.id}/acknowledge`} class="inline-form">
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="button button--small">
                        {t('liaison.family.acknowledge')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
