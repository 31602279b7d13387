// The module's deferred and scheduled work: families' notices of an absence (in-app and e-mail),
// the absenteeism alert, the 9:30 check of classes not called, the notices of justifications.
import type { Db } from '../../kernel/db/index.js';
import { formatDate, withLocale } from '../../kernel/i18n/index.js';
import { enqueue, type JobRunner } from '../../kernel/jobs/index.js';
import type { Mailer } from '../../kernel/mail/index.js';
import { displayName, schoolYearOf } from '../directory/index.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { firstSendableAt } from '../../kernel/quiet-hours.js';
import { notify } from '../notifications/index.js';
import { monthRange, parisNow, weekdayOf } from './dates.js';
import { t as translate } from './i18n/fr.js';
import * as records from './repository/records.js';
import * as repo from './repository/roll-calls.js';
import { EARLIEST_DEADLINE, isSchoolDay, minutesOf } from './service/day.js';
import { THRESHOLD } from './service/stats.js';
import type { MarkStatus } from './tables.js';

/** Notices and e-mails stay in French, whatever language the request that queued them was in. */
const t: typeof translate = (key, ...args) => withLocale('fr', () => translate(key, ...args));

export interface JobDeps {
  db: Db;
  mailer: Mailer | null;
  publicUrl: string;
}

const slotLabel = (halfDay: 'am' | 'pm', start: string | null, end: string | null) =>
  start && end ? t('attendance.call.lesson', start, end) : t(halfDay === 'am' ? 'attendance.am' : 'attendance.pm');

const monthLabel = (month: string) => withLocale('fr', () => formatDate(`${month}-01`)).replace(/^1er /, '');

async function pupilName(db: Db, id: string) {
  const p = await records.findPerson(db, id);
  return p ? displayName(p) : '';
}

