import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { authorize } from '../../../kernel/authz/index.js';
import { fieldErrors, InvalidInput } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import { EmptyForm, PersonParams, PolicyForm, ResetQuery } from '../schema.js';
import type { Deps } from '../service/deps.js';
import { findResetTarget, resetFactor } from '../service/reset.js';
import { readPolicy, savePolicy } from '../service/settings.js';
import { PolicyPage, policyForm, ResetPage } from '../views/admin.js';

const page = { service: 'mfa' };

/** Administrators: resetting a person's factor (audited), and the instance's policy. */
export const mfaAdminPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get('/admin/mfa', { schema: { querystring: ResetQuery } }, async (request, reply) => {
    authorize(request.actor, 'mfa.reset.open', {});
    const login = request.query.login?.trim() ?? '';
    const target = login ? await findResetTarget(deps, request.actor, login) : null;
    const props = { csrf: request.csrfToken, login, target, searched: !!login };
    return reply.page({ ...page, title: t('mfa.reset.title'), status: login && !target ? 404 : 200 }, h(ResetPage, props));
  });

  app.post('/admin/mfa/:personId/reset', { schema: { params: PersonParams, body: EmptyForm } }, async (request, reply) => {
    const target = await resetFactor(deps, request.actor, request.params.personId, request.ip);
    reply.setFlash(t('mfa.reset.done', target.name));
    return reply.redirect(`/admin/mfa?login=${encodeURIComponent(target.login)}`, 303);
  });

  app.get('/admin/mfa/policy', async (request, reply) => {
    authorize(request.actor, 'mfa.policy.edit', {});
    const policy = policyForm(await readPolicy(deps.db));
    return reply.page({ ...page, title: t('mfa.policy.title') }, h(PolicyPage, { csrf: request.csrfToken, policy }));
  });

  app.post('/admin/mfa/policy', { schema: { body: PolicyForm }, attachValidation: true }, async (request, reply) => {
    authorize(request.actor, 'mfa.policy.edit', {});
    const body = (request.body ?? {}) as { roles?: unknown; graceDays?: unknown };
    const roles = (Array.isArray(body.roles) ? body.roles : [body.roles]).filter((r): r is string => typeof r === 'string');
    const typed = { roles, graceDays: typeof body.graceDays === 'string' ? body.graceDays : '' };
    const render = (status: number, errors: Record<string, string>) =>
      reply.page({ ...page, title: t('mfa.policy.title'), status }, h(PolicyPage, { csrf: request.csrfToken, policy: typed, errors }));
    if (request.validationError) return render(400, { _form: t('mfa.error.field') });
    try {
      await savePolicy(deps, request.actor, typed, request.ip);
    } catch (error) {
      if (error instanceof InvalidInput) return render(400, fieldErrors(error) ?? {});
      throw error;
    }
    reply.setFlash(t('mfa.policy.saved'));
    return reply.redirect('/admin/mfa/policy', 303);
  });
};
