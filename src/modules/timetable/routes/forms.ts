import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { displayName } from '../../directory/index.js';
import { isolate, sortByDisplay } from '../../../kernel/i18n/index.js';
import { AppError, fieldErrors, InvalidInput } from '../../../kernel/http/errors.js';
import { Value } from '@sinclair/typebox/value';
import { receiveForm } from '../../../kernel/storage/http.js';
import { mondayOf } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import * as schema from '../schema.js';
import { recordChange, removeChange, type ChangeInput } from '../service/changes.js';
import { importCsv, importIcal, type LineProblem } from '../service/imports.js';
import { addRoom, removeRoom, saveAWeeks, schoolSettings } from '../service/school.js';
import { createSlot, deleteSlot, slotForStaff, updateSlot, type SlotInput } from '../service/slots.js';
import type { ChangeKind, WeekPattern } from '../tables.js';
import { occurrencesIn } from '../service/weeks.js';
import { ChangePage, ManagePage, type ManageProps, type Values } from '../views/manage.js';
import { SlotEditPage } from '../views/slot.js';
import { statusText } from '../views/week.js';
import { blank, schemaFieldErrors, timetableDeps } from './deps.js';

/** The page's frame, its title in the request's language. */
const page = () => ({ title: t('timetable.manage.title'), service: 'timetable' });
/** An uploaded timetable file: a school's year in CSV or one class's iCalendar is far below this. */
const IMPORT_MAX_BYTES = 1024 * 1024;

/** A 400 from a service (or the schema) → field messages; anything else goes on. */
/** A slot form's text fields as the service takes them. */
const slotInput = (values: Values): SlotInput => ({
  groupId: values.groupId ?? '',
  teacherId: values.teacherId ?? '',
  roomId: blank(values.roomId),
  subject: blank(values.subject),
  subjectCode: blank(values.subjectCode),
  dayOfWeek: /^[1-6]$/.test(values.dayOfWeek ?? '') ? Number(values.dayOfWeek) : 0,
  startTime: values.startTime ?? '',
  endTime: values.endTime ?? '',
  weeks: (values.weeks || 'all') as WeekPattern,
  validFrom: blank(values.validFrom),
  validTo: blank(values.validTo),
});

const formErrors = (error: unknown) => (error instanceof AppError && error.statusCode < 500 && error.statusCode !== 404 ? fieldErrors(error) : null);

