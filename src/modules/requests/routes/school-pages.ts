import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { ts } from '../i18n/staff.js';
import * as schema from '../schema.js';
import * as notes from '../service/notes.js';
import * as requests from '../service/requests.js';
import * as school from '../service/school.js';
import { AgentNotes, NoteForm, NotePage, SchoolIndex, SchoolRequestForm, type NoteFormValues, type SchoolFormValues } from '../views/school.js';
import { requestsDeps } from './deps.js';
import { formRefusal, schemaFieldErrors } from './forms.js';

const page = (title: string, status?: number) => ({ title, service: 'requests', status });
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The channel between the municipality and its schools' directors (/mairie). */
export const requestsSchoolPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = requestsDeps(app);

  app.get('/mairie', { config: { personal: true } }, async (request, reply) => {
    if (can(request.actor, 'requests.agent.open', {})) {
      return reply.page(page(ts('requests.agent.notes')), h(AgentNotes, { notes: await notes.listNotes(deps, request.actor) }));
    }
    const schools = await school.directorSchools(deps, request.actor);
    const [noteList, requestList] = await Promise.all([
      notes.listNotes(deps, request.actor),
      requests.listRequests(deps, request.actor, { origin: 'school', limit: 100, offset: 0 }),
    ]);
    return reply.page(page(ts('requests.school.title')), h(SchoolIndex, { notes: noteList, requests: requestList, canFile: schools.length > 0 }));
  });

  async function requestForm(request: FastifyRequest, reply: FastifyReply, values: SchoolFormValues, errors?: FieldErrors, status?: number) {
    const schools = await school.directorSchools(deps, request.actor);
    return reply.page(page(ts('requests.school.formTitle'), status), h(SchoolRequestForm, { schools, values, errors, csrf: request.csrfToken }));
  }

  app.get('/mairie/demandes/nouvelle', { config: { personal: true } }, async (request, reply) => requestForm(request, reply, {}));

  app.post('/mairie/demandes', { config: { personal: true }, schema: { body: schema.SchoolRequestForm }, attachValidation: true }, async (request, reply) => {
    const b = request.body ?? {};
    const values: SchoolFormValues = { structureId: b.structureId, kind: b.kind, title: b.title, details: b.details };
    if (request.validationError) return requestForm(request, reply, values, schemaFieldErrors(request), 400);
    try {
      const saved = await school.fileSchoolRequest(deps, request.actor, {
        structureId: b.structureId || undefined,
        kind: b.kind ?? '',
        title: b.title ?? '',
        details: b.details ?? '',
      });
      reply.setFlash(ts('requests.school.filed'));
      return reply.redirect(`/demarches/${saved.id}`, 303);
    } catch (error) {
      const { errors, status } = formRefusal(error);
      return requestForm(request, reply, values, errors, status);
    }
  });

  async function noteForm(request: FastifyRequest, reply: FastifyReply, values: NoteFormValues, errors?: FieldErrors, status?: number) {
    const { schools } = await notes.noteChoices(deps, request.actor);
    return reply.page(page(ts('requests.note.formTitle'), status), h(NoteForm, { schools, values, errors, csrf: request.csrfToken }));
  }

  app.get('/mairie/notes/nouvelle', { config: { personal: true } }, async (request, reply) => noteForm(request, reply, { schoolIds: [] }));

  app.post('/mairie/notes', { config: { personal: true }, schema: { body: schema.NoteForm }, attachValidation: true }, async (request, reply) => {
    const b = request.body ?? {};
    const values: NoteFormValues = { title: b.title, body: b.body, audience: b.audience, schoolIds: list(b.schoolIds) };
    if (request.validationError) return noteForm(request, reply, values, schemaFieldErrors(request), 400);
    try {
      const saved = await notes.writeNote(deps, request.actor, {
        title: b.title ?? '',
        body: b.body ?? '',
        allSchools: b.audience !== 'chosen',
        schoolIds: values.schoolIds,
      });
      reply.setFlash(ts('requests.note.sent'));
      return reply.redirect(`/mairie/notes/${saved.id}`, 303);
    } catch (error) {
      const { errors, status } = formRefusal(error);
      return noteForm(request, reply, values, errors, status);
    }
  });

  app.get('/mairie/notes/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const note = await notes.readNote(deps, request.actor, request.params.id);
    return reply.page(page(note.title), h(NotePage, { note, agent: can(request.actor, 'requests.agent.open', {}) }));
  });
};
