import type { FastifyInstance } from 'fastify';
import { newId, type Db } from '../../kernel/db/index.js';
import { request, type Session } from '../../kernel/testing/index.js';

/** Sends a message through the JSON API, as a browserless client would. */
export function send(app: FastifyInstance, session: Session | null, body: Record<string, unknown>) {
  return request(app, session, 'POST', '/api/messaging/messages', { subject: 'Bonjour', body: 'Un message.', ...body });
}

export const person = (p: { id: string }) => `person:${p.id}`;
export const classParents = (g: { id: string }) => `group:${g.id}:relative`;
export const classPupils = (g: { id: string }) => `group:${g.id}:student`;

/** A message sent at a given date, written straight to the tables (a message of a past year, for retention tests). */
export async function buildSentMessage(db: Db, m: { from: string; to: string[]; structureId: string; subject: string; sentAt: string }): Promise<string> {
  const id = newId();
  const { from, to, structureId, subject, sentAt } = m;
  await db
    .insertInto('messages')
    .values({
      id,
      threadId: id,
      parentId: null,
      senderId: from,
      structureId,
      state: 'sent',
      senderFolder: 'sent',
      subject,
      bodyHtml: `<p>${subject}</p>`,
      toJson: '[]',
      ccJson: '[]',
      recipientCount: to.length,
      searchText: ` ${subject.toLowerCase()}`,
      createdAt: sentAt,
      updatedAt: sentAt,
      sentAt,
    })
    .execute();
  for (const personId of to)
    await db.insertInto('messageRecipients').values({ messageId: id, personId, kind: 'to', folder: 'inbox', readAt: null, sentAt }).execute();
  return id;
}
