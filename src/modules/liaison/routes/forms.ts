import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors, InvalidInput } from '../../../kernel/http/errors.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as family from '../service/family.js';
import * as notes from '../service/notes.js';
import type { ReplyKind } from '../tables.js';
import { FamilyNoteFormPage, NoteFormPage, type FamilyNoteValues, type NoteFormValues } from '../views/form.js';
import { NotePage, type NotePageErrors } from '../views/note.js';
import { liaisonDeps, schemaFieldErrors } from './deps.js';

/** The page's frame, titled in the language of the request. */
const page = () => ({ title: t('liaison.title'), service: 'liaison' });

/** The form's fields → what to show again and the service's input. */
export function readNoteForm(body: schema.NoteForm | undefined): { values: NoteFormValues; input: notes.NoteInput } {
  const f = body ?? {};
  const studentIds = [f.studentIds ?? []].flat();
  const values: NoteFormValues = {
    groupId: f.groupId,
    audience: f.audience,
    studentIds,
    title: f.title,
    body: f.body,
    requiresSignature: !!f.requiresSignature,
    replyKind: f.replyKind,
    replyQuestion: f.replyQuestion,
    replyOptions: f.replyOptions,
    showToPupils: !!f.showToPupils,
  };
  const input: notes.NoteInput = {
    groupId: f.groupId ?? '',
    studentIds: f.audience === 'chosen' ? studentIds : [],
    title: f.title ?? '',
    body: f.body ?? '',
    requiresSignature: !!f.requiresSignature,
    replyKind: (f.replyKind ?? 'none') as ReplyKind,
    replyQuestion: f.replyQuestion ?? '',
    replyOptions: (f.replyOptions ?? '').split(/\r?\n/),
    showToPupils: !!f.showToPupils,
  };
  return { values, input };
}

/** Only errors of the person's own input come back as a form; a refusal stays a refusal. */
const formErrors = (error: unknown): FieldErrors | null =>
  error instanceof InvalidInput || (error instanceof AppError && error.statusCode === 400) ? fieldErrors(error) : null;

/** Forms of the cahier de liaison: write a note, sign it, record a paper slip, remind, withdraw; parents' notes. */
export const liaisonForms: FastifyPluginAsyncTypebox = async (app) => {
  const deps = liaisonDeps(app);

  async function noteForm(request: FastifyRequest, reply: FastifyReply, values: NoteFormValues, errors?: FieldErrors) {
    const classes = await notes.writableClasses(deps, request.actor);
    return reply.page(
      { ...page(), title: t('liaison.form.title'), status: errors ? 400 : 200 },
      h(NoteFormPage, { csrf: request.csrfToken, classes, values, errors }),
    );
  }

  app.get('/liaison/notes/new', { config: { personal: true }, schema: { querystring: schema.NewNoteQuery } }, async (request, reply) =>
    noteForm(request, reply, { groupId: request.query.groupId, requiresSignature: true }),
  );

  app.post('/liaison/notes', { schema: { body: schema.NoteForm }, attachValidation: true }, async (request, reply) => {
    const { values, input } = readNoteForm(request.body);
    if (request.validationError) return noteForm(request, reply, values, schemaFieldErrors(request));
    try {
      const saved = await notes.createNote(deps, request.actor, input);
      reply.setFlash(t('liaison.note.sent'));
      return reply.redirect(`/liaison/notes/${saved.id}`, 303);
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return noteForm(request, reply, values, errors);
    }
  });

  /** The note page again, with the failed form's messages and what was typed (status 400). */
  async function noteAgain(request: FastifyRequest, reply: FastifyReply, noteId: string, failed: NotePageErrors) {
    const note = await notes.noteDetail(deps, request.actor, noteId);
    return reply.page({ ...page(), title: t('liaison.note.title', note.title), status: 400 }, h(NotePage, { note, csrf: request.csrfToken, failed }));
  }

  for (const [path, form] of [
    ['sign', 'sign'],
    ['paper', 'paper'],
  ] as const) {
    app.post(`/liaison/notes/:id/${path}`, { schema: { params: schema.IdParams, body: schema.SignForm }, attachValidation: true }, async (request, reply) => {
      const studentId = request.body?.studentId ?? '';
      const answer = request.body?.answer ?? '';
      const failed = (errors: FieldErrors) => noteAgain(request, reply, request.params.id, { form, studentId, answer, errors });
      if (request.validationError) {
        // Only someone who may read the note gets it back.
        await notes.noteDetail(deps, request.actor, request.params.id);
        return failed(schemaFieldErrors(request));
      }
      try {
        if (form === 'sign') await notes.signNote(deps, request.actor, request.params.id, { studentId, answer });
        else await notes.recordPaperAnswer(deps, request.actor, request.params.id, { studentId, answer });
      } catch (error) {
        const errors = formErrors(error);
        if (!errors) throw error;
        return failed(errors);
      }
      reply.setFlash(form === 'sign' ? t('liaison.sign.done') : t('liaison.paper.done'));
      return reply.redirect(`/liaison/notes/${request.params.id}`, 303);
    });
  }

  app.post('/liaison/notes/:id/remind', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    try {
      const sent = await notes.remindNote(deps, request.actor, request.params.id);
      reply.setFlash(t('liaison.remind.done', sent.families, formatDateTime(sent.at)));
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return noteAgain(request, reply, request.params.id, { form: 'action', studentId: '', answer: '', errors });
    }
    return reply.redirect(`/liaison/notes/${request.params.id}`, 303);
  });

  app.post('/liaison/notes/:id/withdraw', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    await notes.withdrawNote(deps, request.actor, request.params.id);
    reply.setFlash(t('liaison.withdraw.done'));
    return reply.redirect(`/liaison/notes/${request.params.id}`, 303);
  });

  async function familyForm(request: FastifyRequest, reply: FastifyReply, values: FamilyNoteValues, errors?: FieldErrors) {
    const children = await family.writableChildren(deps, request.actor);
    return reply.page(
      { ...page(), title: t('liaison.family.form'), status: errors ? 400 : 200 },
      h(FamilyNoteFormPage, { csrf: request.csrfToken, children, values, errors }),
    );
  }

  app.get('/liaison/family-notes/new', { config: { personal: true } }, async (request, reply) => familyForm(request, reply, {}));

  app.post('/liaison/family-notes', { schema: { body: schema.FamilyNoteForm }, attachValidation: true }, async (request, reply) => {
    const kind = request.body?.kind ?? 'absence';
    const values: FamilyNoteValues = { studentId: request.body?.studentId, kind, body: request.body?.body };
    if (request.validationError) return familyForm(request, reply, values, schemaFieldErrors(request));
    try {
      await family.createFamilyNote(deps, request.actor, { studentId: values.studentId ?? '', kind, body: values.body ?? '' });
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return familyForm(request, reply, values, errors);
    }
    reply.setFlash(t('liaison.family.sent'));
    return reply.redirect('/liaison', 303);
  });

  app.post('/liaison/family-notes/:id/acknowledge', { schema: { params: schema.IdParams, body: schema.CsrfOnly } }, async (request, reply) => {
    await family.acknowledgeFamilyNote(deps, request.actor, request.params.id);
    reply.setFlash(t('liaison.family.done'));
    return reply.redirect(`/liaison#family-${request.params.id}`, 303);
  });
};
