import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import { CodeForm, NextQuery } from '../schema.js';
import type { Deps } from '../service/deps.js';
import { challengeOf, closeChallenge } from '../service/login.js';
import { checkSecondFactor, confirmEnrolment, pendingEnrolment } from '../service/totp.js';
import { EnrolPage, RecoveryCodesPage, SecondStepPage } from '../views/enrol.js';
import { CHALLENGE_COOKIE, clearChallengeCookie, field } from './cookie.js';

const page = { narrow: true };

/**
 * The pages between a right password and an open session, public but reachable only with the
 * half-session cookie set by the sign-in step: the code step, and a forced enrolment.
 */
export const secondStepRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get('/login/code', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const challenge = await challengeOf(deps, request.cookies[CHALLENGE_COOKIE], 'verify');
    if (!challenge) return reply.redirect('/login', 303);
    return reply.page({ ...page, title: t('mfa.step.title') }, h(SecondStepPage, { csrf: request.csrfToken }));
  });

  app.post('/login/code', { schema: { body: CodeForm }, attachValidation: true }, async (request, reply) => {
    const challenge = await challengeOf(deps, request.cookies[CHALLENGE_COOKIE], 'verify');
    if (!challenge) {
      reply.setFlash(t('mfa.step.expired'));
      return reply.redirect('/login', 303);
    }
    const code = field(request.body, 'code');
    const again = (status: number, message: string) =>
      reply.page({ ...page, title: t('mfa.step.title'), status }, h(SecondStepPage, { csrf: request.csrfToken, errors: { code: message } }));
    if (request.validationError) return again(400, t('mfa.error.field'));
    if (!code.trim()) return again(400, t('mfa.error.codeRequired'));
    const result = await checkSecondFactor(deps, challenge.personId, code, request.ip);
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return again(429, t('mfa.step.throttled', t('mfa.wait', result.retryAfterSeconds)));
      }
      return again(400, t('mfa.step.invalid'));
    }
    if (!(await closeChallenge(deps, challenge))) return reply.redirect('/login', 303);
    clearChallengeCookie(reply);
    await app.startSession(request, reply, challenge.personId, null);
    if (result.recoveryLeft !== null) reply.setFlash(t('mfa.step.recoveryUsed', result.recoveryLeft));
    return reply.redirect(challenge.next ?? '/', 303);
  });

  const login = async (personId: string) => (await app.db.selectFrom('people').select('login').where('id', '=', personId).executeTakeFirstOrThrow()).login;

  app.get('/login/enrol', { schema: { querystring: NextQuery } }, async (request, reply) => {
    const challenge = await challengeOf(deps, request.cookies[CHALLENGE_COOKIE], 'enrol');
    if (!challenge) return reply.redirect('/login', 303);
    const enrolment = await pendingEnrolment(deps, { id: challenge.personId, login: await login(challenge.personId) });
    if (!enrolment) return reply.redirect('/login', 303);
    return reply.page(
      { ...page, title: t('mfa.enrol.title') },
      h(EnrolPage, { enrolment, action: '/login/enrol', csrf: request.csrfToken, next: null, required: { until: null } }),
    );
  });

  app.post('/login/enrol', { schema: { body: CodeForm }, attachValidation: true }, async (request, reply) => {
    const challenge = await challengeOf(deps, request.cookies[CHALLENGE_COOKIE], 'enrol');
    if (!challenge) {
      reply.setFlash(t('mfa.step.expired'));
      return reply.redirect('/login', 303);
    }
    const again = async (status: number, message: string) => {
      const enrolment = await pendingEnrolment(deps, { id: challenge.personId, login: await login(challenge.personId) });
      if (!enrolment) return reply.redirect('/login', 303);
      const props = { enrolment, action: '/login/enrol', csrf: request.csrfToken, next: null, required: { until: null }, errors: { code: message } };
      return reply.page({ ...page, title: t('mfa.enrol.title'), status }, h(EnrolPage, props));
    };
    const code = field(request.body, 'code');
    if (request.validationError) return again(400, t('mfa.error.field'));
    if (!code.trim()) return again(400, t('mfa.error.codeRequired'));
    const result = await confirmEnrolment(deps, challenge.personId, code, request.ip);
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return again(429, t('mfa.step.throttled', t('mfa.wait', result.retryAfterSeconds)));
      }
      return again(400, t(result.reason === 'expired' ? 'mfa.enrol.expired' : 'mfa.enrol.invalid'));
    }
    await closeChallenge(deps, challenge);
    clearChallengeCookie(reply);
    await app.startSession(request, reply, challenge.personId, null);
    return reply.page({ ...page, title: t('mfa.recovery.title') }, h(RecoveryCodesPage, { codes: result.recoveryCodes, next: challenge.next ?? '/' }));
  });
};
