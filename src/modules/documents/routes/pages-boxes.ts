import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { handInAssignmentsOf } from '../../homework/index.js';
import * as schema from '../schema.js';
import * as boxes from '../service/boxes.js';
import { t } from '../i18n/fr.js';
import { BoxesPage, BoxPage, NewBoxPage, NoBoxPage, type NewBoxValues } from '../views/boxes.js';
import { boxDetail, handInFiles, returnWithFile } from './api-boxes.js';
import { depsOf, formErrors } from './http.js';

const page = { service: 'documents' };
const own = { personal: true };

/** Hand-in box pages under /documents/boxes. */
export const boxPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/documents/boxes', { config: own }, async (request, reply) => {
    const deps = depsOf(request);
    const [items, groups] = await Promise.all([boxes.listBoxes(deps, request.actor), boxes.teachingGroups(deps, request.actor)]);
    return reply.page(
      { ...page, title: t('boxes.title') },
      h(BoxesPage, { items: items.map((b) => ({ ...b, acceptLate: b.acceptLate === 1 })), canOpen: groups.length > 0 }),
    );
  });

  /** The "open a box" form: only for someone who teaches a group this year (else not found). */
  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: NewBoxValues, errors?: Record<string, string>, status = 200) {
    const deps = depsOf(request);
    const groups = await boxes.teachingGroups(deps, request.actor);
    if (groups.length === 0) return reply.callNotFound();
    const assignments = await handInAssignmentsOf(deps.db, request.actor.personId);
    return reply.page({ ...page, title: t('boxes.open'), status }, h(NewBoxPage, { groups, assignments, values, errors, csrf: request.csrfToken }));
  }

  // The agenda links work "to hand in" here: the drop box the teacher opened for it, if the person may see one.
  app.get('/documents/boxes/for-assignment/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const box = await boxes.boxForAssignment(depsOf(request), request.actor, request.params.id);
    if (box) return reply.redirect(`/documents/boxes/${box.id}`, 303);
    return reply.page({ ...page, title: t('boxes.forAssignment.none'), status: 404 }, h(NoBoxPage, null));
  });

  app.get('/documents/boxes/new', { config: own }, async (request, reply) => renderNew(request, reply, { acceptLate: true }));

  app.post('/documents/boxes/new', { schema: { body: schema.NewBoxForm }, attachValidation: true }, async (request, reply) => {
    const b = (request.body ?? {}) as Partial<schema.NewBoxForm>;
    const values = {
      groupId: String(b.groupId ?? ''),
      title: String(b.title ?? ''),
      instructions: String(b.instructions ?? ''),
      dueAt: String(b.dueAt ?? ''),
      acceptLate: b.acceptLate === 'true',
      assignmentId: String(b.assignmentId ?? ''),
    };
    // The group's first option is an empty "Choisir…": nothing is chosen for the teacher.
    const noGroup: Record<string, string> = values.groupId === '' ? { groupId: t('boxes.error.group') } : {};
    if (request.validationError || values.groupId === '') return renderNew(request, reply, values, { ...formErrors(request), ...noGroup }, 400);
    try {
      const box = await boxes.openBox(depsOf(request), request.actor, values);
      reply.setFlash(t('boxes.opened'));
      return reply.redirect(`/documents/boxes/${box.id}`, 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors || (error instanceof AppError && error.statusCode === 404)) throw error;
      return renderNew(request, reply, values, errors, 400);
    }
  });

  async function renderBox(request: FastifyRequest, reply: FastifyReply, id: string, errors?: Record<string, string>, status = 200) {
    const detail = await boxDetail(request, request.actor, id);
    return reply.page({ ...page, title: detail.box.title, status }, h(BoxPage, { ...detail, csrf: request.csrfToken, errors }));
  }

  app.get('/documents/boxes/:id', { schema: { params: schema.IdParams } }, async (request, reply) => renderBox(request, reply, request.params.id));

  app.post(
    '/documents/boxes/:id/hand-in',
    { config: { activity: 'documents.handin.submitted' }, schema: { params: schema.IdParams, querystring: schema.MultipartQuery } },
    async (request, reply) => {
      const id = request.params.id;
      try {
        await handInFiles(request, request.actor, id);
        reply.setFlash(t('boxes.hand_in.done'));
        return reply.redirect(`/documents/boxes/${id}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode === 404) throw error;
        return renderBox(request, reply, id, { files: error.message }, error.statusCode);
      }
    },
  );

  app.post('/documents/hand-ins/:id/return', { schema: { params: schema.IdParams, querystring: schema.MultipartQuery } }, async (request, reply) => {
    const handIn = await boxes.prepareReturn(depsOf(request), request.actor, request.params.id);
    try {
      const { boxId } = await returnWithFile(request, request.actor, request.params.id);
      reply.setFlash(t('boxes.return.done'));
      return reply.redirect(`/documents/boxes/${boxId}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode === 404) throw error;
      return renderBox(request, reply, handIn.boxId, { _form: error.message }, error.statusCode);
    }
  });
};
