import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { Created, Done, IdParams } from '../schema.js';
import * as schema from '../schema-loans.js';
import type { Deps } from '../service/deps.js';
import { acknowledge, lend, loanPage, myLoans, returnLoan, schoolLoans } from '../service/loans.js';

const tags = ['equipment'];

/** Loans of devices to pupils' families, under /api/equipment. */
export const loansApi: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/schools/:id/loans',
    {
      schema: {
        summary: 'Les prêts aux familles d’une école (direction, collectivité)',
        tags,
        params: IdParams,
        querystring: schema.LoansQuery,
        response: { 200: schema.LoanList, ...errorResponses },
      },
    },
    async (request) => {
      const { items, total } = await schoolLoans(deps, request.actor, request.params.id, request.query);
      return { items, total };
    },
  );

  app.post(
    '/schools/:id/loans',
    {
      schema: {
        summary: 'Prêter un équipement en service à la famille d’un élève (direction, collectivité)',
        description:
          'Refusé (400, champ nommé) : équipement d’une autre école, pas en service ou classe mobile (`assetId`), élève d’une autre école (`pupilId`), retour avant le début (`dueOn`), conditions vides (`conditions`).',
        tags,
        params: IdParams,
        body: schema.LoanBody,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await lend(deps, request.actor, request.params.id, request.body)),
  );

  app.get(
    '/loans/mine',
    {
      config: { personal: true },
      schema: { summary: 'Les prêts aux enfants de la personne (parents)', tags, response: { 200: schema.FamilyLoanList, ...errorResponses } },
    },
    async (request) => myLoans(deps, request.actor),
  );

  app.get(
    '/loans/:id',
    { schema: { summary: 'Un prêt (ses prêteurs, les parents de l’élève)', tags, params: IdParams, response: { 200: schema.LoanOut, ...errorResponses } } },
    async (request) => (await loanPage(deps, request.actor, request.params.id)).loan,
  );

  app.post(
    '/loans/:id/acknowledge',
    {
      schema: {
        summary: 'Reconnaître le prêt (un parent de l’élève), daté et signé de son nom',
        tags,
        params: IdParams,
        response: { 200: Done, ...errorResponses },
      },
    },
    async (request) => {
      await acknowledge(deps, request.actor, request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/loans/:id/return',
    {
      schema: {
        summary: 'Enregistrer le retour et l’état du matériel (direction, collectivité)',
        description: 'good : remis en service ; damaged : en panne ; lost : réformé. Un prêt déjà rendu : 400 (`loan`).',
        tags,
        params: IdParams,
        body: schema.ReturnBody,
        response: { 200: Done, ...errorResponses },
      },
    },
    async (request) => {
      await returnLoan(deps, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );
};
