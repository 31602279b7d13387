import type { FastifyInstance } from 'fastify';
import { notify, type NotifyInput } from './service.js';

/** One notification for one person, made at the app's time; answers its id. */
export async function notifyOne(app: FastifyInstance, recipientId: string, title: string, extra: Partial<NotifyInput> = {}): Promise<string> {
  await notify(app.db, { recipients: [recipientId], kind: 'test', title, link: '/', ...extra }, app.clock.now());
  const row = await app.db
    .selectFrom('notifications')
    .select('id')
    .where('recipientId', '=', recipientId)
    .where('title', '=', title)
    .orderBy('createdAt', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}
