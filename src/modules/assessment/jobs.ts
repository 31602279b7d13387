// The module's deferred work: telling families once that an assessment's results are visible to them.
import type { Db } from '../../kernel/db/index.js';
import { enqueue, type JobRunner } from '../../kernel/jobs/index.js';
import type { Mailer } from '../../kernel/mail/index.js';
import { displayName } from '../directory/index.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { firstSendableAt } from '../../kernel/quiet-hours.js';
import { notify } from '../notifications/index.js';
import { t } from './i18n/fr.js';
import { assessmentById } from './repository/assessments.js';
import { claimNotice, dueForNotice, mailTarget, noticeRecipients } from './repository/notices.js';

/** One assessment's notice, planned at its own publication date (the sweep catches every other moment). */
export const NOTIFY_JOB = 'assessment.notify';
/** Every few minutes, and when a period's date or the school's policy changes: every assessment that has just opened. */
export const SWEEP_JOB = 'assessment.notices';
const MAIL_JOB = 'assessment.mail';
const SWEEP_MINUTES = 5;

export interface JobDeps {
  db: Db;
  mailer: Mailer | null;
  publicUrl: string;
}

/**
 * Tells the families of one assessment, if the publication rule opens it now and nobody has yet:
 * the pupil and each of their relatives get one in-app notice per pupil (and an e-mail job), shown
 * after the school's quiet hours. The claim, the notices and the e-mails commit together, so a
 * rerun or a second instance writes nothing twice. A notice never carries a mark.
 */
async function announce(deps: JobDeps, id: string, now: Date): Promise<number> {
  const a = await assessmentById(deps.db, id);
  if (!a || a.familiesNotifiedAt) return 0;
  const hours = await messagingSettingsOf(deps.db, a.structureId, now);
  const sendAt = hours ? firstSendableAt(hours, now) : now;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await claimNotice(trx, id, now))) return 0;
    const { pupils, relatives } = await noticeRecipients(trx, id, a.groupId);
    const kind = a.kind === 'skills' ? 'skills' : 'marks';
    let sent = 0;
    for (const pupil of pupils) {
      const link = `/assessment/pupils/${pupil.id}`;
      const source = `assessment.published:${id}:${pupil.id}`;
      const self = t(`assessment.notice.self.${kind}`, a.subjectLabel, a.title);
      const child = t(`assessment.notice.child.${kind}`, displayName(pupil), a.subjectLabel, a.title);
      const body = t('assessment.notice.body');
      const family = [
        { id: pupil.id, email: pupil.email, title: self },
        ...relatives.filter((r) => r.studentId === pupil.id).map((r) => ({ ...r, title: child })),
      ];
      for (const person of family) {
        sent += await notify(
          trx,
          { recipients: [person.id], kind: 'assessment.published', source, title: person.title, body, link, visibleAt: sendAt.toISOString() },
          now,
        );
        if (person.email)
          await enqueue(
            trx,
            MAIL_JOB,
            { personId: person.id, title: person.title, link },
            { key: `${MAIL_JOB}:${id}:${pupil.id}:${person.id}`, runAt: sendAt },
          );
      }
    }
    return sent;
  });
}

/** Every assessment of the school (or all) that the rule has opened and whose families are not told yet. */
async function sweep(deps: JobDeps, now: Date, structureId?: string): Promise<void> {
  for (const id of await dueForNotice(deps.db, now, { structureId })) await announce(deps, id, now);
}

export function registerAssessmentJobs(jobs: JobRunner, deps: JobDeps): void {
  jobs.register<{ assessmentId: string }>(NOTIFY_JOB, async ({ assessmentId }, { now }) => {
    await announce(deps, assessmentId, now);
  });
  jobs.register<{ structureId?: string }>(SWEEP_JOB, async (payload, { now }) => {
    await sweep(deps, now, payload?.structureId);
  });
  jobs.schedule(SWEEP_JOB, { everyMinutes: SWEEP_MINUTES });
  jobs.register<{ personId: string; title: string; link: string }>(MAIL_JOB, async ({ personId, title, link }) => {
    if (!deps.mailer) return;
    const person = await mailTarget(deps.db, personId);
    if (!person?.email || person.status !== 'active') return;
    await deps.mailer.send({
      to: person.email,
      subject: title,
      text: `${title}\n\n${t('assessment.notice.body')}\n${t('assessment.notice.mail.open', `${deps.publicUrl}${link}`)}\n`,
    });
  });
}

/** Plans one assessment's notice at its publication date (in the caller's transaction); the job re-checks the rule. */
export async function planNotice(db: Db, assessmentId: string, publishAt: string, now: Date): Promise<void> {
  const runAt = new Date(publishAt) > now ? new Date(publishAt) : now;
  await enqueue(db, NOTIFY_JOB, { assessmentId }, { key: `${NOTIFY_JOB}:${assessmentId}:${runAt.toISOString()}`, runAt });
}

/** Plans a sweep of one school at a moment (a period's date, a policy change), in the caller's transaction. */
export async function planSweep(db: Db, structureId: string, at: Date, reason: string): Promise<void> {
  await enqueue(db, SWEEP_JOB, { structureId }, { key: `${SWEEP_JOB}:${structureId}:${reason}:${at.toISOString()}`, runAt: at });
}
