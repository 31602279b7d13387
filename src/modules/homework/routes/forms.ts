import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden, NotFound, type Actor } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { htmlToTypedText } from '../../../kernel/rich-text.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { schoolYearOf } from '../../directory/index.js';
import { attachFiles, receiveLessonFiles, removeBlobs } from '../attachments.js';
import { isoToParisLocal, parisLocalToIso, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import { canWriteLessons } from '../policy.js';
import * as reads from '../reads.js';
import * as repo from '../repository.js';
import * as service from '../service.js';
import { subjectsOf } from '../subjects.js';
import { LessonForm, type LessonFormValues } from '../views/form.js';

type IdReq = FastifyRequest<{ Params: { id: string } }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = { title: t('homework.title'), service: 'homework' };

function idParam(request: IdReq): string {
  if (!UUID.test(request.params.id)) throw new NotFound();
  return request.params.id;
}

/** Form fields → values to show again and the service's input. Blank work slots are ignored. */
export function readLessonForm(fields: Record<string, string>): { values: LessonFormValues; input: service.LessonInput; visibleFromBad: boolean } {
  const assignments: LessonFormValues['assignments'] = [];
  for (let i = 0; i < service.MAX_ASSIGNMENTS + 1; i++) {
    const get = (name: string) => fields[`assignments.${i}.${name}`];
    if (get('instructions') === undefined && get('id') === undefined) continue;
    assignments.push({
      id: get('id') || undefined,
      instructions: get('instructions') ?? '',
      givenOn: get('givenOn') ?? '',
      dueOn: get('dueOn') ?? '',
      minutes: get('minutes') ?? '',
      toHandIn: get('toHandIn') === 'on',
    });
  }
  const values: LessonFormValues = { ...fields, assignments };
  const local = (fields.visibleFrom ?? '').trim();
  const visibleFrom = local ? parisLocalToIso(local) : null;
  const filled = assignments.filter((a) => a.id || (a.instructions ?? '').trim() || a.dueOn);
  const input: service.LessonInput = {
    groupId: fields.groupId ?? '',
    subjectId: fields.subjectId ?? '',
    lessonDate: fields.lessonDate ?? '',
    startTime: fields.startTime || null,
    endTime: fields.endTime || null,
    content: fields.content ?? '',
    publish: fields.action !== 'draft',
    visibleFrom: local && !visibleFrom ? 'invalid' : visibleFrom,
    assignments: filled.map((a) => ({
      id: a.id ?? null,
      instructions: a.instructions ?? '',
      givenOn: a.givenOn || null,
      dueOn: a.dueOn ?? '',
      estimatedMinutes: a.minutes ? (/^\d{1,4}$/.test(a.minutes) ? Number(a.minutes) : -1) : null,
      toHandIn: a.toHandIn,
    })),
  };
  return { values, input, visibleFromBad: !!local && !visibleFrom };
}

/** Lesson forms (multipart, for attachments): new, edit, delete, copy. */
export const homeworkForms: FastifyPluginAsync = async (app) => {
  const db = app.db;
  const deps = { db, events: app.events };
  app.addHook('preHandler', requireUser);

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { action: string; editing: boolean; values: LessonFormValues; errors?: Record<string, string>; status?: number },
  ) {
    const actor = request.actor!;
    const groups = await repo.teacherGroups(db, actor.personId, schoolYearOf());
    const groupId = opts.values.groupId && groups.some((g) => g.id === opts.values.groupId) ? opts.values.groupId : groups[0]?.id;
    const group = groups.find((g) => g.id === groupId);
    const subjects = group ? await subjectsOf(db, group.structureId) : [];
    const load = groupId ? await reads.dueLoad(db, actor, groupId, todayInParis()) : [];
    const values = { ...opts.values, groupId };
    while (values.assignments.length < 2 || (values.assignments.at(-1)?.instructions && values.assignments.length < service.MAX_ASSIGNMENTS))
      values.assignments.push({});
    return reply.page(
      { ...page, title: opts.editing ? t('homework.form.edit') : t('homework.form.new'), status: opts.status },
      h(LessonForm, {
        action: opts.action,
        csrf: request.csrfToken,
        editing: opts.editing,
        values,
        errors: opts.errors,
        groups,
        subjects,
        load,
        maxMb: Math.round(app.config.uploadMaxBytes / 1024 / 1024),
      }),
    );
  }

  function requireTeacher(actor: Actor) {
    if (!canWriteLessons(actor)) throw new Forbidden();
  }

  app.get('/homework/lessons/new', async (request: FastifyRequest<{ Querystring: { groupId?: string; date?: string } }>, reply) => {
    requireTeacher(request.actor!);
    const date = request.query.date && /^\d{4}-\d{2}-\d{2}$/.test(request.query.date) ? request.query.date : todayInParis();
    return renderForm(request, reply, {
      action: '/homework/lessons',
      editing: false,
      values: { groupId: request.query.groupId, lessonDate: date, assignments: [] },
    });
  });

  /** Saves from a multipart form; on a refusal, the stored files are deleted and the form is shown again. */
  async function submit(request: FastifyRequest, reply: FastifyReply, id: string | undefined) {
    const actor = request.actor!;
    requireTeacher(actor);
    const action = id ? `/homework/lessons/${id}/edit` : '/homework/lessons';
    let files: StoredFile[] = [];
    let values: LessonFormValues = { assignments: [] };
    try {
      const received = await receiveLessonFiles(request);
      files = received.files;
      const form = readLessonForm(received.fields);
      values = form.values;
      const saved = await service.saveLesson(deps, actor, form.input, id);
      await attachFiles(app, actor, saved.id, files);
      files = [];
      reply.setFlash(
        saved.status === 'draft'
          ? t('homework.lesson.saved')
          : saved.visibleFrom > new Date().toISOString()
            ? t('homework.lesson.scheduledDone')
            : t('homework.lesson.published'),
      );
      return reply.redirect(`/homework/lessons/${saved.id}`, 303);
    } catch (error) {
      if (files.length > 0) await discardFiles(app.blobs, files);
      const errors = error instanceof AppError && (error.statusCode === 400 || error.statusCode === 413) ? fieldErrors(error) : null;
      if (!errors) throw error;
      if (error instanceof AppError && error.statusCode === 413) errors.files = error.message;
      return renderForm(request, reply, { action, editing: !!id, values, errors, status: (error as AppError).statusCode });
    }
  }

  app.post('/homework/lessons', async (request, reply) => submit(request, reply, undefined));

  app.get('/homework/lessons/:id/edit', async (request: IdReq, reply) => {
    const actor = request.actor!;
    requireTeacher(actor);
    const lesson = await reads.lessonDetail(db, actor, idParam(request));
    if (!lesson.editable) throw new NotFound();
    const values: LessonFormValues = {
      groupId: lesson.groupId,
      subjectId: lesson.subjectId,
      lessonDate: lesson.lessonDate,
      startTime: lesson.startTime ?? '',
      endTime: lesson.endTime ?? '',
      content: htmlToTypedText(lesson.content),
      visibleFrom: lesson.visibleFrom > new Date().toISOString() ? isoToParisLocal(lesson.visibleFrom) : '',
      assignments: lesson.assignments.map((a) => ({
        id: a.id,
        instructions: htmlToTypedText(a.instructions),
        givenOn: a.givenOn,
        dueOn: a.dueOn,
        minutes: a.estimatedMinutes?.toString() ?? '',
        toHandIn: a.toHandIn,
      })),
    };
    return renderForm(request, reply, { action: `/homework/lessons/${lesson.id}/edit`, editing: true, values });
  });

  app.post('/homework/lessons/:id/edit', async (request: IdReq, reply) => submit(request, reply, idParam(request)));

  app.post('/homework/lessons/:id/delete', async (request: IdReq, reply) => {
    await removeBlobs(app, await service.deleteLesson(deps, request.actor!, idParam(request)));
    reply.setFlash(t('homework.lesson.deleted'));
    return reply.redirect('/homework', 303);
  });

  app.post('/homework/lessons/:id/copy', async (request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string> }>, reply) => {
    const copy = await service.copyLesson(deps, request.actor!, idParam(request), request.body?.groupId ?? '');
    reply.setFlash(t('homework.lesson.copied'));
    return reply.redirect(`/homework/lessons/${copy.id}/edit`, 303);
  });
};
