import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { AppError, InvalidInput, Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { ActivateBody, CharterBody, CharterResponse, ErrorResponse, LoginBody, MeResponse, SessionResponse } from '../schema.js';
import { acceptCharter, activate, checkActivationCode, checkNewPassword, logIn, passwordOwner, type Throttle } from '../service.js';

const tags = ['accounts'];
const session = [{ session: [] }];
const csrf = [{ csrf: [] }];
const errors = (...codes: (400 | 401 | 403 | 429)[]) => Object.fromEntries(codes.map((code) => [code, ErrorResponse]));

const invalidCredentials = (details: unknown = null) => new AppError(401, 'auth.invalid_credentials', t('accounts.login.invalid'), details);

/**
 * JSON API under /api/accounts. A client first reads GET /me for the CSRF token (the pre-login
 * double-submit cookie comes with it), then sends it as `x-csrf-token`; after login or
 * activation the answer carries the new session's token.
 */
export const accountsApi: FastifyPluginAsyncTypebox<{ loginThrottle: Throttle; activationThrottle: Throttle }> = async (app, opts) => {
  app.get('/me', {
    schema: { tags, summary: 'Personne connectée (ou null) et jeton CSRF', response: { 200: MeResponse } },
    handler: async (request) => ({ actor: request.optionalActor, csrfToken: request.csrfToken }),
  });

  app.post('/login', {
    schema: {
      tags,
      security: csrf,
      summary: 'Se connecter (ouvre une session, pose le cookie)',
      body: LoginBody,
      response: { 200: SessionResponse, ...errors(400, 401, 403, 429) },
    },
    handler: async (request, reply) => {
      const result = await logIn(app.db, opts.loginThrottle, { ...request.body, ip: request.ip });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new AppError(429, 'auth.throttled', t('accounts.login.throttled'));
        throw invalidCredentials(result.reason === 'pending' ? { activation: '/api/accounts/activate' } : null);
      }
      await app.startSession(request, reply, result.person.id, null);
      return { person: result.person, csrfToken: request.csrfToken };
    },
  });

  app.post('/logout', {
    schema: { tags, security: session, summary: 'Se déconnecter (sans effet sans session)', response: { 204: Type.Null(), ...errors(403) } },
    handler: async (request, reply) => {
      await app.endSession(request, reply);
      return reply.code(204).send(null);
    },
  });

  app.post('/activate', {
    schema: {
      tags,
      security: csrf,
      summary: 'Première connexion : code d’activation, mot de passe et acceptation de la charte en un appel',
      body: ActivateBody,
      response: { 200: SessionResponse, ...errors(400, 401, 403, 429) },
    },
    handler: async (request, reply) => {
      const { login, code, password, acceptCharter: accepted } = request.body;
      const result = await checkActivationCode(app.db, opts.activationThrottle, { login, code, ip: request.ip });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new AppError(429, 'auth.throttled', t('accounts.activate.throttled'));
        throw new AppError(401, 'auth.invalid_activation_code', t('accounts.activate.invalid'));
      }
      // Only once the code is proven does the caller learn anything about the password rules for this person.
      const problems = checkNewPassword(new Problems(), password, undefined, passwordOwner(result.person));
      problems.check(accepted === true, 'acceptCharter', t('accounts.charter.required_api'));
      problems.throwIfAny('account.activation_invalid');
      const person = await activate(app.db, result.person, { password, charterAccepted: true, ip: request.ip });
      if (!person) throw new AppError(401, 'auth.invalid_activation_code', t('accounts.activate.invalid'));
      await app.startSession(request, reply, person.id, null);
      return { person, csrfToken: request.csrfToken };
    },
  });

  app.post('/charter', {
    schema: {
      tags,
      security: session,
      summary: 'Accepter la charte d’usage de l’ENT',
      body: CharterBody,
      response: { 200: CharterResponse, ...errors(400, 401, 403) },
    },
    preHandler: requireUser,
    handler: async (request) => {
      if (request.body.accept !== true) throw new InvalidInput([{ field: 'accept', message: t('accounts.charter.required_api') }], 'account.charter_required');
      await acceptCharter(app.db, request.actor!.personId, request.ip);
      return { charterAccepted: true };
    },
  });
};
