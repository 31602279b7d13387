import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Value } from '@sinclair/typebox/value';
import type { Actor } from '../../../kernel/authz/index.js';
import { currentSlot } from '../../timetable/index.js';
import { h } from 'preact';
import { AppError, BadRequest, fieldErrors } from '../../../kernel/http/errors.js';
import { receiveForm, type StoredFile } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { parisNow } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { pupilRecord, submitJustification } from '../service/pupils.js';
import { rollCallView, saveRollCall, type MarkInput, type SlotInput } from '../service/roll-call.js';
import { PupilPage } from '../views/pupil.js';
import { RollCallPage } from '../views/roll-call.js';
import { attendanceDeps, schemaFieldErrors } from './deps.js';

const page = () => ({ title: t('attendance.title'), service: 'attendance' });

/** `s.<id>` and `m.<id>` fields → the marks, minutes kept as typed so a wrong value is named, not dropped. */
function readMarks(body: Record<string, string | undefined>): { marks: MarkInput[]; typed: Map<string, { status: string; minutes: string }> } {
  const typed = new Map<string, { status: string; minutes: string }>();
  const marks: MarkInput[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('s.') || value === undefined) continue;
    const studentId = key.slice(2);
    const minutes = (body[`m.${studentId}`] ?? '').trim();
    typed.set(studentId, { status: value, minutes });
    if (value !== 'absent' && value !== 'late') continue;
    const lateMinutes = value === 'late' ? (/^-?\d{1,6}$/.test(minutes) ? Number(minutes) : null) : null;
    marks.push({ studentId, status: value, lateMinutes });
  }
  return { marks, typed };
}

const slotOf = (body: Record<string, string | undefined>): SlotInput => ({
  date: body.date || undefined,
  halfDay: body.halfDay === 'am' || body.halfDay === 'pm' ? body.halfDay : undefined,
  start: body.start || undefined,
  end: body.end || undefined,
  slotId: body.slotId || undefined,
});

/** The roll call (GET and POST, a plain form) and the parent's justification form (multipart, with a document). */
export const attendanceRollCallPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = attendanceDeps(app);

  /**
   * With no slot asked for, the roll call opens on the lesson the teacher is giving in this group
   * now, from the timetable; otherwise on today's half-day as before.
   */
  const withCurrentSlot = async (actor: Actor, groupId: string, query: SlotInput): Promise<SlotInput> => {
    if (query.date || query.halfDay || query.start || query.slotId || actor.profile !== 'teacher') return query;
    const slot = await currentSlot(deps.db, actor.personId, deps.clock.now());
    return slot && slot.groupId === groupId ? { date: slot.date, start: slot.start, end: slot.end, slotId: slot.slotId } : query;
  };

  app.get('/attendance/groups/:id/call', { schema: { params: schema.IdParams, querystring: schema.SlotQuery } }, async (request, reply) => {
    const view = await rollCallView(deps, request.actor, request.params.id, await withCurrentSlot(request.actor, request.params.id, request.query));
    return reply.page({ ...page(), title: t('attendance.call.title', view.group.name) }, h(RollCallPage, { ...view, csrf: request.csrfToken }));
  });

  app.post(
    '/attendance/groups/:id/call',
    { schema: { params: schema.IdParams, body: schema.RollCallForm }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const slot = slotOf(body);
      const { marks, typed } = readMarks(body);
      const showAgain = async (errors: FieldErrors) => {
        // Shown for the slot typed when it is valid, else for today's half-day.
        const view = await rollCallView(deps, request.actor, request.params.id, errors.date || errors.start || errors.end ? {} : slot);
        const pupils = view.pupils.map((p) => {
          const got = typed.get(p.id);
          return got ? { ...p, status: got.status, minutesTyped: got.minutes } : p;
        });
        return reply.page(
          { ...page(), title: t('attendance.call.title', view.group.name), status: 400 },
          h(RollCallPage, { ...view, pupils, csrf: request.csrfToken, errors }),
        );
      };
      if (request.validationError) return showAgain(schemaFieldErrors(request));
      try {
        const saved = await saveRollCall(deps, request.actor, request.params.id, { ...slot, marks });
        reply.setFlash(t('attendance.call.saved', saved.absent, saved.late));
        return reply.redirect('/attendance', 303);
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
        if (!errors) throw error;
        // The service names `marks.N.field`; the form names each pupil's row.
        const named: FieldErrors = {};
        for (const [field, message] of Object.entries(errors)) {
          const m = /^marks\.(\d+)\.(\w+)$/.exec(field);
          const mark = m ? marks[Number(m[1])] : undefined;
          named[mark && typed.has(mark.studentId) ? `m.${mark.studentId}` : m ? '_form' : field] = message;
        }
        return showAgain(named);
      }
    },
  );

  app.post('/attendance/pupils/:id/justifications', { schema: { params: schema.IdParams, querystring: schema.MultipartQuery } }, async (request, reply) => {
    let typed: Record<string, string> = {};
    try {
      await submitJustification(deps, request.actor, request.params.id, async () => {
        const received = await receiveForm(request, {
          maxBytes: app.config.uploadMaxBytes,
          maxFiles: 1,
          tooMany: () => new BadRequest('attendance.too_many_files', t('attendance.error.tooManyFiles')),
        });
        typed = received.fields;
        const problems = [...Value.Errors(schema.JustificationFields, received.fields)];
        if (problems.length > 0 || received.refusal)
          throw new FormRefusal(
            received.files,
            received.refusal?.message,
            problems.map((p) => p.path.slice(1)),
          );
        const f = received.fields;
        return { input: { from: f.from ?? '', to: f.to ?? '', reason: f.reason ?? '', comment: f.comment }, files: received.files };
      });
    } catch (error) {
      const errors = error instanceof FormRefusal ? error.fieldErrors() : error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      if (error instanceof FormRefusal) await Promise.all(error.files.map((f) => app.blobs.delete(f.key).catch(() => undefined)));
      const record = await pupilRecord(deps, request.actor, request.params.id);
      return reply.page(
        { ...page(), title: t('attendance.pupil.title', record.pupil.name), status: 400 },
        h(PupilPage, {
          record,
          csrf: request.csrfToken,
          canReview: record.canReview,
          canAnnounce: record.canAnnounce,
          today: parisNow(deps.clock.now()).date,
          errors,
          form: 'justify',
          typed,
        }),
      );
    }
    reply.setFlash(t('attendance.justify.sent'));
    return reply.redirect(`/attendance/pupils/${request.params.id}`, 303);
  });
};

/** The multipart form broke its schema or its file was refused: the form comes back, the files go. */
class FormRefusal extends Error {
  constructor(
    readonly files: StoredFile[],
    readonly fileMessage: string | undefined,
    readonly fields: string[],
  ) {
    super('justification form');
  }
  fieldErrors(): FieldErrors {
    const errors: FieldErrors = Object.fromEntries(this.fields.map((f) => [f || '_form', t('attendance.error.field')]));
    if (this.fileMessage) errors.document = this.fileMessage;
    return errors;
  }
}
