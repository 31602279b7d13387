import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFound } from '../../../kernel/authz/index.js';
import { FeedParams } from '../schema.js';
import { calendarFeed } from '../service/calendar.js';
import { homeworkDeps } from './deps.js';

/** The iCalendar feed, public on purpose: its secret token stands for the person. */
export const homeworkFeed: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { ...homeworkDeps(app), calendarSources: app.calendarSources };
  app.get('/homework/calendar/:file', { schema: { params: FeedParams } }, async (request, reply) => {
    const match = /^(.+)\.ics$/.exec(request.params.file);
    const feed = match ? await calendarFeed(deps, match[1]!) : null;
    // An unknown, revoked or malformed token: nothing behind it.
    if (!feed) throw new NotFound();
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(feed);
  });
};
