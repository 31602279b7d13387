import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { listFamilyNotes } from '../service/family.js';
import { followedNote, listNotes, noteDetail } from '../service/notes.js';
import { LiaisonIndex } from '../views/index.js';
import { NotePage } from '../views/note.js';
import { PrintList, Slips } from '../views/print.js';
import { liaisonDeps } from './deps.js';

/** The page's frame, titled in the language of the request. */
const page = () => ({ title: t('liaison.title'), service: 'liaison' });

/** Reading pages: the cahier de liaison, a note, its printed list and its paper slips. */
export const liaisonPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = liaisonDeps(app);

  app.get('/liaison', { config: { personal: true }, schema: { querystring: schema.ListQuery } }, async (request, reply) => {
    const range = { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 };
    const [notes, familyNotes] = await Promise.all([listNotes(deps, request.actor, range), listFamilyNotes(deps, request.actor, range)]);
    return reply.page(page(), h(LiaisonIndex, { actor: request.actor, csrf: request.csrfToken, notes, familyNotes }));
  });

  app.get('/liaison/notes/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const note = await noteDetail(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: t('liaison.note.title', note.title) }, h(NotePage, { note, csrf: request.csrfToken }));
  });

  app.get('/liaison/notes/:id/print', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const note = await followedNote(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: t('liaison.print.title', note.title) }, h(PrintList, { note }));
  });

  app.get('/liaison/notes/:id/slips', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const note = await followedNote(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: t('liaison.slips.title', note.title) }, h(Slips, { note }));
  });
};
