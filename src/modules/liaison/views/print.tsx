import { formatDate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { NoteDetail } from '../service/notes.js';
import { answerLabel } from './answer.js';
import { AnswerTable } from './note.js';

/** The list to print: the note's heading and every child's line. */
export function PrintList({ note }: { note: NoteDetail }) {
  return (
    <div class="liaison-print">
      <h1>{note.title}</h1>
      <p>
        {t('liaison.note.by', note.author, formatDate(note.createdAt))} · {t('liaison.note.class', note.groupName)}
      </p>
      <AnswerTable note={note} id="print-title" />
    </div>
  );
}

/** The paper version: one sheet per child, the note and a tear-off slip with the child's name. */
export function Slips({ note }: { note: NoteDetail }) {
  const choices = note.reply.kind === 'yesNo' ? [answerLabel('yes'), answerLabel('no')] : note.reply.kind === 'choice' ? note.reply.options : [];
  return (
    <>
      <div class="page-header liaison-noprint">
        <h1>{t('liaison.slips.title', note.title)}</h1>
      </div>
      <div class="sheets">
        {note.lines.map((line) => (
          <section class="sheet liaison-sheet" aria-label={line.name}>
            <h2>{note.title}</h2>
            <p>
              {t('liaison.note.by', note.author, formatDate(note.createdAt))} · {t('liaison.note.class', note.groupName)}
            </p>
            <p class="liaison-text">{note.body}</p>
            <div class="liaison-slip">
              <p class="liaison-slip__cut">{t('liaison.slips.cut')}</p>
              <p>
                <strong>{note.title}</strong>
              </p>
              <p>{t('liaison.slips.child', line.name, note.groupName)}</p>
              {note.reply.kind === 'none' ? (
                <p>☐ {t('liaison.slips.read')}</p>
              ) : (
                <>
                  <p>{note.reply.question}</p>
                  {choices.length > 0 ? (
                    <ul class="list-plain">
                      {choices.map((c) => (
                        <li>☐ {c}</li>
                      ))}
                    </ul>
                  ) : (
                    <p class="liaison-slip__line">{t('liaison.slips.answer')}</p>
                  )}
                </>
              )}
              <p class="liaison-slip__line">{t('liaison.slips.signature')}</p>
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
