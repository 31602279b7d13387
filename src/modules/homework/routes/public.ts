import type { FastifyPluginAsync } from 'fastify';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { readableAttachment } from '../attachments.js';
import { calendarFeed } from '../calendar.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token-authenticated calendar feed, and attachment downloads (session needed). */
export const homeworkFiles: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { file: string } }>('/homework/calendar/:file', async (request, reply) => {
    const match = /^(.+)\.ics$/.exec(request.params.file);
    const feed = match ? await calendarFeed(app.db, match[1]!) : null;
    if (!feed) throw new NotFound();
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(feed);
  });

  app.get<{ Params: { id: string } }>('/homework/attachments/:id', { preHandler: requireUser }, async (request, reply) => {
    if (!UUID.test(request.params.id)) throw new NotFound();
    const file = await readableAttachment(app.db, request.actor!, request.params.id);
    return sendBlob(request, reply, { key: file.blobKey, size: file.size, contentType: file.contentType, filename: file.fileName, inline: true });
  });
};
