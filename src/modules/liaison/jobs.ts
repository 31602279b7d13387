// The cahier de liaison's deferred work: notices of a new note, reminders, parents' notes to the
// teacher. Each is enqueued with its change, at the end of the school's quiet hours.
import type { Db } from '../../kernel/db/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { DEFAULT_QUIET_HOURS } from '../../kernel/quiet-hours.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';

export const NOTIFY_JOB = 'liaison.note.notify';
export const REMIND_JOB = 'liaison.note.remind';
export const FAMILY_NOTE_JOB = 'liaison.familyNote.notify';

/** The school's quiet hours, for the e-mail notices to families. */
const hoursOf = async (db: Db, structureId: string, now: Date) => (await messagingSettingsOf(db, structureId, now)) ?? DEFAULT_QUIET_HOURS;

const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);

/** Registers the handlers; a retry writes nothing twice (each notice has a source key per recipient). */
export function registerLiaisonJobs(jobs: JobRunner, db: Db): void {
  jobs.register<{ noteId: string }>(NOTIFY_JOB, async ({ noteId }, { now }) => {
    const note = await repo.findNote(db, noteId);
    if (!note || note.withdrawnAt) return;
    const families = await repo.guardiansOf(db, noteId, false);
    const pupils = note.showToPupils ? await repo.concernedPupils(db, noteId) : [];
    await notify(
      db,
      {
        recipients: [...families, ...pupils],
        kind: 'liaison.note',
        source: `liaison.note:${noteId}`,
        title: note.requiresSignature ? t('liaison.notice.toSign', note.title) : t('liaison.notice.new', note.title),
        body: excerpt(note.body),
        link: `/liaison/notes/${noteId}`,
        email: await hoursOf(db, note.structureId, now),
      },
      now,
    );
  });
  jobs.register<{ noteId: string; at: string }>(REMIND_JOB, async ({ noteId, at }, { now }) => {
    const note = await repo.findNote(db, noteId);
    if (!note || note.withdrawnAt) return;
    // Families who answered since the reminder was asked for are not reminded.
    const families = await repo.guardiansOf(db, noteId, true);
    await notify(
      db,
      {
        recipients: families,
        kind: 'liaison.reminder',
        source: `liaison.reminder:${noteId}:${at}`,
        title: t('liaison.notice.reminder', note.title),
        body: excerpt(note.body),
        link: `/liaison/notes/${noteId}`,
        email: await hoursOf(db, note.structureId, now),
      },
      now,
    );
  });
  jobs.register<{ familyNoteId: string }>(FAMILY_NOTE_JOB, async ({ familyNoteId }, { now }) => {
    const note = await repo.findFamilyNote(db, familyNoteId);
    if (!note) return;
    const teachers = await repo.teachersOf(db, note.groupId);
    await notify(
      db,
      {
        recipients: teachers,
        kind: 'liaison.familyNote',
        source: `liaison.familyNote:${familyNoteId}`,
        title: note.kind === 'absence' ? t('liaison.notice.absence') : t('liaison.notice.question'),
        body: excerpt(note.body),
        link: `/liaison#family-${familyNoteId}`,
      },
      now,
    );
  });
}
