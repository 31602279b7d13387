import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { IdParams } from '../../../kernel/http/schemas.js';
import * as admin from '../admin.js';
import { t } from '../i18n/fr.js';
import { AUDIENCES, type Rule } from '../rules.js';
import * as schema from '../schema.js';
import type { RuleScope } from '../tables.js';
import { AdminPage } from '../views/admin.js';
import { schemaErrors, type MessagingContext } from './context.js';

/** The school managers' page: read-only switch, held sends, communication rules, quiet hours. */
export const messagingAdminPages: FastifyPluginAsyncTypebox<MessagingContext> = async (app, deps) => {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    quiet?: { quietStart: string; quietEnd: string; quietWeekends: boolean },
  ) {
    const { settings, held, structureName } = await admin.adminOverview(deps, request.actor);
    return reply.page(
      { title: t('messaging.admin'), service: 'messaging', status: errors ? 400 : 200 },
      h(AdminPage, {
        csrf: request.csrfToken,
        structureName,
        readOnly: settings.readOnly === 1,
        quiet: quiet ?? { quietStart: settings.quietStart, quietEnd: settings.quietEnd, quietWeekends: settings.quietWeekends === 1 },
        rules: settings.rules,
        held,
        errors,
      }),
    );
  }

  app.get('/messaging/admin', async (request, reply) => render(request, reply));

  app.post('/messaging/admin/read-only', { attachValidation: true, schema: { body: schema.ReadOnlyForm } }, async (request, reply) => {
    const structureId = await admin.activeManagedSchool(deps, request.actor, 'messaging.readOnly.switch');
    if (request.validationError) return render(request, reply, schemaErrors(request.validationError));
    const on = request.body.readOnly === 'on';
    await admin.setReadOnly(deps, request.actor, structureId, on, request.ip);
    reply.setFlash(on ? t('messaging.settings.readOnly.enabled') : t('messaging.settings.readOnly.disabled'));
    return reply.redirect('/messaging/admin', 303);
  });

  app.post('/messaging/admin/rules', { attachValidation: true, schema: { body: schema.RulesForm } }, async (request, reply) => {
    const structureId = await admin.activeManagedSchool(deps, request.actor, 'messaging.rules.manage');
    if (request.validationError) return render(request, reply, { rules: t('messaging.error.bad_rule') });
    const body = request.body as schema.RulesForm;
    const rules: Rule[] = [];
    for (const from of AUDIENCES) {
      for (const to of AUDIENCES) {
        const scope = body[`rule.${from}.${to}`] ?? 'none';
        if (scope !== 'none') rules.push({ fromAudience: from, toAudience: to, scope: scope as RuleScope });
      }
    }
    await admin.setRules(deps, request.actor, structureId, rules, request.ip);
    reply.setFlash(t('messaging.rules.saved'));
    return reply.redirect('/messaging/admin', 303);
  });

  app.post('/messaging/admin/quiet', { attachValidation: true, schema: { body: schema.QuietForm } }, async (request, reply) => {
    const structureId = await admin.activeManagedSchool(deps, request.actor, 'messaging.quietHours.manage');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 5) : '');
    const quiet = { quietStart: text(body.quietStart), quietEnd: text(body.quietEnd), quietWeekends: body.quietWeekends === 'on' };
    if (request.validationError) return render(request, reply, schemaErrors(request.validationError), quiet);
    try {
      await admin.setQuietHours(deps, request.actor, structureId, quiet);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return render(request, reply, errors, quiet);
    }
    reply.setFlash(t('messaging.settings.saved'));
    return reply.redirect('/messaging/admin', 303);
  });

  for (const [path, release] of [
    ['release', true],
    ['reject', false],
  ] as const) {
    app.post(`/messaging/admin/held/:id/${path}`, { schema: { params: IdParams, body: schema.EmptyForm } }, async (request, reply) => {
      await admin.decideHeld(deps, request.actor, request.params.id, release, request.ip);
      reply.setFlash(release ? t('messaging.held.released') : t('messaging.held.rejected'));
      return reply.redirect('/messaging/admin', 303);
    });
  }
};
