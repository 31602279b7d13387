import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { fieldErrors, InvalidInput } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { ActivateForm, PasswordForm } from '../schema.js';
import type { Throttle } from '../../../kernel/auth/throttle.js';
import { activate, activationTicket, checkActivationCode, redeemTicket, TICKET_MINUTES } from '../service.js';
import { ActivateView, PasswordView } from '../views/activate.js';
import { accountsDeps, field, schemaErrors } from './forms.js';

/**
 * First login, as pages: (1) login + activation code → (2) the first password → (3) the charter.
 *
 * Between 1 and 2 nobody is signed in yet, so the checked code is carried by a signed (HMAC with
 * the instance cookie secret), HttpOnly, 15-minute cookie scoped to /activate, naming the person
 * and a digest of the code; the code itself is only consumed at step 2. Step 2 starts a real
 * session; until the charter is accepted that session's actor has `charterAccepted = false` and
 * the route kit's charter gate sends every page to /charter. A person who stops after step 2
 * therefore has a password and meets the charter again at their next login.
 */
const TICKET_COOKIE = 'preau_activation';
const TICKET_PATH = '/activate';

function codePage(reply: FastifyReply, status: number, login = '', errors: FieldErrors = {}, invalidHint = false) {
  return reply.page(
    { title: t('accounts.activate.title'), narrow: true, status },
    h(ActivateView, { csrfToken: reply.request.csrfToken, login, errors, invalidHint }),
  );
}

export const activationRoutes: FastifyPluginAsyncTypebox<{ throttle: Throttle }> = async (app, { throttle }) => {
  const secure = app.config.publicUrl.startsWith('https://');
  const deps = accountsDeps(app);

  async function ticketHolder(request: FastifyRequest) {
    const raw = request.cookies[TICKET_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? redeemTicket(deps, unsigned.value) : null;
  }

  function expired(reply: FastifyReply) {
    reply.clearCookie(TICKET_COOKIE, { path: TICKET_PATH });
    reply.setFlash(t('accounts.activate.expired'));
    return reply.redirect('/activate', 303);
  }

  app.get('/activate', async (_request, reply) => codePage(reply, 200));

  app.post('/activate', { schema: { body: ActivateForm }, attachValidation: true }, async (request, reply) => {
    const login = field(request.body, 'login');
    const code = field(request.body, 'code');
    if (request.validationError) return codePage(reply, 400, login, schemaErrors(request));
    const missing: FieldErrors = {};
    if (!login.trim()) missing.login = t('form.required');
    if (!code.trim()) missing.code = t('form.required');
    if (Object.keys(missing).length > 0) return codePage(reply, 400, login, missing);

    const result = await checkActivationCode(deps, throttle, { login, code, ip: request.ip });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return codePage(reply, 429, login, { _form: t('accounts.activate.throttled', t('accounts.wait', result.retryAfterSeconds)) });
      }
      return codePage(reply, 400, login, { _form: t('accounts.activate.invalid') }, true);
    }
    reply.setCookie(TICKET_COOKIE, activationTicket(result.person, app.clock.now()), {
      path: TICKET_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: TICKET_MINUTES * 60,
    });
    return reply.redirect('/activate/password', 303);
  });

  app.get('/activate/password', async (request, reply) => {
    const person = await ticketHolder(request);
    if (!person) return expired(reply);
    return reply.page(
      { title: t('accounts.password.title'), narrow: true },
      h(PasswordView, { csrfToken: request.csrfToken, displayName: displayName(person), login: person.login }),
    );
  });

  app.post('/activate/password', { schema: { body: PasswordForm }, attachValidation: true }, async (request, reply) => {
    const person = await ticketHolder(request);
    if (!person) return expired(reply);
    const render = (errors: FieldErrors) =>
      reply.page(
        { title: t('accounts.password.title'), narrow: true, status: 400 },
        h(PasswordView, { csrfToken: request.csrfToken, displayName: displayName(person), login: person.login, errors }),
      );
    if (request.validationError) return render(schemaErrors(request));

    let signedIn;
    try {
      signedIn = await activate(deps, person, {
        password: field(request.body, 'password'),
        confirm: field(request.body, 'confirm'),
        charterAccepted: false,
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof InvalidInput) return render(fieldErrors(error) ?? {});
      throw error;
    }
    if (!signedIn) return expired(reply);
    reply.clearCookie(TICKET_COOKIE, { path: TICKET_PATH });
    await app.startSession(request, reply, signedIn.id, null);
    reply.setFlash(t('accounts.activate.done'));
    return reply.redirect(signedIn.charterAccepted ? '/' : '/charter', 303);
  });
};
