import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { readableAttachment } from '../service/attachments.js';
import { calendarStatus } from '../service/calendar.js';
import * as reads from '../service/reads.js';
import { readSettings, updateSettings } from '../service/settings.js';
import { CalendarSection } from '../views/agenda.js';
import { GroupWeekPage, HomeworkIndex } from '../views/group.js';
import { LessonPage } from '../views/lesson.js';
import { SettingsPage } from '../views/settings.js';
import { homeworkDeps, schemaFieldErrors } from './deps.js';

/** The page's title and service, in the request's language. */
const page = () => ({ title: t('homework.title'), service: 'homework' });

/** Teachers' and directors' pages: classes, a class's week, a lesson and its files, the school's settings. */
export const homeworkPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = homeworkDeps(app);

  app.get('/homework', { config: { personal: true } }, async (request, reply) => {
    const actor = request.actor;
    if (can(actor, 'homework.agenda.open', {})) return reply.redirect('/homework/agenda', 303);
    const [index, calendar] = await Promise.all([reads.homeworkIndex(deps, actor), calendarStatus(deps, actor)]);
    const feed = can(actor, 'homework.calendar.manage', {}) ? h(CalendarSection, { csrf: request.csrfToken, status: calendar }) : null;
    return reply.page(page(), h(HomeworkIndex, { actor, ...index, children: feed }));
  });

  app.get('/homework/groups/:id', { schema: { params: schema.IdParams, querystring: schema.WeekQuery } }, async (request, reply) => {
    const actor = request.actor;
    const week = await reads.groupWeek(deps, actor, request.params.id, request.query.week);
    return reply.page({ ...page(), title: t('homework.group.title', week.group.name) }, h(GroupWeekPage, { ...week, actor, standing: week.group.standing }));
  });

  app.get('/homework/lessons/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const { lesson, copyTargets } = await reads.lessonPage(deps, request.actor, request.params.id);
    return reply.page(
      { ...page(), title: t('homework.lesson.title', lesson.subject, lesson.lessonDate) },
      h(LessonPage, { lesson, csrf: request.csrfToken, copyTargets }),
    );
  });

  app.get('/homework/attachments/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const file = await readableAttachment(deps, request.actor, request.params.id);
    return sendBlob(request, reply, { key: file.blobKey, size: file.size, contentType: file.contentType, filename: file.fileName, inline: true });
  });

  app.get('/homework/settings', async (request, reply) => {
    const settings = await readSettings(deps, request.actor);
    return reply.page({ ...page(), title: t('homework.settings.title') }, h(SettingsPage, { csrf: request.csrfToken, ...settings }));
  });

  app.post('/homework/settings', { schema: { body: schema.SettingsForm }, attachValidation: true }, async (request, reply) => {
    const input = { openToStudents: !!request.body?.openToStudents, openToRelatives: !!request.body?.openToRelatives };
    if (request.validationError) {
      // Only managers get their form back; anyone else is refused as on the page itself.
      await readSettings(deps, request.actor);
      return reply.page(
        { ...page(), title: t('homework.settings.title'), status: 400 },
        h(SettingsPage, { csrf: request.csrfToken, ...input, errors: schemaFieldErrors(request) }),
      );
    }
    await updateSettings(deps, request.actor, input);
    reply.setFlash(t('homework.settings.saved'));
    return reply.redirect('/homework/settings', 303);
  });
};
