import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can, type Actor } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { IdParams } from '../../../kernel/http/schemas.js';
import { discardFiles, sendBlob, type StoredFile } from '../../../kernel/storage/http.js';
import * as admin from '../admin.js';
import { composeStart, composeView, type ComposeState } from '../compose.js';
import { t } from '../i18n/fr.js';
import { messageView } from '../read.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { ComposePage, type ComposeValues } from '../views/compose.js';
import { ListPageView } from '../views/list.js';
import { MessagePage } from '../views/message.js';
import { PreferencesPage } from '../views/preferences.js';
import { multipartProblems, schemaErrors, type MessagingContext } from './context.js';
import { receiveComposeForm } from './files.js';

const PAGE_SIZE = 25;
const pageOf = (title: string) => ({ title, service: 'messaging' });
const personal = { personal: true };
const idOrNothing = (value: string | undefined) => (value ? value : undefined);
const list = (value: string | string[] | undefined) => [value ?? []].flat();

/** Messaging pages under /messaging: folders, reading, writing; all work without JavaScript. */
export const messagingPages: FastifyPluginAsyncTypebox<MessagingContext> = async (app, deps) => {
  const chrome = async (actor: Actor) => ({
    unread: await service.unreadCount(deps, actor),
    manager: !!actor.activeStructureId && can(actor, 'messaging.rules.manage', { structureId: actor.activeStructureId }),
    readOnly: await admin.readOnlyOf(deps.db, actor.activeStructureId),
  });

  app.get('/messaging', { config: personal, schema: { querystring: schema.FolderPageQuery } }, async (request, reply) => {
    const { folder = 'inbox', q = '', page = 1 } = request.query;
    const result = await service.folderPage(deps, request.actor, folder, q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return reply.page(
      pageOf(t(`messaging.folder.${folder}`)),
      h(ListPageView, { folder, q, page, pageSize: PAGE_SIZE, result, csrf: request.csrfToken, ...(await chrome(request.actor)) }),
    );
  });

  app.get('/messaging/messages/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const view = await messageView(deps, request.actor, request.params.id, 'messaging.message.read', { markRead: true });
    if (view.state === 'draft') return reply.redirect(`/messaging/compose?draft=${view.id}`, 303);
    return reply.page(pageOf(view.subject || t('messaging.noSubject')), h(MessagePage, { view, csrf: request.csrfToken, ...(await chrome(request.actor)) }));
  });

  // The flash is named by its key and written at request time, in the person's language.
  const action = (
    path: string,
    run: (actor: Actor, id: string) => Promise<void>,
    flash: 'messaging.trashed' | 'messaging.restored' | 'messaging.markedUnread',
    back: (id: string) => string,
  ) =>
    app.post(`/messaging/messages/:id/${path}`, { schema: { params: IdParams, body: schema.EmptyForm } }, async (request, reply) => {
      await run(request.actor, request.params.id);
      reply.setFlash(t(flash));
      return reply.redirect(back(request.params.id), 303);
    });
  action(
    'trash',
    (actor, id) => service.moveToTrash(deps, actor, id, true),
    'messaging.trashed',
    () => '/messaging',
  );
  action(
    'restore',
    (actor, id) => service.moveToTrash(deps, actor, id, false),
    'messaging.restored',
    (id) => `/messaging/messages/${id}`,
  );
  action(
    'unread',
    (actor, id) => service.setRead(deps, actor, id, false),
    'messaging.markedUnread',
    () => '/messaging',
  );

  app.post('/messaging/trash/empty', { config: personal, schema: { body: schema.EmptyForm } }, async (request, reply) => {
    await service.emptyTrash(deps, request.actor);
    reply.setFlash(t('messaging.emptied'));
    return reply.redirect('/messaging?folder=trash', 303);
  });

  app.get('/messaging/attachments/:id', { schema: { params: IdParams } }, async (request, reply) =>
    sendBlob(request, reply, await service.attachmentToSend(deps, request.actor, request.params.id)),
  );

  async function renderCompose(request: FastifyRequest, reply: FastifyReply, state: ComposeState & { errors?: Record<string, string>; status?: number }) {
    const view = await composeView(deps, request.actor, state);
    return reply.page(
      { ...pageOf(t('messaging.compose')), status: state.status },
      h(ComposePage, {
        csrf: request.csrfToken,
        values: state.values,
        ...view,
        maxBytes: app.config.uploadMaxBytes,
        errors: state.errors,
      }),
    );
  }

  app.get('/messaging/compose', { schema: { querystring: schema.ComposeQuery } }, async (request, reply) =>
    renderCompose(request, reply, await composeStart(deps, request.actor, request.query)),
  );

  app.post(
    '/messaging/compose',
    {
      config: { activity: 'messaging.message.sent' },
      attachValidation: true,
      // Multipart forms are streamed: their fields are checked against the same schema once read.
      schema: { body: { content: { 'application/x-www-form-urlencoded': { schema: schema.ComposeForm } } } },
    },
    async (request, reply) => {
      const actor = request.actor;
      let form: schema.ComposeForm;
      let files: StoredFile[] = [];
      let refusal: AppError | null = null;
      if (request.isMultipart()) {
        // The writer's school is asserted before a byte of the upload is stored.
        service.composingSchool(actor);
        const received = await receiveComposeForm(request);
        files = received.files;
        refusal = received.refusal;
        form = { ...received.fields, to: received.lists.to, cc: received.lists.cc } as schema.ComposeForm;
      } else form = (request.body ?? {}) as schema.ComposeForm;
      const values: ComposeValues = {
        subject: typeof form.subject === 'string' ? form.subject : '',
        body: typeof form.body === 'string' ? form.body : '',
        draftId: idOrNothing(form.draftId),
        parentId: idOrNothing(form.parentId),
        forwardId: idOrNothing(form.forwardId),
      };
      const to = [...new Set(list(form.to))];
      const cc = [...new Set(list(form.cc))].filter((x) => !to.includes(x));
      const invalid = request.validationError ?? (request.isMultipart() ? multipartProblems(schema.ComposeForm, form) : undefined);
      if (invalid || refusal) {
        // A refused file or a bad field: the form comes back with what was typed, nothing is kept.
        await discardFiles(app.blobs, files);
        const safe = {
          values: invalid ? { subject: values.subject.slice(0, 1000), body: values.body.slice(0, 200_000) } : values,
          to: to.filter((x) => x.length <= 100).slice(0, 200),
          cc: cc.filter((x) => x.length <= 100).slice(0, 200),
        };
        const errors = invalid ? schemaErrors(invalid as never) : { files: refusal!.message };
        return renderCompose(request, reply, { ...safe, q: typeof form.q === 'string' ? form.q : '', errors, status: invalid ? 400 : refusal!.statusCode });
      }
      const input: service.ComposeInput = {
        to,
        cc,
        subject: values.subject,
        body: values.body,
        draftId: values.draftId,
        parentId: values.parentId,
        forwardId: values.forwardId,
        files,
      };
      const act = form.action ?? 'send';
      let stored = false;
      try {
        if (act === 'search' || act === 'draft') {
          if (act === 'draft' || files.length > 0) {
            const { id } = await service.saveDraft(deps, actor, input);
            stored = true;
            values.draftId = id;
            values.forwardId = undefined;
          }
          if (act === 'draft') {
            reply.setFlash(t('messaging.draftSaved'));
            return reply.redirect('/messaging?folder=drafts', 303);
          }
          return renderCompose(request, reply, { values, to, cc, q: form.q ?? '', search: true });
        }
        const result = await service.sendMessage(deps, actor, input);
        stored = true;
        reply.setFlash(result.state === 'held' ? t('messaging.heldNotice') : t('messaging.sent'));
        return reply.redirect(`/messaging/messages/${result.id}`, 303);
      } catch (error) {
        const errors = error instanceof AppError && error.statusCode < 500 && error.statusCode !== 404 ? fieldErrors(error) : null;
        if (!errors) {
          if (!stored) await discardFiles(app.blobs, files);
          throw error;
        }
        // Keep what was uploaded: the files go into a draft so that nothing needs choosing again.
        if (!stored && files.length > 0) {
          try {
            values.draftId = (await service.saveDraft(deps, actor, { ...input, forwardId: null })).id;
          } catch {
            await discardFiles(app.blobs, files);
          }
        }
        return renderCompose(request, reply, { values, to, cc, q: form.q, errors, status: (error as AppError).statusCode });
      }
    },
  );

  app.get('/messaging/preferences', { config: personal }, async (request, reply) => {
    const prefs = await admin.preferencesOf(deps, request.actor);
    return reply.page(pageOf(t('messaging.prefs.title')), h(PreferencesPage, { ...prefs, csrf: request.csrfToken }));
  });

  app.post('/messaging/preferences', { config: personal, attachValidation: true, schema: { body: schema.PreferencesForm } }, async (request, reply) => {
    const mode = request.validationError ? undefined : request.body.emailMode;
    if (!mode) {
      const prefs = await admin.preferencesOf(deps, request.actor);
      return reply.page(
        { ...pageOf(t('messaging.prefs.title')), status: 400 },
        h(PreferencesPage, { ...prefs, csrf: request.csrfToken, errors: { emailMode: t('messaging.error.field') } }),
      );
    }
    await admin.setPreferences(deps, request.actor, mode);
    reply.setFlash(t('messaging.prefs.saved'));
    return reply.redirect('/messaging/preferences', 303);
  });
};
