import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { setSessionStructure } from '../../../kernel/auth/sessions.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { StructureForm } from '../schema.js';

/** The layout's structure switcher: the session works in one of the person's structures. */
export const structureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/account/structure', { schema: { body: StructureForm }, preHandler: requireUser }, async (request, reply) => {
    const actor = request.actor!;
    // The instance administrator may work in any structure, member or not.
    const structure =
      actor.structures.find((s) => s.id === request.body.structureId) ??
      (actor.isSuperAdmin
        ? await app.db.selectFrom('structures').select(['id', 'name']).where('id', '=', request.body.structureId).executeTakeFirst()
        : undefined);
    if (!structure || !request.session) throw new BadRequest('account.structure_invalid', t('accounts.structure.invalid'));
    await setSessionStructure(app.db, request.session.id, structure.id);
    reply.setFlash(t('accounts.structure.switched', structure.name));
    return reply.redirect('/', 303);
  });
};
