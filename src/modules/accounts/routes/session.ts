import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { h } from 'preact';
import { Type } from '@sinclair/typebox';
import { CsrfField } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { LoginForm, NextQuery } from '../schema.js';
import type { Throttle } from '../../../kernel/auth/throttle.js';
import { signInStep } from '../../../kernel/auth/plugin.js';
import { logIn, recordLogout } from '../service.js';
import { LoginView, type LoginViewProps } from '../views/login.js';
import { accountsDeps, deviceCookie, field, safeNext, schemaErrors, setDeviceCookie } from './forms.js';

function loginPage(reply: FastifyReply, status: number, props: Omit<LoginViewProps, 'csrfToken'>) {
  return reply.page({ title: t('accounts.login.title'), narrow: true, status }, h(LoginView, { ...props, csrfToken: reply.request.csrfToken }));
}

/** The sign-in page (public). */
export const loginRoutes: FastifyPluginAsyncTypebox<{ throttle: Throttle }> = async (app, { throttle }) => {
  const deps = accountsDeps(app);

  app.get('/login', { schema: { querystring: NextQuery }, attachValidation: true }, async (request, reply) => {
    const next = request.validationError ? null : safeNext(request.query.next);
    if (request.optionalActor) return reply.redirect(next ?? '/', 303);
    return loginPage(reply, 200, { next });
  });

  app.post('/login', { schema: { body: LoginForm }, attachValidation: true }, async (request, reply) => {
    const login = field(request.body, 'login');
    const password = field(request.body, 'password');
    const next = safeNext(field(request.body, 'next'));
    const fail = (status: number, errors: FieldErrors, activationHint = false) => loginPage(reply, status, { next, login, errors, activationHint });

    if (request.validationError) return fail(400, schemaErrors(request));
    const missing: FieldErrors = {};
    if (!login.trim()) missing.login = t('form.required');
    if (!password) missing.password = t('form.required');
    if (Object.keys(missing).length > 0) return fail(400, missing);

    const result = await logIn(deps, throttle, { login, password, ip: request.ip, device: deviceCookie(request) });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return fail(429, { _form: t('accounts.login.throttled', t('accounts.wait', result.retryAfterSeconds)) });
      }
      return fail(400, { _form: t('accounts.login.invalid') }, true);
    }
    setDeviceCookie(app, reply, result.device);
    // A second factor (or its enrolment) may come between the password and the session.
    const step = await signInStep(app, request, reply, result.person, next);
    if (step && 'hold' in step) return reply.redirect(step.hold, 303);
    await app.startSession(request, reply, result.person.id, null);
    return reply.redirect(step?.then ?? next ?? '/', 303);
  });
};

/** Signing out (the signed-in person's own session; reachable before the charter is accepted). */
export const logoutRoute: FastifyPluginAsyncTypebox = async (app) => {
  const deps = accountsDeps(app);
  app.post('/logout', { schema: { body: Type.Object(CsrfField) }, config: { beforeCharter: true, personal: true } }, async (request, reply) => {
    const actor = request.actor;
    await app.endSession(request, reply);
    await recordLogout(deps, actor, { ip: request.ip });
    reply.setFlash(t('accounts.logout.done'));
    return reply.redirect('/login', 303);
  });
};
