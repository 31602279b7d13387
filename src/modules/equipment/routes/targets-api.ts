import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { Done, IdParams } from '../schema.js';
import { TargetsBody, TargetsOut } from '../schema-targets.js';
import type { Targets } from '../settings-tables.js';
import type { Deps } from '../service/deps.js';
import { readTargets, saveTargets } from '../service/targets.js';

const tags = ['equipment'];

/** The municipality's renewal ages and resolution targets, under /api/equipment. */
export const targetsApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/municipalities/:id/targets',
    {
      schema: {
        summary: 'Âges de renouvellement et délais de résolution de la collectivité (ses agents)',
        tags,
        params: IdParams,
        response: { 200: TargetsOut, ...errorResponses },
      },
    },
    async (request) => {
      const { targets, isDefault } = await readTargets(deps, request.actor, request.params.id);
      return { ...targets, isDefault };
    },
  );

  app.put(
    '/municipalities/:id/targets',
    {
      schema: {
        summary: 'Changer les âges de renouvellement et les délais de résolution (ses agents)',
        description: 'Toutes les catégories ; une valeur hors bornes : 400, champ nommé (`ages.laptop`, `resolutionDays.room`), rien n’est enregistré.',
        tags,
        params: IdParams,
        body: TargetsBody,
        response: { 200: Done, ...errorResponses },
      },
    },
    async (request) => {
      await saveTargets(deps, request.actor, request.params.id, request.body as unknown as Targets);
      return { ok: true };
    },
  );
};
