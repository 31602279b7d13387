import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { h } from 'preact';
import { AppError, BadRequest, fieldErrors } from '../../../kernel/http/errors.js';
import { htmlToTypedText } from '../../../kernel/rich-text.js';
import { discardFiles, receiveForm, type StoredFile } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { isoToParisLocal, parisLocalToIso } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { MAX_FILES } from '../service/attachments.js';
import * as service from '../service/lessons.js';
import * as reads from '../service/reads.js';
import { LESSON_FORM_SCRIPT, LessonForm, type LessonFormValues } from '../views/form.js';
import { LESSON_FORM_JS } from '../views/lesson-form-script.js';
import { LessonPage } from '../views/lesson.js';
import { homeworkDeps, schemaFieldErrors } from './deps.js';
import { slotsOn } from '../../timetable/index.js';

/** The page's title and service, in the request's language. */
const page = () => ({ title: t('homework.title'), service: 'homework' });

/** The form's fields that break its schema (too long, unknown), field by field. */
function formSchemaErrors(fields: Record<string, string>): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const e of Value.Errors(schema.LessonFormFields, fields)) {
    const field = e.path.replace(/^\//, '').replace(/~1/g, '/') || '_form';
    errors[field] = t('homework.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : null;
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
      openBox: get('openBox') === 'on',
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
      openBox: a.openBox,
    })),
  };
  return { values, input, visibleFromBad: !!local && !visibleFrom };
}

