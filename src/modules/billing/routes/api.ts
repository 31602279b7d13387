import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { toCsv } from '../../../kernel/csv.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { receiveFiles, sendBlob } from '../../../kernel/storage/http.js';
import * as schema from '../schema.js';
import * as accounts from '../service/accounts.js';
import * as quotients from '../service/quotients.js';
import { runMonth } from '../service/run.js';
import * as tariffs from '../service/tariffs.js';
import * as usage from '../repository/usage.js';
import { billingDeps } from './deps.js';

const tags = ['billing'];
const security = [{ session: [] }];
const errors = { ...errorResponses, 409: errorResponses[400] };

/** JSON API of the municipality's invoices and payments under /api/billing. */
export const billingApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);

  // ---- families
  app.get('/account', {
    config: { personal: true },
    schema: { tags, security, summary: 'Mes factures et mon solde par commune', response: { 200: schema.Account, ...errors } },
    handler: async (request) => accounts.familyAccount(deps, request.actor),
  });
  app.get('/invoices/:id', {
    schema: { tags, security, summary: 'Une facture, ses lignes et ses avoirs', params: schema.IdParams, response: { 200: schema.Invoice, ...errors } },
    handler: async (request) => accounts.readInvoice(deps, request.actor, request.params.id),
  });
  app.post('/municipalities/:id/quotients', {
    schema: {
      tags,
      security,
      summary: 'Déclarer son quotient familial (multipart : champ `quotient`, fichier `proof`)',
      params: schema.IdParams,
      response: { 201: schema.QuotientDeclared, ...errors },
    },
    handler: async (request, reply) => {
      const saved = await quotients.declareQuotient(deps, request.actor, request.params.id, async () => {
        const received = await receiveFiles(request, { maxBytes: deps.uploadMaxBytes, maxFiles: 1 });
        return { quotient: received.fields.quotient ?? '', files: received.files };
      });
      return reply.code(201).send(saved);
    },
  });
  app.get('/municipalities/:id/quotients/mine', {
    schema: {
      tags,
      security,
      summary: 'Mes déclarations de quotient à cette commune',
      params: schema.IdParams,
      response: { 200: Type.Array(schema.FamilyQuotient), ...errors },
    },
    handler: async (request) => quotients.familyQuotients(deps, request.actor, request.params.id),
  });
  app.get('/quotients/:id/proof', {
    schema: { tags, security, summary: 'Le justificatif d’une déclaration de quotient', params: schema.IdParams },
    handler: async (request, reply) => sendBlob(request, reply, { ...(await quotients.quotientProof(deps, request.actor, request.params.id)), inline: true }),
  });

  // ---- the municipality's agents
  app.get('/municipalities', {
    config: { personal: true },
    schema: { tags, security, summary: 'Les communes de l’agent', response: { 200: Type.Array(schema.Municipality), ...errors } },
    handler: async (request) =>
      request.actor.profile === 'municipal'
        ? usage.municipalitiesAmong(
            deps.db,
            request.actor.structures.map((s) => s.id),
          )
        : [],
  });
  app.get('/municipalities/:id/tariffs', {
    schema: {
      tags,
      security,
      summary: 'Services de l’année et leurs tarifs',
      params: schema.IdParams,
      response: { 200: Type.Array(schema.ServiceTariff), ...errors },
    },
    handler: async (request) => tariffs.listTariffs(deps, request.actor, request.params.id),
  });
  app.put('/services/:id/tariff', {
    schema: {
      tags,
      security,
      summary: 'Fixer le tarif d’un service par tranche de quotient familial',
      params: schema.IdParams,
      body: schema.TariffBody,
      response: { 200: schema.Tariff, ...errors },
    },
    handler: async (request) => tariffs.setTariff(deps, request.actor, request.params.id, request.body),
  });
  app.post('/services/:id/justifications', {
    schema: {
      tags,
      security,
      summary: 'Justifier l’absence d’un enfant un jour réservé (non facturé)',
      params: schema.IdParams,
      body: schema.JustificationBody,
      response: { 201: schema.Justification, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await tariffs.justifyAbsence(deps, request.actor, request.params.id, request.body)),
  });
  app.get('/municipalities/:id/quotients', {
    schema: {
      tags,
      security,
      summary: 'Quotients déclarés à valider',
      params: schema.IdParams,
      response: { 200: Type.Array(schema.PendingQuotient), ...errors },
    },
    handler: async (request) => quotients.pendingQuotients(deps, request.actor, request.params.id),
  });
  app.post('/quotients/:id/review', {
    schema: {
      tags,
      security,
      summary: 'Valider ou refuser un quotient déclaré',
      params: schema.IdParams,
      body: schema.ReviewBody,
      response: { 200: schema.Review, ...errors },
    },
    handler: async (request) => quotients.reviewQuotient(deps, request.actor, request.params.id, request.body.decision),
  });
  app.post('/municipalities/:id/runs', {
    schema: {
      tags,
      security,
      summary: 'Facturer un mois terminé (sans effet s’il l’est déjà)',
      params: schema.IdParams,
      body: schema.RunBody,
      response: { 200: schema.RunResult, 201: schema.RunResult, ...errors },
    },
    handler: async (request, reply) => {
      const result = await runMonth(deps, request.actor, request.params.id, request.body.month);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  });
  app.get('/municipalities/:id/runs', {
    schema: { tags, security, summary: 'Les mois facturés', params: schema.IdParams, response: { 200: Type.Array(schema.Run), ...errors } },
    handler: async (request) => accounts.runsOf(deps, request.actor, request.params.id),
  });
  app.get('/municipalities/:id/invoices', {
    schema: {
      tags,
      security,
      summary: 'Les factures de la commune, par numéro',
      params: schema.IdParams,
      querystring: schema.MonthQuery,
      response: { 200: Type.Array(schema.InvoiceSummary), ...errors },
    },
    handler: async (request) => accounts.municipalityInvoices(deps, request.actor, request.params.id, request.query.month ?? null),
  });
  app.post('/invoices/:id/credit-notes', {
    schema: {
      tags,
      security,
      summary: 'Émettre un avoir sur une facture',
      params: schema.IdParams,
      body: schema.CreditNoteBody,
      response: { 201: schema.CreditNoteIssued, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await accounts.issueCreditNote(deps, request.actor, request.params.id, request.body)),
  });
  app.post('/municipalities/:id/payments', {
    schema: {
      tags,
      security,
      summary: 'Enregistrer un paiement reçu au guichet',
      params: schema.IdParams,
      body: schema.PaymentBody,
      response: { 201: schema.Payment, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await accounts.recordPayment(deps, request.actor, request.params.id, request.body)),
  });
  app.get('/municipalities/:id/families/:payerId/balance', {
    schema: { tags, security, summary: 'Le solde d’une famille', params: schema.FamilyParams, response: { 200: schema.Balance, ...errors } },
    handler: async (request) => accounts.familyBalance(deps, request.actor, request.params.id, request.params.payerId),
  });
  app.get('/municipalities/:id/export.csv', {
    schema: {
      tags,
      security,
      summary: 'Factures, avoirs et paiements d’une période pour le comptable public (CSV ; UTF-8 avec BOM)',
      params: schema.IdParams,
      querystring: schema.PeriodQuery,
      response: { 200: Type.String({ description: 'CSV, colonnes décrites dans docs/billing.md.' }), ...errors },
    },
    handler: async (request, reply) => {
      const rows = await accounts.ledgerRows(deps, request.actor, request.params.id, request.query.from, request.query.to);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="facturation-${request.query.from}-${request.query.to}.csv"`)
        .send(toCsv(rows));
    },
  });
};
