import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import type { Deps } from '../service/deps.js';
import { forumPage, myForums, reportsPage, saveSettings, subscribeForum } from '../service/forums.js';
import {
  createThread,
  editablePost,
  editPost,
  threadIdOfPost,
  dismissReport,
  moderatePost,
  moderateThread,
  reply,
  reportPost,
  subscribeThread,
  threadPage,
} from '../service/threads.js';
import { ForumIndex, ForumPage, ReportsPage, type ThreadFormValues } from '../views/forums.js';
import { PostEditPage, ThreadPage, type ThreadPageErrors } from '../views/thread.js';

const page = { title: t('forum.title'), service: 'forum' };
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A refusal that is the person's input (400), field by field; anything else goes on. */
function inputErrors(error: unknown): FieldErrors | null {
  return error instanceof Error && (error as { statusCode?: number }).statusCode === 400 ? fieldErrors(error) : null;
}

const FIELD_MESSAGES: Record<string, string> = { title: t('forum.error.title'), body: t('forum.error.bodyLong'), reason: t('forum.error.reason') };

/** A form's schema errors (`attachValidation`), field by field, for the form shown again. */
function schemaErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || String((v.params as { missingProperty?: string } | undefined)?.missingProperty ?? '');
    errors[field in FIELD_MESSAGES ? field : '_form'] = FIELD_MESSAGES[field] ?? t('forum.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('forum.error.field') };
}

