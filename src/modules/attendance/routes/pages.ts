import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { parisNow } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { dayView } from '../service/day.js';
import { justificationDocument, pupilRecord, recordAnnounced, reviewJustification } from '../service/pupils.js';
import { figuresCsv, attendanceIndex, monthlyFigures, readSettings, updateSettings } from '../service/stats.js';
import { DayPage } from '../views/day.js';
import { AttendanceIndex } from '../views/index.js';
import { PupilPage } from '../views/pupil.js';
import { SettingsPage, type SettingsValues } from '../views/settings.js';
import { StatsPage } from '../views/stats.js';
import { attendanceDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('attendance.title'), service: 'attendance' });

/** Pages: the first page, the office's day, a pupil's record (justify, review, announce), monthly figures. */
export const attendancePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = attendanceDeps(app);

  /** The pupil's page, with a form's errors and what was typed when given. */
  async function showPupil(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: FieldErrors; form?: 'justify' | 'announce'; typed?: Record<string, string> } = {},
  ) {
    const record = await pupilRecord(deps, request.actor, id);
    return reply.page(
      { ...page(), title: t('attendance.pupil.title', record.pupil.name), status: extra.errors ? 400 : undefined },
      h(PupilPage, {
        record,
        csrf: request.csrfToken,
        canReview: record.canReview,
        canAnnounce: record.canAnnounce,
        today: parisNow(deps.clock.now()).date,
        ...extra,
      }),
    );
  }

  app.get('/attendance', { config: { personal: true } }, async (request, reply) => {
    const index = await attendanceIndex(deps, request.actor);
    const school = request.actor.activeStructureId;
    const manages = !!school && can(request.actor, 'attendance.settings.manage', { structureId: school });
    return reply.page(page(), h(AttendanceIndex, { ...index, manages, personId: request.actor.personId }));
  });

  app.get('/attendance/day', { schema: { querystring: schema.DayQuery } }, async (request, reply) => {
    const day = await dayView(deps, request.actor, request.query.date);
    return reply.page({ ...page(), title: t('attendance.day.title', day.date) }, h(DayPage, { day }));
  });

  app.get('/attendance/pupils/:id', { schema: { params: schema.IdParams } }, async (request, reply) => showPupil(request, reply, request.params.id));

  app.post(
    '/attendance/pupils/:id/announced',
    { schema: { params: schema.IdParams, body: schema.AnnouncedForm }, attachValidation: true },
    async (request, reply) => {
      const typed = (request.body ?? {}) as Record<string, string>;
      if (request.validationError) return showPupil(request, reply, request.params.id, { errors: schemaFieldErrors(request), form: 'announce', typed });
      try {
        const b = request.body;
        await recordAnnounced(deps, request.actor, {
          studentId: request.params.id,
          from: b.from,
          to: b.to,
          reason: b.reason,
          comment: b.comment,
          halfDay: b.halfDay === 'am' || b.halfDay === 'pm' ? b.halfDay : null,
        });
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        return showPupil(request, reply, request.params.id, { errors, form: 'announce', typed });
      }
      reply.setFlash(t('attendance.announce.saved'));
      return reply.redirect(`/attendance/pupils/${request.params.id}`, 303);
    },
  );

  app.post('/attendance/justifications/:id/review', { schema: { params: schema.IdParams, body: schema.ReviewForm } }, async (request, reply) => {
    const done = await reviewJustification(deps, request.actor, request.params.id, request.body);
    reply.setFlash(done.status === 'accepted' ? t('attendance.review.accepted') : t('attendance.review.refused'));
    return reply.redirect(`/attendance/pupils/${done.studentId}`, 303);
  });

  app.get('/attendance/justifications/:id/document', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const j = await justificationDocument(deps, request.actor, request.params.id);
    return sendBlob(request, reply, {
      key: j.blobKey!,
      size: j.size ?? 0,
      contentType: j.contentType ?? 'application/octet-stream',
      filename: j.fileName ?? 'justificatif',
      inline: true,
    });
  });

  app.get('/attendance/settings', async (request, reply) => {
    const { structureId: _school, ...values } = await readSettings(deps, request.actor);
    return reply.page({ ...page(), title: t('attendance.settings.title') }, h(SettingsPage, { csrf: request.csrfToken, values }));
  });

  app.post('/attendance/settings', { schema: { body: schema.SettingsForm }, attachValidation: true }, async (request, reply) => {
    // Rights first: only the school's managers see the form again.
    await readSettings(deps, request.actor);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const values: SettingsValues = {
      mode: body.mode ?? '',
      noticesInQuietHours: body.noticesInQuietHours !== undefined,
      wednesday: body.wednesday !== undefined,
      rollCallDeadline: (body.rollCallDeadline ?? '').trim(),
    };
    const show = (errors: FieldErrors) =>
      reply.page({ ...page(), title: t('attendance.settings.title'), status: 400 }, h(SettingsPage, { csrf: request.csrfToken, values, errors }));
    if (request.validationError) return show(schemaFieldErrors(request));
    try {
      await updateSettings(deps, request.actor, { ...values, mode: values.mode as 'halfDay' });
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return show(errors);
    }
    reply.setFlash(t('attendance.settings.saved'));
    return reply.redirect('/attendance/settings', 303);
  });

  app.get('/attendance/stats', { schema: { querystring: schema.StatsQuery } }, async (request, reply) => {
    const figures = await monthlyFigures(deps, request.actor, request.query.groupId, request.query.month);
    return reply.page({ ...page(), title: t('attendance.stats.for', figures.group.name, figures.month) }, h(StatsPage, { figures }));
  });

  app.get('/attendance/stats.csv', { schema: { querystring: schema.StatsQuery } }, async (request, reply) => {
    const figures = await monthlyFigures(deps, request.actor, request.query.groupId, request.query.month);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="absences-${figures.month}.csv"`)
      .send(figuresCsv(figures));
  });
};