export function registerAttendanceJobs(jobs: JobRunner, deps: JobDeps): void {
  const { db } = deps;

  // The families' notice: in-app at once, by e-mail at once unless the school makes it wait for its quiet hours.
  jobs.register('attendance.notify', async (payload, { now }) => {
    const { rollCallId, studentId, status } = payload as { rollCallId: string; studentId: string; status: MarkStatus };
    const rollCall = await repo.findRollCallById(db, rollCallId);
    const mark = rollCall && (await repo.marksOf(db, rollCallId)).find((m) => m.studentId === studentId);
    // The roll call was corrected meanwhile: nothing to tell.
    if (!rollCall || !mark || mark.status !== status) return;
    const name = await pupilName(db, studentId);
    const date = withLocale('fr', () => formatDate(rollCall.date));
    const title =
      status === 'absent'
        ? t('attendance.notice.absent.title', name, date, slotLabel(rollCall.halfDay, rollCall.startTime, rollCall.endTime))
        : t('attendance.notice.late.title', name, date, mark.lateMinutes ?? 0);
    const guardians = await records.guardiansOf(db, [studentId]);
    const link = `/attendance/pupils/${studentId}`;
    await notify(
      db,
      {
        recipients: guardians.map((g) => g.id),
        kind: `attendance.${status}`,
        source: `attendance.${status}:${rollCallId}:${studentId}`,
        title,
        body: t('attendance.notice.body'),
        link,
      },
      now,
    );
    const settings = await repo.settingsOf(db, rollCall.structureId);
    const hours = settings.noticesInQuietHours ? null : await messagingSettingsOf(db, rollCall.structureId, now);
    const runAt = hours ? firstSendableAt(hours, now) : now;
    for (const g of guardians.filter((x) => x.email)) {
      await enqueue(
        db,
        'attendance.mail',
        { personId: g.id, studentId, title },
        { key: `attendance.mail:${rollCallId}:${studentId}:${status}:${g.id}`, runAt },
      );
    }
    if (status !== 'absent') return;
    // Four unjustified half-days in the month: the director is alerted, once per pupil and month.
    const month = rollCall.date.slice(0, 7);
    const range = monthRange(month);
    const [figures] = await records.figures(db, [studentId], range.from, range.to);
    const unjustified = Number(figures?.halfDays ?? 0) - Number(figures?.justifiedHalfDays ?? 0);
    if (unjustified >= THRESHOLD)
      await enqueue(db, 'attendance.threshold', { studentId, structureId: rollCall.structureId, month }, { key: `attendance.threshold:${studentId}:${month}` });
  });

  jobs.register('attendance.mail', async (payload) => {
    const { personId, studentId, title } = payload as { personId: string; studentId: string; title: string };
    if (!deps.mailer) return;
    const person = await records.findPerson(db, personId);
    if (!person?.email || person.status !== 'active') return;
    const url = `${deps.publicUrl}/attendance/pupils/${studentId}`;
    const name = await pupilName(db, studentId);
    await deps.mailer.send({
      to: person.email,
      subject: t('attendance.notice.mail.subject', name),
      text: `${title}\n\n${t('attendance.notice.body')}\n${t('attendance.notice.mail.open', url)}\n`,
    });
  });

  jobs.register('attendance.threshold', async (payload, { now }) => {
    const { studentId, structureId, month } = payload as { studentId: string; structureId: string; month: string };
    const name = await pupilName(db, studentId);
    await notify(
      db,
      {
        recipients: await repo.directorsOf(db, structureId),
        kind: 'attendance.threshold',
        source: `attendance.threshold:${studentId}:${month}`,
        title: t('attendance.notice.threshold.title', name, monthLabel(month)),
        body: t('attendance.notice.threshold.body'),
        link: `/attendance/pupils/${studentId}`,
      },
      now,
    );
  });

  // Every quarter of an hour: past the school's deadline (9:30 unless it sets one) on a school day, classes with no morning roll call are flagged to the office, once a day.
  jobs.register('attendance.uncalled', async (_payload, { now }) => {
    const clock = parisNow(now);
    if (clock.minutes < minutesOf(EARLIEST_DEADLINE) || clock.minutes >= 12 * 60 || weekdayOf(clock.date) === 'Sat' || weekdayOf(clock.date) === 'Sun') return;
    const classes = await repo.uncalledMornings(db, schoolYearOf(now), clock.date);
    const bySchool = new Map<string, typeof classes>();
    for (const c of classes) bySchool.set(c.structureId, [...(bySchool.get(c.structureId) ?? []), c]);
    for (const [structureId, list] of bySchool) {
      const settings = await repo.settingsOf(db, structureId);
      if (!isSchoolDay(clock.date, settings.wednesday) || clock.minutes < minutesOf(settings.rollCallDeadline)) continue;
      await notify(
        db,
        {
          recipients: await repo.schoolOffice(db, structureId),
          kind: 'attendance.uncalled',
          source: `attendance.uncalled:${structureId}:${clock.date}`,
          title: t('attendance.notice.uncalled.title', list.length, settings.rollCallDeadline),
          body: t('attendance.notice.uncalled.body', list.map((c) => c.name).join(', ')),
          link: `/attendance/day?date=${clock.date}`,
        },
        now,
      );
    }
  });
  jobs.schedule('attendance.uncalled', { everyMinutes: 15 });

  // The school is told of a new justification; the family of the school's decision.
  jobs.register('attendance.justified', async (payload, { now }) => {
    const j = await records.findJustification(db, (payload as { justificationId: string }).justificationId);
    if (!j || j.status !== 'pending') return;
    await notify(
      db,
      {
        recipients: await repo.schoolOffice(db, j.structureId),
        kind: 'attendance.justified',
        source: `attendance.justified:${j.id}`,
        title: t('attendance.notice.justified.title', await pupilName(db, j.studentId)),
        link: `/attendance/day`,
      },
      now,
    );
  });
  jobs.register('attendance.reviewed', async (payload, { now }) => {
    const j = await records.findJustification(db, (payload as { justificationId: string }).justificationId);
    if (!j || j.status === 'pending') return;
    const guardians = await records.guardiansOf(db, [j.studentId]);
    await notify(
      db,
      {
        recipients: [...new Set([j.submittedBy, ...guardians.map((g) => g.id)])],
        kind: 'attendance.reviewed',
        source: `attendance.reviewed:${j.id}`,
        title: t('attendance.notice.reviewed.title', await pupilName(db, j.studentId), j.status === 'accepted'),
        body: j.reviewComment,
        link: `/attendance/pupils/${j.studentId}`,
      },
      now,
    );
  });
}
