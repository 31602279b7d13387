import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound, type Actor } from '../../../kernel/authz/index.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { displayName } from '../../directory/index.js';
import * as admin from '../admin.js';
import { htmlToText } from '../body.js';
import { t } from '../i18n/fr.js';
import { canAdministerMessaging } from '../policy.js';
import { messageView, replyAllTokens } from '../read.js';
import * as repo from '../repository.js';
import { FOLDERS, type Folder } from '../repository.js';
import { allowedAmong, rulesOf, searchReachable } from '../rules.js';
import * as service from '../service.js';
import { groupTargets } from '../targets.js';
import { ComposePage, type ComposeValues } from '../views/compose.js';
import { ListPageView } from '../views/list.js';
import { MessagePage } from '../views/message.js';
import { PreferencesPage } from '../views/preferences.js';
import type { MessagingContext } from './context.js';
import { receiveAttachments, sendAttachment } from './files.js';

type Query = Record<string, string | undefined>;
type IdReq = FastifyRequest<{ Params: { id: string } }>;

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pageOf = (title: string) => ({ title, service: 'messaging' });

function idParam(request: IdReq): string {
  if (!UUID.test(request.params.id)) throw new NotFound();
  return request.params.id;
}

const optionalId = (value: string | undefined) => (value && UUID.test(value) ? value : undefined);

interface ComposeForm {
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  files: StoredFile[];
}

