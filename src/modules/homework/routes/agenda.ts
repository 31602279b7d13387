import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden, NotFound } from '../../../kernel/authz/index.js';
import { calendarStatus, calendarUrl, regenerateCalendarToken, revokeCalendarToken } from '../calendar.js';
import { t } from '../i18n/fr.js';
import { hasAgenda } from '../policy.js';
import * as reads from '../reads.js';
import { subjectsOf } from '../subjects.js';
import { AgendaPage, HistoryPage } from '../views/agenda.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = { title: t('homework.agenda.title'), service: 'homework' };

type ChildQuery = FastifyRequest<{ Querystring: { child?: string; subject?: string } }>;

/** Families' pages: the agenda with its ticks, the lesson history, the calendar feed address. */
export const homeworkAgendaPages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  function childParam(value: string | undefined): string | null {
    if (!value) return null;
    if (!UUID.test(value)) throw new NotFound();
    return value;
  }

  async function renderAgenda(request: FastifyRequest, reply: FastifyReply, childId: string | null, newUrl?: string) {
    const actor = request.actor!;
    const calendar = await calendarStatus(db, actor.personId);
    if (!hasAgenda(actor)) {
      // Teachers manage their own feed from the cahier de textes page.
      if (newUrl)
        return reply.page(
          { ...page, title: t('homework.calendar.title') },
          h(AgendaPage, { agenda: null, csrf: request.csrfToken, children: null, calendar, newUrl }),
        );
      throw new Forbidden();
    }
    const studentId = await reads.agendaStudent(db, actor, childId);
    const children = actor.profile === 'relative' ? await reads.childrenOfRelative(db, actor.personId) : null;
    const agenda = studentId ? await reads.agenda(db, actor, studentId) : null;
    return reply.page(page, h(AgendaPage, { agenda, csrf: request.csrfToken, children, calendar, newUrl }));
  }

  app.get('/homework/agenda', async (request: ChildQuery, reply) => renderAgenda(request, reply, childParam(request.query.child)));

  app.post('/homework/assignments/:id/done', async (request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string> }>, reply) => {
    const actor = request.actor!;
    if (!UUID.test(request.params.id)) throw new NotFound();
    const body = request.body ?? {};
    const studentId = childParam(body.studentId);
    const result = await reads.setDone(db, actor, request.params.id, body.done === '1', studentId);
    reply.setFlash(t('homework.done.saved'));
    return reply.redirect(actor.profile === 'relative' ? `/homework/agenda?child=${result.studentId}` : '/homework/agenda', 303);
  });

  app.post('/homework/calendar', async (request, reply) => {
    const actor = request.actor!;
    const url = calendarUrl(app.config.publicUrl, await regenerateCalendarToken(db, actor.personId));
    return renderAgenda(request, reply, null, url);
  });

  app.post('/homework/calendar/revoke', async (request, reply) => {
    await revokeCalendarToken(db, request.actor!.personId);
    reply.setFlash(t('homework.calendar.revoked'));
    return reply.redirect(hasAgenda(request.actor!) ? '/homework/agenda' : '/homework', 303);
  });

  app.get('/homework/history', async (request: ChildQuery, reply) => {
    const actor = request.actor!;
    if (!hasAgenda(actor)) throw new Forbidden();
    const studentId = await reads.agendaStudent(db, actor, childParam(request.query.child));
    if (!studentId) throw new NotFound();
    const subjectId = request.query.subject && UUID.test(request.query.subject) ? request.query.subject : '';
    const [lessons, subjects, student] = await Promise.all([
      reads.listLessons(db, actor, { studentId, subjectId: subjectId || undefined, limit: 100 }),
      actor.activeStructureId ? subjectsOf(db, actor.activeStructureId) : Promise.resolve([]),
      reads.studentSummary(db, studentId),
    ]);
    return reply.page(
      { ...page, title: t('homework.history.title') },
      h(HistoryPage, { student, forChild: actor.profile === 'relative', subjects, subjectId, lessons }),
    );
  });
};