/** The staff's forms: slots, changes, rooms, the A/B calendar, imports. Each re-renders with what was typed on a 400. */
export const timetableForms: FastifyPluginAsyncTypebox = async (app) => {
  const deps = timetableDeps(app);

  async function renderManage(request: FastifyRequest, reply: FastifyReply, extra: Partial<ManageProps> = {}, status?: number) {
    const s = await schoolSettings(deps, request.actor);
    const props: ManageProps = {
      csrf: request.csrfToken,
      groups: sortByDisplay(s.groups, (g) => g.name).map((g) => ({ id: g.id, name: g.name })),
      teachers: sortByDisplay(
        s.teachers.map((p) => ({ id: p.id, name: displayName(p) })),
        (p) => p.name,
      ),
      rooms: s.rooms,
      subjects: s.subjects,
      aWeeks: s.aWeeks,
      ...extra,
    };
    return reply.page({ ...page(), status }, h(ManagePage, props));
  }

  app.get('/timetable/manage', async (request, reply) => renderManage(request, reply));

  app.post('/timetable/slots', { schema: { body: schema.SlotForm }, attachValidation: true }, async (request, reply) => {
    const values = (request.body ?? {}) as Values;
    if (request.validationError) return renderManage(request, reply, { slot: { values, errors: schemaFieldErrors(request) } }, 400);
    try {
      const slot = await createSlot(deps, request.actor, slotInput(values));
      reply.setFlash(t('timetable.slot.saved'));
      return reply.redirect(`/timetable/groups/${slot.groupId}`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderManage(request, reply, { slot: { values, errors } }, 400);
    }
  });

  async function renderSlotEdit(request: FastifyRequest, reply: FastifyReply, slotId: string, values?: Values, errors?: Record<string, string>) {
    const slot = await slotForStaff(deps, request.actor, slotId);
    const s = await schoolSettings(deps, request.actor);
    const shown: Values = values ?? {
      groupId: slot.groupId,
      teacherId: slot.teacherId,
      roomId: slot.roomId ?? '',
      subject: slot.subject,
      subjectCode: slot.subjectCode ?? '',
      dayOfWeek: String(slot.dayOfWeek),
      startTime: slot.startTime,
      endTime: slot.endTime,
      weeks: slot.weeks,
      validFrom: slot.validFrom,
      validTo: slot.validTo,
    };
    return reply.page(
      { ...page(), title: t('timetable.slot.editTitle', isolate(slot.subject)), status: errors ? 400 : undefined },
      h(SlotEditPage, {
        csrf: request.csrfToken,
        slotId: slot.id,
        title: slot.subject,
        values: shown,
        errors,
        groups: sortByDisplay(s.groups, (g) => g.name).map((g) => ({ id: g.id, name: g.name })),
        teachers: sortByDisplay(
          s.teachers.map((p) => ({ id: p.id, name: displayName(p) })),
          (p) => p.name,
        ),
        rooms: s.rooms,
        subjects: s.subjects,
        back: `/timetable/groups/${slot.groupId}`,
      }),
    );
  }

  app.get('/timetable/slots/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => renderSlotEdit(request, reply, request.params.id));

  app.post('/timetable/slots/:id/edit', { schema: { params: schema.IdParams, body: schema.SlotForm }, attachValidation: true }, async (request, reply) => {
    // Rights first: only the school's staff see the form again, whatever was typed.
    const slot = await slotForStaff(deps, request.actor, request.params.id);
    const values = (request.body ?? {}) as Values;
    if (request.validationError) return renderSlotEdit(request, reply, slot.id, values, schemaFieldErrors(request));
    try {
      const saved = await updateSlot(deps, request.actor, slot.id, slotInput(values));
      reply.setFlash(t('timetable.slot.updated'));
      return reply.redirect(`/timetable/groups/${saved.groupId}`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderSlotEdit(request, reply, slot.id, values, errors);
    }
  });

  app.post('/timetable/slots/:id/delete', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    const slot = await slotForStaff(deps, request.actor, request.params.id);
    await deleteSlot(deps, request.actor, slot.id);
    reply.setFlash(t('timetable.slot.deleted'));
    return reply.redirect(`/timetable/groups/${slot.groupId}`, 303);
  });

  async function renderChange(
    request: FastifyRequest,
    reply: FastifyReply,
    slotId: string,
    date: string,
    values: Values,
    errors?: Record<string, string>,
    status?: number,
  ) {
    const slot = await slotForStaff(deps, request.actor, slotId);
    const [group, teachers, rooms, found] = await Promise.all([
      repo.findGroup(deps.db, slot.groupId),
      repo.teachersOfSchool(deps.db, slot.structureId),
      repo.roomsOf(deps.db, slot.structureId),
      occurrencesIn(deps.db, { groupId: slot.groupId }, date, date),
    ]);
    const occurrence = found.find((o) => o.slotId === slot.id && o.originalDate === date && o.changeId);
    return reply.page(
      { ...page(), title: t('timetable.change.title', isolate(slot.subject), date), status },
      h(ChangePage, {
        csrf: request.csrfToken,
        slot: { id: slot.id, subject: slot.subject, groupName: group?.name ?? '', startTime: slot.startTime, endTime: slot.endTime },
        date,
        teachers: sortByDisplay(
          teachers.filter((p) => p.id !== slot.teacherId).map((p) => ({ id: p.id, name: displayName(p) })),
          (p) => p.name,
        ),
        rooms,
        existing: occurrence?.changeId ? { id: occurrence.changeId, text: statusText(occurrence) ?? '' } : null,
        values,
        errors,
        back: `/timetable/groups/${slot.groupId}?week=${mondayOf(date)}`,
      }),
    );
  }

  app.get('/timetable/slots/:id/change', { schema: { params: schema.IdParams, querystring: schema.ChangeFormQuery } }, async (request, reply) => {
    const slot = await slotForStaff(deps, request.actor, request.params.id);
    return renderChange(request, reply, slot.id, request.query.date ?? slot.validFrom, {});
  });

  app.post('/timetable/slots/:id/change', { schema: { params: schema.IdParams, body: schema.ChangeForm }, attachValidation: true }, async (request, reply) => {
    const values = (request.body ?? {}) as Values;
    const slot = await slotForStaff(deps, request.actor, request.params.id);
    const date = /^\d{4}-\d{2}-\d{2}$/.test(values.date ?? '') ? values.date! : slot.validFrom;
    if (request.validationError) return renderChange(request, reply, slot.id, date, values, schemaFieldErrors(request), 400);
    const input: ChangeInput = {
      date: values.date ?? '',
      kind: (['cancelled', 'moved', 'teacher', 'room'].includes(values.kind ?? '') ? values.kind : 'cancelled') as ChangeKind,
      newDate: blank(values.newDate),
      newStart: blank(values.newStart),
      newEnd: blank(values.newEnd),
      newTeacherId: blank(values.newTeacherId),
      newRoomId: blank(values.newRoomId),
      note: blank(values.note),
    };
    try {
      await recordChange(deps, request.actor, slot.id, input);
      reply.setFlash(t('timetable.change.saved'));
      return reply.redirect(`/timetable/groups/${slot.groupId}?week=${mondayOf(input.date)}`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderChange(request, reply, slot.id, date, values, errors, 400);
    }
  });

  app.post('/timetable/changes/:id/delete', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    const { slotId, date } = await removeChange(deps, request.actor, request.params.id);
    const slot = await repo.findSlot(deps.db, slotId);
    reply.setFlash(t('timetable.change.removed'));
    return reply.redirect(`/timetable/groups/${slot?.groupId ?? ''}?week=${mondayOf(date)}`, 303);
  });

  app.post('/timetable/rooms', { schema: { body: schema.RoomForm }, attachValidation: true }, async (request, reply) => {
    const values = (request.body ?? {}) as Values;
    if (request.validationError) return renderManage(request, reply, { room: { values, errors: schemaFieldErrors(request) } }, 400);
    try {
      await addRoom(deps, request.actor, values.name ?? '');
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderManage(request, reply, { room: { values, errors } }, 400);
    }
    reply.setFlash(t('timetable.rooms.added'));
    return reply.redirect('/timetable/manage', 303);
  });

  app.post('/timetable/rooms/:id/delete', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    try {
      await removeRoom(deps, request.actor, request.params.id);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderManage(request, reply, { room: { values: {}, errors: { name: t('timetable.error.roomInUse') } } }, 409);
    }
    reply.setFlash(t('timetable.rooms.deleted'));
    return reply.redirect('/timetable/manage', 303);
  });

  app.post('/timetable/settings', { schema: { body: schema.SettingsForm }, attachValidation: true }, async (request, reply) => {
    const values = (request.body ?? {}) as Values;
    if (request.validationError) return renderManage(request, reply, { settings: { values, errors: schemaFieldErrors(request) } }, 400);
    try {
      await saveAWeeks(deps, request.actor, values.pattern === 'odd' || values.pattern === 'even' ? values.pattern : (values.aWeeks ?? ''));
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderManage(request, reply, { settings: { values, errors } }, 400);
    }
    reply.setFlash(t('timetable.settings.saved'));
    return reply.redirect('/timetable/manage', 303);
  });

  /** Runs a pasted or uploaded import, all or nothing; on a refusal the form comes back with the bad lines. */
  async function runImport(request: FastifyRequest, reply: FastifyReply, values: Values, content: string) {
    try {
      const replace = values.replace === 'on';
      const result =
        values.format === 'ical'
          ? await importIcal(deps, request.actor, {
              content,
              groupId: blank(values.groupId) ?? undefined,
              teacherId: blank(values.teacherId) ?? undefined,
              replace,
            })
          : await importCsv(deps, request.actor, { content, replace });
      reply.setFlash(t('timetable.import.done', result.imported));
      return reply.redirect('/timetable/school', 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      const lines = error instanceof InvalidInput ? (error.problems as LineProblem[]).filter((p) => typeof p.line === 'number') : [];
      return renderManage(request, reply, { importing: { values, errors: lines.length > 0 ? { content: t('timetable.import.failed') } : errors, lines } }, 400);
    }
  }

  app.post('/timetable/import', { schema: { body: schema.ImportForm }, attachValidation: true }, async (request, reply) => {
    const values = (request.body ?? {}) as Values;
    if (request.validationError) return renderManage(request, reply, { importing: { values, errors: schemaFieldErrors(request) } }, 400);
    return runImport(request, reply, values, values.content ?? '');
  });

  app.post('/timetable/import/file', { schema: { querystring: schema.ImportFileQuery } }, async (request, reply) => {
    // Rights first: nobody else's upload is read, let alone stored.
    await schoolSettings(deps, request.actor);
    const received = await receiveForm(request, { maxBytes: IMPORT_MAX_BYTES, maxFiles: 1 });
    const file = received.files[0];
    let uploaded: string | null = null;
    if (file) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await app.blobs.get(file.key)) chunks.push(chunk as Buffer);
        uploaded = Buffer.concat(chunks).toString('utf8');
      } finally {
        // The file is read, never kept.
        await app.blobs.delete(file.key);
      }
    }
    const values: Values = { ...received.fields, content: received.fields.content ?? '' };
    const problems = [...Value.Errors(schema.ImportForm, values)];
    if (received.refusal) return renderManage(request, reply, { importing: { values, errors: { file: received.refusal.message } } }, 400);
    if (problems.length > 0) {
      const errors = Object.fromEntries(problems.map((p) => [p.path.slice(1) || '_form', t('timetable.error.field')]));
      return renderManage(request, reply, { importing: { values, errors } }, 400);
    }
    const content = uploaded ?? values.content ?? '';
    if (!content.trim()) return renderManage(request, reply, { importing: { values, errors: { file: t('timetable.import.nothing') } } }, 400);
    return runImport(request, reply, values, content);
  });
};
