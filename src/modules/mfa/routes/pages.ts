import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { formatDate } from '../../../kernel/i18n/index.js';
import { safeNext } from '../../accounts/index.js';
import { t } from '../i18n/fr.js';
import { CodeForm, NextQuery } from '../schema.js';
import type { Deps } from '../service/deps.js';
import { readPolicy, requiredFor } from '../service/settings.js';
import { confirmEnrolment, enrolledAt, pendingEnrolment } from '../service/totp.js';
import { EnrolPage, RecoveryCodesPage, StatusPage } from '../views/enrol.js';
import { field } from './cookie.js';

const page = { service: 'mfa', narrow: true };
const personal = { personal: true };

/** The signed-in person's own factor: its state, and enrolment (offered to staff only). */
export const mfaPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get('/mfa', { config: personal }, async (request, reply) => {
    authorize(request.actor, 'mfa.factor.enrol', {});
    const since = await enrolledAt(deps, request.actor.personId);
    const required = requiredFor(await readPolicy(deps.db), request.actor);
    return reply.page({ ...page, title: t('mfa.title') }, h(StatusPage, { enrolledAt: since, required }));
  });

  const enrolPage = async (request: FastifyRequest, next: string | null, status = 200, error?: string) => {
    const actor = request.actor;
    const enrolment = await pendingEnrolment(deps, { id: actor.personId, login: actor.login });
    if (!enrolment) return null;
    const required = requiredFor(await readPolicy(deps.db), actor);
    const until = required ? await graceEnd(actor.personId) : null;
    return {
      status,
      body: h(EnrolPage, {
        enrolment,
        action: '/mfa/enrol',
        csrf: request.csrfToken,
        next,
        required: required ? { until } : null,
        laterHref: until ? (next ?? '/') : null,
        ...(error ? { errors: { code: error } } : {}),
      }),
    };
  };

  const graceEnd = async (personId: string) => {
    const row = await deps.db.selectFrom('mfaRequiredSince').select('since').where('personId', '=', personId).executeTakeFirst();
    if (!row) return null;
    const policy = await readPolicy(deps.db);
    return formatDate(new Date(Date.parse(row.since) + policy.graceDays * 24 * 60 * 60_000).toISOString());
  };

  app.get('/mfa/enrol', { config: personal, schema: { querystring: NextQuery }, attachValidation: true }, async (request, reply) => {
    authorize(request.actor, 'mfa.factor.enrol', {});
    const next = request.validationError ? null : safeNext(request.query.next);
    const shown = await enrolPage(request, next);
    if (!shown) {
      reply.setFlash(t('mfa.enrol.already'));
      return reply.redirect('/mfa', 303);
    }
    return reply.page({ ...page, title: t('mfa.enrol.title') }, shown.body);
  });

  app.post('/mfa/enrol', { config: personal, schema: { body: CodeForm }, attachValidation: true }, async (request, reply) => {
    authorize(request.actor, 'mfa.factor.enrol', {});
    const next = safeNext(field(request.body, 'next'));
    const code = field(request.body, 'code');
    const again = async (status: number, message: string) => {
      const shown = await enrolPage(request, next, status, message);
      if (!shown) return reply.redirect('/mfa', 303);
      return reply.page({ ...page, title: t('mfa.enrol.title'), status }, shown.body);
    };
    if (request.validationError) return again(400, t('mfa.error.field'));
    if (!code.trim()) return again(400, t('mfa.error.codeRequired'));
    const result = await confirmEnrolment(deps, request.actor.personId, code, request.ip);
    if (!result.ok) {
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        return again(429, t('mfa.step.throttled', t('mfa.wait', result.retryAfterSeconds)));
      }
      if (result.reason === 'already') return reply.redirect('/mfa', 303);
      return again(400, t(result.reason === 'expired' ? 'mfa.enrol.expired' : 'mfa.enrol.invalid'));
    }
    return reply.page({ ...page, title: t('mfa.recovery.title') }, h(RecoveryCodesPage, { codes: result.recoveryCodes, next: next ?? '/mfa' }));
  });
};
