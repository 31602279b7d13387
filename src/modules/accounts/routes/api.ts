import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError, InvalidInput } from '../../../kernel/http/errors.js';
import { ErrorResponse, errorResponses } from '../../../kernel/http/schemas.js';
import { t } from '../i18n/fr.js';
import { ActivateBody, CharterBody, CharterResponse, LoginBody, MeResponse, SessionResponse } from '../schema.js';
import type { Throttle } from '../../../kernel/auth/throttle.js';
import { signInStep } from '../../../kernel/auth/plugin.js';
import { acceptCharter, activateAtOnce, logIn, recordLogout } from '../service.js';
import { accountsDeps, deviceCookie, setDeviceCookie } from './forms.js';

const tags = ['accounts'];
const session = [{ session: [] }];
const csrf = [{ csrf: [] }];
const withThrottle = { ...errorResponses, 429: ErrorResponse };

// The same answer for every failed sign-in (unknown, wrong password, not yet activated): where first logins go.
const invalidCredentials = () => new AppError(401, 'auth.invalid_credentials', t('accounts.login.invalid'), { activation: '/api/accounts/activate' });

function throttled(reply: FastifyReply, message: string, retryAfterSeconds: number) {
  reply.header('retry-after', String(retryAfterSeconds));
  return new AppError(429, 'auth.throttled', message, { retryAfterSeconds });
}

/**
 * JSON API under /api/accounts, public part. A client first reads GET /me for the CSRF token (the
 * pre-login double-submit cookie comes with it), then sends it as `x-csrf-token`; after login or
 * activation the answer carries the new session's token.
 */
export const accountsPublicApi: FastifyPluginAsyncTypebox<{ loginThrottle: Throttle; activationThrottle: Throttle }> = async (app, opts) => {
  const deps = accountsDeps(app);

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
      response: { 200: SessionResponse, ...withThrottle },
    },
    handler: async (request, reply) => {
      const result = await logIn(deps, opts.loginThrottle, { ...request.body, ip: request.ip, device: deviceCookie(request) });
      if (!result.ok) {
        if (result.reason === 'throttled') {
          throw throttled(reply, t('accounts.login.throttled', t('accounts.wait', result.retryAfterSeconds)), result.retryAfterSeconds);
        }
        throw invalidCredentials();
      }
      setDeviceCookie(app, reply, result.device);
      // A person held by a sign-in step (second factor) finishes signing in on its pages.
      const step = await signInStep(app, request, reply, result.person, null);
      if (step && 'hold' in step) throw new AppError(403, 'auth.second_step_required', t('accounts.login.secondStep'), { continue: step.hold });
      await app.startSession(request, reply, result.person.id, null);
      return { person: result.person, csrfToken: request.csrfToken };
    },
  });

  app.post('/activate', {
    schema: {
      tags,
      security: csrf,
      summary: 'Première connexion : code d’activation, mot de passe et acceptation de la charte en un appel',
      body: ActivateBody,
      response: { 200: SessionResponse, ...withThrottle },
    },
    handler: async (request, reply) => {
      const result = await activateAtOnce(deps, opts.activationThrottle, { ...request.body, ip: request.ip });
      if (!result.ok) {
        if (result.reason === 'throttled') {
          throw throttled(reply, t('accounts.activate.throttled', t('accounts.wait', result.retryAfterSeconds)), result.retryAfterSeconds);
        }
        throw new AppError(401, 'auth.invalid_activation_code', t('accounts.activate.invalid'), {
          login: '/api/accounts/login',
          hint: t('accounts.activate.invalidHint'),
        });
      }
      await app.startSession(request, reply, result.person.id, null);
      return { person: result.person, csrfToken: request.csrfToken };
    },
  });
};

/** JSON API under /api/accounts for the signed-in person: sign out, accept the charter (both before the charter). */
export const accountsApi: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);

  app.post('/logout', {
    config: { beforeCharter: true, personal: true },
    schema: { tags, security: session, summary: 'Se déconnecter', response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      const actor = request.actor;
      await app.endSession(request, reply);
      await recordLogout(deps, actor, { ip: request.ip });
      return reply.code(204).send(null);
    },
  });

  app.post('/charter', {
    config: { beforeCharter: true, personal: true },
    schema: {
      tags,
      security: session,
      summary: 'Accepter la charte d’usage de l’ENT',
      body: CharterBody,
      response: { 200: CharterResponse, ...errorResponses },
    },
    handler: async (request) => {
      if (request.body.accept !== true) throw new InvalidInput([{ field: 'accept', message: t('accounts.charter.required_api') }], 'account.charter_required');
      await acceptCharter(deps, request.actor, { ip: request.ip });
      return { charterAccepted: true };
    },
  });
};