/** Messaging pages under /messaging: folders, reading, writing; all work without JavaScript. */
export const messagingPages: FastifyPluginAsync<MessagingContext> = async (app, ctx) => {
  const db = app.db;
  app.addHook('onRequest', requireUser);

  const chrome = async (actor: Actor) => ({
    unread: await repo.unreadCount(db, actor.personId),
    manager: canAdministerMessaging(actor),
    readOnly: await admin.readOnlyOf(db, actor.activeStructureId),
  });

  app.get('/messaging', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const actor = request.actor!;
    const folder: Folder = FOLDERS.includes(request.query.folder as Folder) ? (request.query.folder as Folder) : 'inbox';
    const q = (request.query.q ?? '').slice(0, 200);
    const page = Math.min(Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1), 10_000);
    const result = await repo.listFolder(db, actor.personId, folder, q, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return reply.page(
      pageOf(t(`messaging.folder.${folder}`)),
      h(ListPageView, { folder, q, page, pageSize: PAGE_SIZE, result, csrf: request.csrfToken, ...(await chrome(actor)) }),
    );
  });

  app.get('/messaging/messages/:id', async (request: IdReq, reply) => {
    const actor = request.actor!;
    const view = await messageView(db, actor, idParam(request), new Date());
    if (view.state === 'draft') return reply.redirect(`/messaging/compose?draft=${view.id}`, 303);
    return reply.page(pageOf(view.subject || t('messaging.noSubject')), h(MessagePage, { view, csrf: request.csrfToken, ...(await chrome(actor)) }));
  });

  const action = (path: string, run: (actor: Actor, id: string) => Promise<void>, flash: string, back: (id: string) => string) =>
    app.post(`/messaging/messages/:id/${path}`, async (request: IdReq, reply) => {
      const id = idParam(request);
      await run(request.actor!, id);
      reply.setFlash(flash);
      return reply.redirect(back(id), 303);
    });
  action(
    'trash',
    (actor, id) => service.moveToTrash(db, actor, id, true),
    t('messaging.trashed'),
    () => '/messaging',
  );
  action(
    'restore',
    (actor, id) => service.moveToTrash(db, actor, id, false),
    t('messaging.restored'),
    (id) => `/messaging/messages/${id}`,
  );
  action(
    'unread',
    (actor, id) => service.setRead(db, actor, id, false, new Date()),
    t('messaging.markedUnread'),
    () => '/messaging',
  );

  app.post('/messaging/trash/empty', async (request, reply) => {
    await service.emptyTrash(db, request.actor!);
    reply.setFlash(t('messaging.emptied'));
    return reply.redirect('/messaging?folder=trash', 303);
  });

  app.get('/messaging/attachments/:id', async (request: IdReq, reply) => sendAttachment(request, reply, idParam(request)));

  async function renderCompose(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: ComposeValues; to: string[]; cc: string[]; q?: string; search?: boolean; errors?: Record<string, string>; status?: number },
  ) {
    const actor = request.actor!;
    const { year } = ctx.clock();
    const structureId = actor.activeStructureId;
    const groups = structureId ? await groupTargets(db, actor, structureId, await rulesOf(db, structureId), year) : [];
    const known = new Map(groups.map((g) => [g.token, g.label]));
    // Names are shown only for people the writer may reach: an id typed in the address reveals nobody.
    const personIds = [...state.to, ...state.cc].flatMap((token) => (token.startsWith('person:') ? [token.slice(7).toLowerCase()] : []));
    const reachable = structureId ? await allowedAmong(db, actor, structureId, personIds, year) : new Set<string>();
    const keep = (tokens: string[]) => tokens.filter((token) => !token.startsWith('person:') || reachable.has(token.slice(7).toLowerCase()));
    const [to, cc] = await Promise.all([service.describeTokens(db, keep(state.to), known), service.describeTokens(db, keep(state.cc), known)]);
    const q = (state.q ?? '').slice(0, 100);
    const found = state.search && structureId ? await searchReachable(db, actor, structureId, q, 20, year) : null;
    const results = found ? found.map((p) => ({ token: `person:${p.id}`, label: displayName(p), profile: p.profile })) : null;
    const fileSources = [state.values.draftId, state.values.forwardId].filter((x): x is string => !!x);
    const attachments = (await repo.attachmentsOf(db, fileSources)).map(({ messageId: _, ...f }) => f);
    return reply.page(
      { ...pageOf(t('messaging.compose')), status: state.status },
      h(ComposePage, {
        csrf: request.csrfToken,
        values: state.values,
        to,
        cc,
        groups,
        q,
        results,
        attachments,
        maxMb: Math.round(app.config.uploadMaxBytes / 1048576),
        errors: state.errors,
      }),
    );
  }

  app.get('/messaging/compose', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const actor = request.actor!;
    const query = request.query;
    const { year } = ctx.clock();
    const values: ComposeValues = { subject: '', body: '' };
    let to: string[] = [];
    let cc: string[] = [];
    const draftId = optionalId(query.draft);
    const replyId = optionalId(query.reply) ?? optionalId(query.replyAll);
    const forwardId = optionalId(query.forward);
    if (draftId) {
      const view = await messageView(db, actor, draftId, new Date());
      if (view.state !== 'draft' || !view.mine) throw new NotFound();
      Object.assign(values, { draftId, subject: view.subject, body: htmlToText(view.bodyHtml) });
      to = view.to.map((c) => c.token);
      cc = view.cc.map((c) => c.token);
    } else if (replyId) {
      const view = await messageView(db, actor, replyId, new Date());
      const prefix = t('messaging.reply.prefix');
      Object.assign(values, {
        parentId: view.id,
        subject: view.subject.startsWith(prefix) ? view.subject : `${prefix}${view.subject}`.slice(0, service.MAX_SUBJECT),
      });
      to = query.replyAll ? await replyAllTokens(db, actor, view, year) : [`person:${view.from.id}`];
    } else if (forwardId) {
      const view = await messageView(db, actor, forwardId, new Date());
      const quoted = htmlToText(view.bodyHtml);
      Object.assign(values, {
        forwardId,
        subject: `${t('messaging.forward.prefix')}${view.subject}`.slice(0, service.MAX_SUBJECT),
        body: `\n\n${t('messaging.forward.header', view.from.name, view.sentAt ? formatDateTime(view.sentAt) : '')}\n\n${quoted}`,
      });
    } else if (query.to) {
      to = [query.to];
    }
    return renderCompose(request, reply, { values, to, cc });
  });

  async function readComposeForm(request: FastifyRequest): Promise<ComposeForm> {
    if (request.isMultipart()) return receiveAttachments(request, service.MAX_FILES);
    const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const fields: Record<string, string> = {};
    const lists: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(body)) {
      const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
      lists[k] = all.map(String);
      fields[k] = String(all[all.length - 1] ?? '');
    }
    return { fields, lists, files: [] };
  }

  app.post('/messaging/compose', async (request, reply) => {
    const actor = request.actor!;
    const { fields, lists, files } = await readComposeForm(request);
    const values: ComposeValues = {
      subject: fields.subject ?? '',
      body: fields.body ?? '',
      draftId: optionalId(fields.draftId),
      parentId: optionalId(fields.parentId),
      forwardId: optionalId(fields.forwardId),
    };
    const to = [...new Set(lists.to ?? [])];
    const cc = [...new Set(lists.cc ?? [])].filter((x) => !to.includes(x));
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
    const clock = ctx.clock();
    const act = fields.action ?? 'send';
    let stored = false;
    try {
      if (act === 'search' || act === 'draft') {
        if (act === 'draft' || files.length > 0) {
          const { id } = await service.saveDraft(db, actor, input, clock);
          stored = true;
          values.draftId = id;
          values.forwardId = undefined;
        }
        if (act === 'draft') {
          reply.setFlash(t('messaging.draftSaved'));
          return reply.redirect('/messaging?folder=drafts', 303);
        }
        return renderCompose(request, reply, { values, to, cc, q: fields.q ?? '', search: true });
      }
      const result = await service.sendMessage(db, actor, input, clock);
      stored = true;
      reply.setFlash(result.state === 'held' ? t('messaging.heldNotice') : t('messaging.sent'));
      return reply.redirect(`/messaging/messages/${result.id}`, 303);
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode < 500 ? fieldErrors(error) : null;
      if (!errors) {
        if (!stored) await discardFiles(app.blobs, files);
        throw error;
      }
      // Keep what was uploaded: the files go into a draft so that nothing needs choosing again.
      if (!stored && files.length > 0) {
        try {
          values.draftId = (await service.saveDraft(db, actor, { ...input, forwardId: null }, clock)).id;
        } catch {
          await discardFiles(app.blobs, files);
        }
      }
      return renderCompose(request, reply, { values, to, cc, q: fields.q, errors, status: (error as AppError).statusCode });
    }
  });

  app.get('/messaging/preferences', async (request, reply) => {
    const prefs = await admin.preferencesOf(db, request.actor!);
    return reply.page(pageOf(t('messaging.prefs.title')), h(PreferencesPage, { ...prefs, csrf: request.csrfToken }));
  });

  app.post('/messaging/preferences', async (request: FastifyRequest<{ Body: Record<string, string | undefined> }>, reply) => {
    const mode = request.body?.emailMode;
    if (!admin.EMAIL_MODES.includes(mode as never)) throw new AppError(400, 'validation', t('error.validation'));
    await admin.setPreferences(db, request.actor!, mode as 'off');
    reply.setFlash(t('messaging.prefs.saved'));
    return reply.redirect('/messaging/preferences', 303);
  });
};
