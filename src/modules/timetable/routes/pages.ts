import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { can, type Actor } from '../../../kernel/authz/index.js';
import { isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { isSchoolStaff } from '../policy.js';
import * as schema from '../schema.js';
import * as reads from '../service/reads.js';
import { OwnWeekPage, SchoolIndexPage, StaffWeekPage } from '../views/week.js';
import { timetableDeps } from './deps.js';

/** The page's frame, its title in the request's language. */
const page = () => ({ title: t('timetable.title'), service: 'timetable' });

/** The week pages: one's own, and a class's, a teacher's or a room's for the school's staff. */
export const timetablePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = timetableDeps(app);

  app.get('/timetable', { schema: { querystring: schema.OwnWeekPageQuery } }, async (request, reply) => {
    const actor = request.actor;
    if (!reads.hasOwnWeek(actor) && can(actor, 'timetable.index.open', { structureId: actor.activeStructureId }))
      return reply.redirect('/timetable/school', 303);
    const own = await reads.ownWeek(deps, actor, { week: request.query.week, studentId: request.query.child });
    return reply.page(
      { ...page(), title: own.week && own.children.length > 0 ? t('timetable.for', isolate(own.week.title)) : t('timetable.title') },
      h(OwnWeekPage, { actor, ...own }),
    );
  });

  app.get('/timetable/school', async (request, reply) => {
    const index = await reads.schoolIndex(deps, request.actor);
    const canManage = can(request.actor, 'timetable.school.manage', { structureId: index.structureId });
    return reply.page(page(), h(SchoolIndexPage, { ...index, canManage }));
  });

  const staffWeek = (kind: 'group' | 'teacher' | 'room', base: string, week: reads.WeekView, actor: Actor) =>
    h(StaffWeekPage, { week, base, kind, canChange: isSchoolStaff(actor, week.structureId) });

  app.get('/timetable/groups/:id', { schema: { params: schema.IdParams, querystring: schema.WeekQuery } }, async (request, reply) => {
    const week = await reads.groupWeek(deps, request.actor, request.params.id, request.query.week);
    return reply.page(
      { ...page(), title: t('timetable.for', isolate(week.title)) },
      staffWeek('group', `/timetable/groups/${request.params.id}`, week, request.actor),
    );
  });

  app.get('/timetable/teachers/:id', { schema: { params: schema.IdParams, querystring: schema.WeekQuery } }, async (request, reply) => {
    const week = await reads.teacherWeek(deps, request.actor, request.params.id, request.query.week);
    return reply.page(
      { ...page(), title: t('timetable.for', isolate(week.title)) },
      staffWeek('teacher', `/timetable/teachers/${request.params.id}`, week, request.actor),
    );
  });

  app.get('/timetable/rooms/:id', { schema: { params: schema.IdParams, querystring: schema.WeekQuery } }, async (request, reply) => {
    const week = await reads.roomWeek(deps, request.actor, request.params.id, request.query.week);
    return reply.page(
      { ...page(), title: t('timetable.for', isolate(week.title)) },
      staffWeek('room', `/timetable/rooms/${request.params.id}`, week, request.actor),
    );
  });
};
