import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { t } from '../i18n/fr.js';
import { StructureForm } from '../schema.js';
import { switchStructure } from '../service.js';
import { accountsDeps } from './forms.js';

/** The layout's structure switcher: the session works in one of the person's structures. */
export const structureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);

  app.post('/account/structure', { schema: { body: StructureForm } }, async (request, reply) => {
    const structure = await switchStructure(deps, request.actor, request.session, request.body.structureId);
    reply.setFlash(t('accounts.structure.switched', structure.name));
    return reply.redirect('/', 303);
  });
};
