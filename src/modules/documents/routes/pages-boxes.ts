import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import * as boxes from '../boxes.js';
import { handInWindow } from '../policy.js';
import { t } from '../i18n/fr.js';
import { BoxesPage, BoxPage, NewBoxPage, NoBoxPage, type NewBoxValues } from '../views/boxes.js';
import { boxDetail, handInFiles, returnWithFile } from './api-boxes.js';
import { handInAssignmentsOf } from '../../homework/index.js';

type Form = Record<string, string | undefined>;
type IdReq = FastifyRequest<{ Params: { id: string }; Body: Form }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = { service: 'documents' };

function uuid(value: string): string {
  if (!UUID.test(value)) throw new NotFound();
  return value;
}

/** Hand-in box pages under /documents/boxes. */
export const boxPages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  app.addHook('preHandler', requireUser);

  app.get('/documents/boxes', async (request, reply) => {
    const actor = request.actor!;
    const [items, groups] = await Promise.all([boxes.listBoxes(db, actor), boxes.teachingGroups(db, actor)]);
    return reply.page(
      { ...page, title: t('boxes.title') },
      h(BoxesPage, { items: items.map((b) => ({ ...b, acceptLate: b.acceptLate === 1 })), canOpen: groups.length > 0 }),
    );
  });

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: NewBoxValues, errors?: Record<string, string>, status = 200) {
    const groups = await boxes.teachingGroups(db, request.actor!);
    if (groups.length === 0) throw new NotFound();
    const assignments = await handInAssignmentsOf(db, request.actor!.personId);
    return reply.page({ ...page, title: t('boxes.open'), status }, h(NewBoxPage, { groups, assignments, values, errors, csrf: request.csrfToken }));
  }

  // The agenda links work "to hand in" here: the drop box the teacher opened for it, if the person may see one.
  app.get('/documents/boxes/for-assignment/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const box = (await boxes.listBoxes(db, request.actor!)).find((b) => b.assignmentId === request.params.id);
    if (box) return reply.redirect(`/documents/boxes/${box.id}`, 303);
    return reply.page({ ...page, title: t('boxes.forAssignment.none'), status: 404 }, h(NoBoxPage, null));
  });

  app.get('/documents/boxes/new', async (request, reply) => renderNew(request, reply, { acceptLate: true }));

  app.post('/documents/boxes/new', async (request: IdReq, reply) => {
    const b = request.body ?? {};
    const values = {
      groupId: b.groupId,
      title: b.title,
      instructions: b.instructions,
      dueAt: b.dueAt,
      acceptLate: b.acceptLate === 'true',
      assignmentId: b.assignmentId,
    };
    try {
      const box = await boxes.openBox(db, request.actor!, values);
      reply.setFlash(t('boxes.opened'));
      return reply.redirect(`/documents/boxes/${box.id}`, 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors) throw error;
      return renderNew(request, reply, values, errors, 400);
    }
  });

  async function renderBox(request: FastifyRequest, reply: FastifyReply, id: string, errors?: Record<string, string>, status = 200) {
    const detail = await boxDetail(request, request.actor!, id);
    const line = detail.lines[0];
    const open =
      detail.role === 'student' &&
      handInWindow({ dueAt: detail.box.dueAt, acceptLate: detail.box.acceptLate ? 1 : 0 }, !!line?.submittedAt, new Date()) !== 'closed';
    return reply.page({ ...page, title: detail.box.title, status }, h(BoxPage, { ...detail, open, csrf: request.csrfToken, errors }));
  }

  app.get('/documents/boxes/:id', async (request: IdReq, reply) => renderBox(request, reply, uuid(request.params.id)));

  app.post('/documents/boxes/:id/hand-in', async (request: IdReq, reply) => {
    const id = uuid(request.params.id);
    try {
      await handInFiles(request, request.actor!, id);
      reply.setFlash(t('boxes.hand_in.done'));
      return reply.redirect(`/documents/boxes/${id}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode === 404) throw error;
      return renderBox(request, reply, id, { files: error.message }, error.statusCode);
    }
  });

  app.post('/documents/hand-ins/:id/return', async (request: IdReq, reply) => {
    const id = uuid(request.params.id);
    const handIn = await db.selectFrom('handIns').select('boxId').where('id', '=', id).executeTakeFirst();
    if (!handIn) throw new NotFound();
    try {
      await returnWithFile(request, request.actor!, id);
      reply.setFlash(t('boxes.return.done'));
      return reply.redirect(`/documents/boxes/${handIn.boxId}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode === 404) throw error;
      return renderBox(request, reply, handIn.boxId, { _form: error.message }, error.statusCode);
    }
  });
};
