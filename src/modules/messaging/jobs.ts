// The messaging's background work: email notices, sent by the kernel's job runner.
import type { Db } from '../../kernel/db/index.js';
import { enqueue, type JobRunner } from '../../kernel/jobs/index.js';
import { flushMailQueue, type NoticeSender } from './notify.js';

/** Looks at the notice queue: every minute, and once more when a send has notices due at once. */
export const FLUSH_JOB = 'messaging.mail.flush';

/** Registers the flush on a runner; scheduled only where SMTP is configured (there is nothing to send otherwise). */
export function registerMessagingJobs(jobs: JobRunner, sender: NoticeSender): void {
  // A failure to reach the database fails the job (it is retried); a failed email stays in the queue.
  jobs.register(FLUSH_JOB, async (_payload, { now }) => {
    await flushMailQueue(sender, now);
  });
  if (sender.mailer) jobs.schedule(FLUSH_JOB, { everyMinutes: 1 });
}

/** Asks for a flush now rather than at the next minute; once per message. */
export async function flushSoon(db: Db, messageId: string): Promise<void> {
  await enqueue(db, FLUSH_JOB, { messageId }, { key: `${FLUSH_JOB}:${messageId}` });
}