/** Lesson forms (multipart, for attachments): new, edit, delete, copy. */
export const homeworkForms: FastifyPluginAsyncTypebox = async (app) => {
  const deps = homeworkDeps(app);

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      action: string;
      editing: boolean;
      values: LessonFormValues;
      errors?: Record<string, string>;
      status?: number;
      /** An edited lesson's subject, offered even when its class's list no longer has it. */
      currentSubject?: { id: string; label: string };
      /** A new lesson from a timetable slot: its subject's code or label, and the day's slots to offer. */
      subjectHint?: string;
      slots?: { href: string; label: string }[];
    },
  ) {
    const { groups, groupId, subjects: offered, load } = await reads.lessonFormChoices(deps, request.actor, opts.values.groupId);
    const current = opts.currentSubject;
    const subjects = current && !offered.some((s) => s.id === current.id) ? [...offered, current] : offered;
    const hint = opts.subjectHint?.toLocaleLowerCase('fr');
    const hinted = hint ? offered.find((s) => s.code.toLocaleLowerCase('fr') === hint || s.label.toLocaleLowerCase('fr') === hint) : undefined;
    const values = { ...opts.values, groupId, subjectId: opts.values.subjectId ?? hinted?.id };
    while (values.assignments.length < 2 || (values.assignments.at(-1)?.instructions && values.assignments.length < service.MAX_ASSIGNMENTS))
      values.assignments.push({});
    return reply.page(
      { ...page(), title: opts.editing ? t('homework.form.edit') : t('homework.form.new'), status: opts.status },
      h(LessonForm, {
        action: opts.action,
        csrf: request.csrfToken,
        editing: opts.editing,
        values,
        errors: opts.errors,
        groups,
        subjects,
        load,
        maxBytes: app.config.uploadMaxBytes,
        slots: opts.slots,
        resourcesHref: opts.editing ? opts.action.replace(/\/edit$/, '/resources') : undefined,
      }),
    );
  }

  // The form's size check; for those who write lessons, like the form itself.
  app.get(LESSON_FORM_SCRIPT, { schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    await reads.newLesson(deps, request.actor);
    return reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'private, max-age=3600').send(LESSON_FORM_JS);
  });

  app.get('/homework/lessons/new', { config: { personal: true }, schema: { querystring: schema.NewLessonQuery } }, async (request, reply) => {
    const q = request.query;
    const values = { groupId: q.groupId, lessonDate: q.date ?? reads.today(deps), startTime: q.startTime, endTime: q.endTime, assignments: [] };
    await reads.newLesson(deps, request.actor);
    // The teacher's slots of that day, from the timetable: each link fills the form in, no script needed.
    const slots = (await slotsOn(deps.db, request.actor.personId, values.lessonDate)).map((s) => ({
      href: `/homework/lessons/new?${new URLSearchParams({ groupId: s.groupId, date: s.date, startTime: s.start, endTime: s.end, subject: s.subjectCode ?? s.subject })}`,
      label: `${s.start} – ${s.end} · ${s.groupName} · ${s.subject}`,
    }));
    return renderForm(request, reply, { action: '/homework/lessons', editing: false, values, subjectHint: q.subject, slots });
  });

  /** Saves from a multipart form: rights first, then the stream; on a refusal the form is shown again. */
  async function submit(request: FastifyRequest, reply: FastifyReply, id: string | undefined) {
    const action = id ? `/homework/lessons/${id}/edit` : '/homework/lessons';
    let values: LessonFormValues = { assignments: [] };
    try {
      const saved = await service.saveLessonWithFiles(deps, request.actor, id, async () => {
        const received = await receiveForm(request, {
          maxBytes: app.config.uploadMaxBytes,
          maxFiles: MAX_FILES,
          tooMany: () => new BadRequest('homework.too_many_files', t('homework.error.too_many_files')),
        });
        const form = readLessonForm(received.fields);
        values = form.values;
        const errors = formSchemaErrors(received.fields);
        if (errors) throw new FormSchemaError(errors, received.files);
        if (received.refusal) throw new FormSchemaError({ files: received.refusal.message }, [], received.refusal.statusCode);
        return { input: form.input, files: received.files };
      });
      const done =
        saved.status === 'draft' ? t('homework.lesson.saved') : saved.scheduled ? t('homework.lesson.scheduledDone') : t('homework.lesson.published');
      reply.setFlash(saved.boxes > 0 ? `${done} ${t('homework.box.opened', saved.boxes)}` : done);
      return reply.redirect(`/homework/lessons/${saved.id}`, 303);
    } catch (error) {
      // Reached only once the service let the actor edit this lesson.
      const currentSubject =
        id && (error instanceof FormSchemaError || (error instanceof AppError && error.statusCode === 400))
          ? await reads.lessonSubject(deps, request.actor, id)
          : undefined;
      if (error instanceof FormSchemaError) {
        await discardFiles(app.blobs, error.files);
        return renderForm(request, reply, { action, editing: !!id, values, errors: error.errors, status: error.status, currentSubject });
      }
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return renderForm(request, reply, { action, editing: !!id, values, errors, status: 400, currentSubject });
    }
  }

  app.post(
    '/homework/lessons',
    { config: { personal: true, activity: 'homework.lesson.published' }, schema: { querystring: schema.MultipartQuery }, attachValidation: true },
    async (request, reply) =>
      request.validationError
        ? renderForm(request, reply, {
            action: '/homework/lessons',
            editing: false,
            values: { assignments: [] },
            errors: schemaFieldErrors(request),
            status: 400,
          })
        : submit(request, reply, undefined),
  );

  app.get('/homework/lessons/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const lesson = await reads.editableLessonView(deps, request.actor, request.params.id);
    const values: LessonFormValues = {
      groupId: lesson.groupId,
      subjectId: lesson.subjectId,
      lessonDate: lesson.lessonDate,
      startTime: lesson.startTime ?? '',
      endTime: lesson.endTime ?? '',
      content: htmlToTypedText(lesson.content),
      visibleFrom: lesson.scheduled ? isoToParisLocal(lesson.visibleFrom) : '',
      assignments: lesson.assignments.map((a) => ({
        id: a.id,
        instructions: htmlToTypedText(a.instructions),
        givenOn: a.givenOn,
        dueOn: a.dueOn,
        minutes: a.estimatedMinutes?.toString() ?? '',
        toHandIn: a.toHandIn,
      })),
    };
    return renderForm(request, reply, {
      action: `/homework/lessons/${lesson.id}/edit`,
      editing: true,
      values,
      currentSubject: { id: lesson.subjectId, label: lesson.subject },
    });
  });

  app.post(
    '/homework/lessons/:id/edit',
    { schema: { params: schema.IdParams, querystring: schema.MultipartQuery }, attachValidation: true },
    async (request, reply) => {
      if (!request.validationError) return submit(request, reply, request.params.id);
      // A malformed id names no lesson; a bad query string gets the form back.
      await reads.editableLessonView(deps, request.actor, request.params.id);
      const action = `/homework/lessons/${request.params.id}/edit`;
      return renderForm(request, reply, { action, editing: true, values: { assignments: [] }, errors: schemaFieldErrors(request), status: 400 });
    },
  );

  app.post('/homework/lessons/:id/delete', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    await service.deleteLesson(deps, request.actor, request.params.id);
    reply.setFlash(t('homework.lesson.deleted'));
    return reply.redirect('/homework', 303);
  });

  app.post('/homework/lessons/:id/copy', { schema: { params: schema.IdParams, body: schema.CopyForm }, attachValidation: true }, async (request, reply) => {
    const showAgain = async (errors: FieldErrors) => {
      const { lesson, copyTargets } = await reads.lessonPage(deps, request.actor, request.params.id);
      return reply.page(
        { ...page(), title: t('homework.lesson.title', lesson.subject, lesson.lessonDate), status: 400 },
        h(LessonPage, { lesson, csrf: request.csrfToken, copyTargets, errors }),
      );
    };
    if (request.validationError) return showAgain(schemaFieldErrors(request));
    try {
      const copy = await service.copyLesson(deps, request.actor, request.params.id, request.body.groupId);
      reply.setFlash(t('homework.lesson.copied'));
      return reply.redirect(`/homework/lessons/${copy.id}/edit`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return showAgain(errors);
    }
  });
};

/** The multipart fields broke their schema: the form comes back, the files received go. */
class FormSchemaError extends Error {
  constructor(
    readonly errors: FieldErrors,
    readonly files: StoredFile[],
    readonly status = 400,
  ) {
    super('lesson form fields');
  }
}
