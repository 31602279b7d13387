import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import * as schema from '../schema.js';
import * as attendance from '../service/attendance.js';
import * as bookings from '../service/bookings.js';
import * as family from '../service/family.js';
import * as setup from '../service/setup.js';
import { timeOf } from '../service/deps.js';
import { canteenDeps } from './deps.js';

const tags = ['canteen'];
const security = [{ session: [] }];
const errors = { ...errorResponses, 409: errorResponses[400] };
const any = (description: string) => Type.Any({ description });

/** JSON API of the municipality's family services under /api/canteen. */
export const canteenApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = canteenDeps(app);

  // ---- the municipality's set-up
  app.get('/schools', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Écoles de la commune de l’agent',
      response: {
        200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), municipalityId: Type.Union([Type.String(), Type.Null()]) })),
        ...errors,
      },
    },
    handler: async (request) => setup.agentSchools(deps, request.actor),
  });
  app.get('/schools/:id/services', {
    schema: { tags, security, summary: 'Services d’une école cette année', params: schema.IdParams, response: { 200: Type.Array(schema.Service), ...errors } },
    handler: async (request) => (await setup.schoolServices(deps, request.actor, request.params.id)).services,
  });
  app.post('/schools/:id/services', {
    schema: {
      tags,
      security,
      summary: 'Ajouter un service à une école',
      params: schema.IdParams,
      body: schema.ServiceBody,
      response: { 201: schema.Service, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await setup.createService(deps, request.actor, request.params.id, request.body)),
  });
  app.put('/services/:id', {
    schema: { tags, security, summary: 'Modifier un service', params: schema.IdParams, body: schema.ServiceBody, response: { 200: schema.Service, ...errors } },
    handler: async (request) => setup.updateService(deps, request.actor, request.params.id, request.body),
  });
  app.get('/municipalities/:id/closures', {
    schema: { tags, security, summary: 'Jours de fermeture de l’année', params: schema.IdParams, response: { 200: Type.Array(schema.Closure), ...errors } },
    handler: async (request) => setup.listClosures(deps, request.actor, request.params.id),
  });
  app.post('/municipalities/:id/closures', {
    schema: {
      tags,
      security,
      summary: 'Ajouter une fermeture (vacances, jour férié, grève)',
      params: schema.IdParams,
      body: schema.ClosureBody,
      response: { 201: schema.Closure, ...errors },
    },
    handler: async (request, reply) => reply.code(201).send(await setup.addClosure(deps, request.actor, request.params.id, request.body)),
  });
  app.get('/municipalities/:id/terms', {
    schema: { tags, security, summary: 'Trimestres de l’année', params: schema.IdParams, response: { 200: Type.Array(schema.Term), ...errors } },
    handler: async (request) => setup.readTerms(deps, request.actor, request.params.id),
  });
  app.put('/municipalities/:id/terms', {
    schema: {
      tags,
      security,
      summary: 'Définir les trimestres de l’année',
      params: schema.IdParams,
      body: schema.TermsBody,
      response: { 200: Type.Array(schema.Term), ...errors },
    },
    handler: async (request) => setup.setTerms(deps, request.actor, request.params.id, request.body.terms),
  });
  app.get('/municipalities/:id/meals', {
    schema: {
      tags,
      security,
      summary: 'Repas à préparer par école et régime (demain par défaut)',
      params: schema.IdParams,
      querystring: schema.DayQuery,
      response: { 200: any('Jour et comptes par école.'), ...errors },
    },
    handler: async (request) => attendance.mealCounts(deps, request.actor, request.params.id, request.query.date),
  });

  // ---- families
  app.get('/children', {
    config: { personal: true },
    schema: { tags, security, summary: 'Mes enfants et leur inscription', response: { 200: any('Enfants.'), ...errors } },
    handler: async (request) => family.familyChildren(deps, request.actor),
  });
  app.get('/children/:id/registration', {
    schema: { tags, security, summary: 'Inscription annuelle d’un enfant', params: schema.IdParams, response: { 200: schema.Registration, ...errors } },
    handler: async (request) => family.readRegistration(deps, request.actor, request.params.id),
  });
  app.put('/children/:id/registration', {
    schema: {
      tags,
      security,
      summary: 'Inscrire un enfant pour l’année',
      params: schema.IdParams,
      body: schema.RegistrationBody,
      response: { 200: schema.Registration, ...errors },
    },
    handler: async (request) => family.saveRegistration(deps, request.actor, request.params.id, { ...request.body, careplan: request.body.careplan ?? null }),
  });
  app.get('/children/:id/calendar', {
    schema: {
      tags,
      security,
      summary: 'Mois de réservations d’un enfant',
      params: schema.IdParams,
      querystring: schema.MonthQuery,
      response: { 200: any('Jours × services, état et délais.'), ...errors },
    },
    handler: async (request) => family.monthCalendar(deps, request.actor, request.params.id, request.query.month ?? timeOf(deps).today.slice(0, 7)),
  });
  app.post('/children/:id/bookings', {
    config: { activity: 'canteen.booking.made' },
    schema: {
      tags,
      security,
      summary: 'Réserver et annuler des jours (tout ou rien)',
      params: schema.IdParams,
      body: schema.ChangeBody,
      response: { 200: schema.ChangeResult, ...errors },
    },
    handler: async (request) => bookings.changeBookings(deps, request.actor, request.params.id, request.body),
  });
  app.post('/children/:id/terms', {
    schema: {
      tags,
      security,
      summary: 'Réserver tout un trimestre',
      params: schema.IdParams,
      body: schema.TermBookingBody,
      response: { 200: schema.TermBookingResult, ...errors },
    },
    handler: async (request) => bookings.bookTerm(deps, request.actor, request.params.id, request.body),
  });
  app.get('/children/:id/history', {
    schema: {
      tags,
      security,
      summary: 'Historique des réservations d’un enfant',
      params: schema.IdParams,
      response: { 200: any('Changements datés.'), ...errors },
    },
    handler: async (request) => family.childHistory(deps, request.actor, request.params.id),
  });

  // ---- agents on site, directors
  app.get('/schools/:id/bookings', {
    schema: {
      tags,
      security,
      summary: 'Réservations d’une école, par jour et service',
      params: schema.IdParams,
      querystring: schema.BookingsQuery,
      response: { 200: any('Réservations.'), ...errors },
    },
    handler: async (request) => attendance.schoolBookings(deps, request.actor, request.params.id, request.query.serviceId, request.query.date),
  });
  app.get('/schools/:id/numbers', {
    schema: {
      tags,
      security,
      summary: 'Chiffres du jour d’une école',
      params: schema.IdParams,
      querystring: schema.DayQuery,
      response: { 200: any('Réservés et présents par service.'), ...errors },
    },
    handler: async (request) => attendance.schoolNumbers(deps, request.actor, request.params.id, request.query.date),
  });
  app.get('/services/:id/attendance', {
    schema: {
      tags,
      security,
      summary: 'Liste du jour d’un service',
      params: schema.IdParams,
      querystring: schema.DayQuery,
      response: { 200: any('Inscrits, liste d’attente, présents sans réservation.'), ...errors },
    },
    handler: async (request) => attendance.dayList(deps, request.actor, request.params.id, request.query.date),
  });
  app.put('/services/:id/attendance', {
    schema: {
      tags,
      security,
      summary: 'Enregistrer l’appel du jour',
      params: schema.IdParams,
      body: schema.AttendanceBody,
      response: { 200: any('Présents, absents, sans réservation.'), ...errors },
    },
    handler: async (request) => attendance.markAttendance(deps, request.actor, request.params.id, request.body),
  });
};
