import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { listGroups, schoolYearOf } from '../../directory/index.js';
import { calendarStatus } from '../calendar.js';
import { addDays, isDate, mondayOf, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import { canInspect, canManageSettings, hasAgenda } from '../policy.js';
import * as reads from '../reads.js';
import * as repo from '../repository.js';
import { readSettings, updateSettings } from '../settings.js';
import { CalendarSection } from '../views/agenda.js';
import { GroupWeekPage, HomeworkIndex } from '../views/group.js';
import { LessonPage } from '../views/lesson.js';
import { SettingsPage } from '../views/settings.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = { title: t('homework.title'), service: 'homework' };

function uuid(value: string): string {
  if (!UUID.test(value)) throw new NotFound();
  return value;
}

/** Teachers' and directors' pages: classes, a class's week, a lesson, the school's settings. */
export const homeworkPages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  app.get('/homework', async (request, reply) => {
    const actor = request.actor!;
    if (hasAgenda(actor)) return reply.redirect('/homework/agenda', 303);
    const year = schoolYearOf();
    const isTeacher = actor.profile === 'teacher';
    const structureId = actor.activeStructureId;
    const inspects = !!structureId && canInspect(actor, structureId);
    const [teacherGroups, classes, calendar] = await Promise.all([
      isTeacher ? repo.teacherGroups(db, actor.personId, year) : Promise.resolve([]),
      inspects ? listGroups(db, structureId!, year) : Promise.resolve(null),
      calendarStatus(db, actor.personId),
    ]);
    return reply.page(
      page,
      h(HomeworkIndex, {
        teacherGroups,
        classes,
        isTeacher,
        canSettings: !!structureId && canManageSettings(actor, structureId),
        children: isTeacher ? h(CalendarSection, { csrf: request.csrfToken, status: calendar }) : null,
      }),
    );
  });

  app.get('/homework/groups/:id', async (request: FastifyRequest<{ Params: { id: string }; Querystring: { week?: string } }>, reply) => {
    const actor = request.actor!;
    const group = await reads.readableGroup(db, actor, uuid(request.params.id));
    const today = todayInParis();
    const monday = mondayOf(request.query.week && isDate(request.query.week) ? request.query.week : today);
    const sunday = addDays(monday, 6);
    const [lessons, load, teaches] = await Promise.all([
      reads.listLessons(db, actor, { groupId: group.id, from: monday, to: sunday, limit: 200 }),
      reads.dueLoad(db, actor, group.id, today),
      repo.teachesGroup(db, actor.personId, group.id),
    ]);
    lessons.sort((a, b) => (a.lessonDate + (a.startTime ?? '')).localeCompare(b.lessonDate + (b.startTime ?? '')));
    return reply.page(
      { ...page, title: t('homework.group.title', group.name) },
      h(GroupWeekPage, { group, monday, sunday, lessons, load, canWrite: !!teaches && actor.profile === 'teacher' }),
    );
  });

  app.get('/homework/lessons/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const actor = request.actor!;
    const lesson = await reads.lessonDetail(db, actor, uuid(request.params.id));
    const copyTargets = lesson.editable ? (await repo.teacherGroups(db, actor.personId, schoolYearOf())).filter((g) => g.id !== lesson.groupId) : [];
    return reply.page(
      { ...page, title: t('homework.lesson.title', lesson.subject, lesson.lessonDate) },
      h(LessonPage, { lesson, csrf: request.csrfToken, copyTargets }),
    );
  });

  app.get('/homework/settings', async (request, reply) => {
    const settings = await readSettings(db, request.actor!);
    return reply.page({ ...page, title: t('homework.settings.title') }, h(SettingsPage, { csrf: request.csrfToken, ...settings }));
  });

  app.post('/homework/settings', async (request: FastifyRequest<{ Body: Record<string, string> }>, reply) => {
    const body = request.body ?? {};
    await updateSettings(db, request.actor!, { openToStudents: body.openToStudents === 'on', openToRelatives: body.openToRelatives === 'on' });
    reply.setFlash(t('homework.settings.saved'));
    return reply.redirect('/homework/settings', 303);
  });
};
