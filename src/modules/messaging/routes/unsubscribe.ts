import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { NotFound } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { checkUnsubscribeToken, unsubscribe, unsubscribePath } from '../unsubscribe.js';
import { UnsubscribePage } from '../views/unsubscribe.js';
import type { MessagingContext } from './context.js';

const pageOf = () => ({ title: t('messaging.unsubscribe.title'), service: 'messaging' });

/**
 * The List-Unsubscribe URL of the email notices, public: the signed token in the path is the only
 * authority, and a token that is not ours answers 404 like a path that does not exist.
 */
export const messagingUnsubscribe: FastifyPluginAsyncTypebox<MessagingContext> = async (app, deps) => {
  // GET never changes anything: mail scanners and link previews open URLs found in emails.
  app.get('/messaging/unsubscribe/:token', { schema: { params: schema.UnsubscribeParams, hide: true } }, async (request, reply) => {
    if (!(await checkUnsubscribeToken(deps.db, request.params.token))) throw new NotFound();
    return reply.page(pageOf(), h(UnsubscribePage, { action: unsubscribePath(request.params.token), done: false }));
  });

  app.post(
    '/messaging/unsubscribe/:token',
    {
      // No CSRF token: RFC 8058 has the mail client POST this URL by itself, without a session or
      // a form of ours. Nothing here relies on the browser's cookies, so a forged cross-site
      // request can do no more than the URL's own holder: the signed token is what authorizes.
      config: { skipCsrf: true },
      schema: { params: schema.UnsubscribeParams, body: schema.UnsubscribeForm, hide: true },
    },
    async (request, reply) => {
      if (!(await unsubscribe(deps.db, request.params.token, deps.clock.now(), request.ip))) throw new NotFound();
      return reply.page(pageOf(), h(UnsubscribePage, { action: unsubscribePath(request.params.token), done: true }));
    },
  );
};