/** The forum's pages under /forum: every form works without JavaScript and comes back with its messages. */
export const forumPages: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  const showForum = async (request: FastifyRequest, reply: FastifyReply, forumId: string, values?: ThreadFormValues, errors?: FieldErrors) => {
    const q = (request.query ?? {}) as { limit?: number; offset?: number };
    const data = await forumPage(deps, request.actor, forumId, { limit: q.limit ?? 20, offset: q.offset ?? 0 });
    return reply.page({ ...page, title: data.name, status: errors ? 400 : 200 }, h(ForumPage, { data, csrf: request.csrfToken, values, errors }));
  };
  const showThread = async (request: FastifyRequest, reply: FastifyReply, threadId: string, failed?: ThreadPageErrors) => {
    const q = (request.query ?? {}) as { limit?: number; offset?: number };
    const data = await threadPage(deps, request.actor, threadId, { limit: q.limit ?? 30, offset: q.offset ?? 0 });
    return reply.page({ ...page, title: data.thread.title, status: failed ? 400 : 200 }, h(ThreadPage, { data, csrf: request.csrfToken, failed }));
  };

  app.get('/forum', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const forums = await myForums(deps, request.actor);
    return reply.page(page, h(ForumIndex, { forums }));
  });

  app.get('/forum/forums/:id', { schema: { params: schema.IdParams, querystring: schema.ThreadsQuery } }, async (request, reply) =>
    showForum(request, reply, request.params.id),
  );

  app.post('/forum/forums/:id/threads', { schema: { params: schema.IdParams, body: schema.ThreadForm }, attachValidation: true }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { title: str(body.title), body: str(body.body) };
    if (request.validationError) {
      await forumPage(deps, request.actor, request.params.id, { limit: 1, offset: 0 });
      return showForum(request, reply, request.params.id, values, schemaErrors(request));
    }
    try {
      const created = await createThread(deps, request.actor, request.params.id, values);
      reply.setFlash(t('forum.thread.created'));
      return reply.redirect(`/forum/threads/${created.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showForum(request, reply, request.params.id, values, errors);
    }
  });

  app.post('/forum/forums/:id/settings', { schema: { params: schema.IdParams, body: schema.SettingsForm } }, async (request, reply) => {
    const b = request.body;
    await saveSettings(deps, request.actor, request.params.id, { pupilsWrite: !!b.pupilsWrite, parentsRead: !!b.parentsRead, pupilsRead: !!b.pupilsRead });
    reply.setFlash(t('forum.settings.saved'));
    return reply.redirect(`/forum/forums/${request.params.id}`, 303);
  });

  app.post('/forum/forums/:id/subscription', { schema: { params: schema.IdParams, body: schema.SubscriptionForm } }, async (request, reply) => {
    await subscribeForum(deps, request.actor, request.params.id, request.body.subscribed === '1');
    reply.setFlash(t('forum.subscribe.done'));
    return reply.redirect(`/forum/forums/${request.params.id}`, 303);
  });

  app.get('/forum/forums/:id/reports', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const data = await reportsPage(deps, request.actor, request.params.id);
    return reply.page({ ...page, title: t('forum.reports.title', data.name) }, h(ReportsPage, { data, csrf: request.csrfToken }));
  });

  app.get('/forum/threads/:id', { schema: { params: schema.IdParams, querystring: schema.PostsQuery } }, async (request, reply) =>
    showThread(request, reply, request.params.id),
  );

  app.post('/forum/threads/:id/replies', { schema: { params: schema.IdParams, body: schema.ReplyForm }, attachValidation: true }, async (request, res) => {
    const typed = str((request.body as Record<string, unknown> | undefined)?.body);
    const failed = (errors: FieldErrors): ThreadPageErrors => ({ form: 'reply', targetId: request.params.id, value: typed, errors });
    if (request.validationError) {
      await threadPage(deps, request.actor, request.params.id, { limit: 1, offset: 0 });
      return showThread(request, res, request.params.id, failed(schemaErrors(request)));
    }
    try {
      const created = await reply(deps, request.actor, request.params.id, { body: typed });
      res.setFlash(t('forum.reply.sent'));
      return res.redirect(`/forum/threads/${request.params.id}?offset=0&limit=100#post-${created.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showThread(request, res, request.params.id, failed(errors));
    }
  });

  app.post('/forum/threads/:id/moderation', { schema: { params: schema.IdParams, body: schema.ThreadModerationForm } }, async (request, reply) => {
    const { action, reason } = request.body;
    try {
      await moderateThread(deps, request.actor, request.params.id, action, reason ?? '');
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      const targetId = `${action === 'lock' || action === 'unlock' ? 'lock' : 'hide'}-${request.params.id}`;
      return showThread(request, reply, request.params.id, { form: 'moderation', targetId, value: reason ?? '', errors });
    }
    reply.setFlash(t('forum.moderation.done'));
    return reply.redirect(`/forum/threads/${request.params.id}`, 303);
  });

  app.post('/forum/threads/:id/subscription', { schema: { params: schema.IdParams, body: schema.SubscriptionForm } }, async (request, reply) => {
    await subscribeThread(deps, request.actor, request.params.id, request.body.subscribed === '1');
    reply.setFlash(t('forum.subscribe.done'));
    return reply.redirect(`/forum/threads/${request.params.id}`, 303);
  });

  app.post('/forum/posts/:id/moderation', { schema: { params: schema.IdParams, body: schema.PostModerationForm } }, async (request, reply) => {
    const { action, reason } = request.body;
    let threadId: string;
    try {
      threadId = (await moderatePost(deps, request.actor, request.params.id, action, reason ?? '')).threadId;
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showThread(request, reply, await threadIdOfPost(deps, request.params.id), {
        form: 'moderation',
        targetId: request.params.id,
        value: reason ?? '',
        errors,
      });
    }
    reply.setFlash(t('forum.moderation.done'));
    return reply.redirect(`/forum/threads/${threadId}#post-${request.params.id}`, 303);
  });

  const showEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, typed?: string, errors?: FieldErrors) => {
    const post = await editablePost(deps, request.actor, id);
    return reply.page(
      { ...page, title: t('forum.edit.title'), status: errors ? 400 : 200 },
      h(PostEditPage, { id, threadId: post.threadId, body: typed ?? post.body, csrf: request.csrfToken, errors }),
    );
  };
  app.get('/forum/posts/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => showEdit(request, reply, request.params.id));
  app.post('/forum/posts/:id/edit', { schema: { params: schema.IdParams, body: schema.ReplyForm }, attachValidation: true }, async (request, reply) => {
    const body = str((request.body as Record<string, unknown> | undefined)?.body);
    try {
      const { threadId } = await editPost(deps, request.actor, request.params.id, { body: request.validationError ? '' : body });
      reply.setFlash(t('forum.edit.saved'));
      return reply.redirect(`/forum/threads/${threadId}#post-${request.params.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showEdit(request, reply, request.params.id, body, errors);
    }
  });

  app.post('/forum/posts/:id/report', { schema: { params: schema.IdParams, body: schema.ReportForm }, attachValidation: true }, async (request, reply) => {
    const reason = str((request.body as Record<string, unknown> | undefined)?.reason);
    try {
      const { threadId } = await reportPost(deps, request.actor, request.params.id, request.validationError ? '' : reason);
      reply.setFlash(t('forum.report.sent'));
      return reply.redirect(`/forum/threads/${threadId}#post-${request.params.id}`, 303);
    } catch (error) {
      const errors = inputErrors(error);
      if (!errors) throw error;
      return showThread(request, reply, await threadIdOfPost(deps, request.params.id), { form: 'report', targetId: request.params.id, value: reason, errors });
    }
  });

  app.post('/forum/reports/:id/dismiss', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    const { forumId } = await dismissReport(deps, request.actor, request.params.id);
    reply.setFlash(t('forum.reports.kept'));
    return reply.redirect(`/forum/forums/${forumId}/reports`, 303);
  });
};
