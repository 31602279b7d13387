import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as menus from '../service/menus.js';
import { canteenDeps } from './deps.js';

const tags = ['canteen'];
const security = [{ session: [] }];

/** JSON API of the menus under /api/canteen: kitchens, days, publication, the families' weeks, EGalim shares. */
export const canteenMenusApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  app.get('/municipalities/:id/kitchens', {
    schema: {
      tags,
      security,
      summary: 'Cuisines de la commune et écoles servies',
      params: schema.IdParams,
      response: { 200: Type.Array(schema.Kitchen), ...errorResponses },
    },
    handler: async (request) => menus.listKitchens(deps, request.actor, request.params.id),
  });
  app.post('/municipalities/:id/kitchens', {
    schema: {
      tags,
      security,
      summary: 'Créer une cuisine (une cuisine centrale peut servir plusieurs écoles)',
      params: schema.IdParams,
      body: schema.KitchenBody,
      response: { 201: schema.Kitchen, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send(await menus.createKitchen(deps, request.actor, request.params.id, request.body)),
  });
  app.get('/kitchens/:id/week', {
    schema: {
      tags,
      security,
      summary: 'Semaine de menus d’une cuisine, brouillons compris',
      params: schema.IdParams,
      querystring: schema.WeekQuery,
      response: { 200: schema.KitchenWeek, ...errorResponses },
    },
    handler: async (request) => menus.kitchenWeek(deps, request.actor, request.params.id, request.query.week),
  });
  app.put('/kitchens/:id/days/:day', {
    schema: {
      tags,
      security,
      summary: 'Écrire le menu d’un jour (plats, allergènes, labels)',
      params: schema.DayParams,
      body: schema.MenuDayBody,
      response: { 200: schema.MenuDay, ...errorResponses },
    },
    handler: async (request) => menus.saveDay(deps, request.actor, request.params.id, request.params.day, request.body),
  });
  app.post('/kitchens/:id/weeks/:week/publish', {
    schema: {
      tags,
      security,
      summary: 'Publier les brouillons de la semaine',
      params: schema.WeekParams,
      response: { 200: schema.PublishResult, ...errorResponses },
    },
    handler: async (request) => menus.publishWeek(deps, request.actor, request.params.id, request.params.week),
  });
  app.post('/kitchens/:id/weeks/:week/copy', {
    schema: {
      tags,
      security,
      summary: 'Copier la semaine précédente en brouillon',
      params: schema.WeekParams,
      response: { 200: schema.CopyResult, ...errorResponses },
    },
    handler: async (request) => menus.copyPreviousWeek(deps, request.actor, request.params.id, request.params.week),
  });
  app.get('/kitchens/:id/egalim', {
    schema: {
      tags,
      security,
      summary: 'Part de produits durables et bio du mois (EGalim)',
      params: schema.IdParams,
      querystring: schema.MonthQuery,
      response: { 200: schema.Egalim, ...errorResponses },
    },
    handler: async (request) => menus.kitchenEgalim(deps, request.actor, request.params.id, request.query.month),
  });
  app.get('/menus', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Menus publiés de la semaine pour les écoles de mes enfants (ou la mienne)',
      querystring: schema.WeekQuery,
      response: { 200: Type.Array(schema.SchoolWeek), ...errorResponses },
    },
    handler: async (request) => menus.myWeeks(deps, request.actor, request.query.week),
  });
  app.get('/schools/:id/menus', {
    schema: {
      tags,
      security,
      summary: 'Menus publiés de la semaine d’une école',
      params: schema.IdParams,
      querystring: schema.WeekQuery,
      response: { 200: schema.SchoolWeek, ...errorResponses },
    },
    handler: async (request) => menus.readSchoolWeek(deps, request.actor, request.params.id, request.query.week),
  });
};
