import type { FastifyInstance } from 'fastify';
import { formatDate } from '../../kernel/i18n/index.js';
import { displayName } from '../directory/index.js';
import { notify } from '../notifications/index.js';
import { mondayOf } from './dates.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';
import { NOTIFY_JOB } from './service/changes.js';

/** Tells the people concerned about a change; a change removed before the job ran tells nobody, and a retry notifies no one twice. */
export function registerTimetableJobs(app: FastifyInstance): void {
  app.jobs.register(NOTIFY_JOB, async (payload: { changeId: string }, { now }) => {
    const change = await repo.findChange(app.db, payload.changeId);
    if (!change) return;
    const slot = await repo.findSlot(app.db, change.slotId);
    if (!slot) return;
    const recipients = (await repo.peopleConcerned(app.db, slot, change.newTeacherId)).filter((id) => id !== change.createdBy);
    const when = `${formatDate(change.date)} ${slot.startTime}`;
    let detail = '';
    if (change.kind === 'moved') detail = t('timetable.notice.moved', formatDate(change.newDate!), change.newStart!);
    if (change.kind === 'teacher') {
      const teacher = await repo.personById(app.db, change.newTeacherId!);
      detail = t('timetable.notice.teacher', teacher ? displayName(teacher) : '');
    }
    if (change.kind === 'room') detail = t('timetable.notice.room', (await repo.findRoom(app.db, change.newRoomId!))?.name ?? '');
    await notify(
      app.db,
      {
        recipients,
        kind: 'timetable.change',
        source: `timetable.change:${change.id}`,
        title: t(`timetable.notice.${change.kind}Title`, slot.subject, when),
        body: [detail, change.note].filter(Boolean).join(' — ') || null,
        link: `/timetable?week=${mondayOf(change.date)}`,
      },
      now,
    );
  });
}
