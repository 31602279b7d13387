import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { Forbidden, NotFound, type Actor } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { findStructure } from '../../directory/index.js';
import * as admin from '../admin.js';
import { t } from '../i18n/fr.js';
import { managesMessaging } from '../policy.js';
import { AUDIENCES, SCOPES, type Rule } from '../rules.js';
import type { Audience, RuleScope } from '../tables.js';
import { AdminPage } from '../views/admin.js';
import type { MessagingContext } from './context.js';

type Form = Record<string, string | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The school managers' page: read-only switch, held sends, communication rules, quiet hours. */
export const messagingAdminPages: FastifyPluginAsync<MessagingContext> = async (app, ctx) => {
  const db = app.db;
  app.addHook('onRequest', requireUser);

  function managed(actor: Actor): string {
    const id = actor.activeStructureId;
    if (!id || !managesMessaging(actor, id)) throw new Forbidden();
    return id;
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    quiet?: { quietStart: string; quietEnd: string; quietWeekends: boolean },
  ) {
    const actor = request.actor!;
    const structureId = managed(actor);
    const [settings, held, structure] = await Promise.all([
      admin.settingsOf(db, actor, structureId),
      admin.listHeld(db, actor, structureId),
      findStructure(db, structureId),
    ]);
    return reply.page(
      { title: t('messaging.admin'), service: 'messaging', status: errors ? 400 : 200 },
      h(AdminPage, {
        csrf: request.csrfToken,
        structureName: structure?.name ?? '',
        readOnly: settings.readOnly === 1,
        quiet: quiet ?? { quietStart: settings.quietStart, quietEnd: settings.quietEnd, quietWeekends: settings.quietWeekends === 1 },
        rules: settings.rules,
        held,
        errors,
      }),
    );
  }

  app.get('/messaging/admin', async (request, reply) => render(request, reply));

  app.post('/messaging/admin/read-only', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const on = request.body?.readOnly === 'on';
    await admin.setReadOnly(db, request.actor!, managed(request.actor!), on, request.ip);
    reply.setFlash(on ? t('messaging.settings.readOnly.enabled') : t('messaging.settings.readOnly.disabled'));
    return reply.redirect('/messaging/admin', 303);
  });

  app.post('/messaging/admin/rules', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const body = request.body ?? {};
    const rules: Rule[] = [];
    for (const from of AUDIENCES) {
      for (const to of AUDIENCES) {
        const scope = body[`rule.${from}.${to}`] ?? 'none';
        if (scope === 'none') continue;
        if (!SCOPES.includes(scope as RuleScope)) return render(request, reply, { rules: t('messaging.error.bad_rule') });
        rules.push({ fromAudience: from as Audience, toAudience: to as Audience, scope: scope as RuleScope });
      }
    }
    await admin.setRules(db, request.actor!, managed(request.actor!), rules, request.ip);
    reply.setFlash(t('messaging.rules.saved'));
    return reply.redirect('/messaging/admin', 303);
  });

  app.post('/messaging/admin/quiet', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const body = request.body ?? {};
    const quiet = { quietStart: body.quietStart ?? '', quietEnd: body.quietEnd ?? '', quietWeekends: body.quietWeekends === 'on' };
    try {
      await admin.setQuietHours(db, request.actor!, managed(request.actor!), quiet);
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
    app.post(`/messaging/admin/held/:id/${path}`, async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      if (!UUID.test(request.params.id)) throw new NotFound();
      const { noticesDue } = await admin.decideHeld(db, request.actor!, request.params.id, release, new Date(), request.ip);
      if (noticesDue > 0) ctx.clock().noticesDue?.();
      reply.setFlash(release ? t('messaging.held.released') : t('messaging.held.rejected'));
      return reply.redirect('/messaging/admin', 303);
    });
  }
};
