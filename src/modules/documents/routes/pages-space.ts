import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can, type Actor } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { displayName } from '../../directory/index.js';
import * as schema from '../schema.js';
import * as nodes from '../service/nodes.js';
import { t } from '../i18n/fr.js';
import { depsOf, formErrors, toItem, uploadInto } from './http.js';
import { SpacePage, type Tab } from '../views/space.js';
import { ItemPage } from '../views/item.js';
import { TrashPage } from '../views/trash.js';

const page = { service: 'documents' };
const own = { personal: true };
/** A folder page shows this many entries; a folder of 1 000 files stays a light page. */
const PAGE_SIZE = 100;

async function tabs(request: FastifyRequest, actor: Actor, current: string): Promise<Tab[]> {
  const classes = await nodes.classSpaces(depsOf(request), actor);
  return [
    { href: '/documents', label: t('documents.root'), current: current === '/documents' },
    { href: '/documents/shared', label: t('documents.shared.title'), current: current === '/documents/shared' },
    { href: '/documents/trash', label: t('documents.trash.title'), current: current === '/documents/trash' },
    ...classes.map((c) => ({
      href: `/documents/classes/${c.id}`,
      label: t('documents.class.title', c.name),
      current: current === `/documents/classes/${c.id}`,
    })),
  ];
}

type Where = { folderId?: string; classId?: string; q?: string };

/** Where a listing form posts to: its query string names the folder or class space. */
function targetOf(query: schema.TargetQuery): { target: nodes.Target; where: Where } {
  if (query.parentId) return { target: { parentId: query.parentId }, where: { folderId: query.parentId } };
  if (query.classId) return { target: { classId: query.classId, parentsCanRead: query.parentsCanRead === 'true' }, where: { classId: query.classId } };
  return { target: 'root', where: {} };
}

function back(where: Where): string {
  return where.folderId ? `/documents/folders/${where.folderId}` : where.classId ? `/documents/classes/${where.classId}` : '/documents';
}

/** Server-rendered document space under /documents; every form works without JavaScript. */
export const spacePages: FastifyPluginAsyncTypebox = async (app) => {
  /** A folder, the root, or a class space, optionally with form errors. */
  async function renderListing(request: FastifyRequest, reply: FastifyReply, where: Where, errors?: Record<string, string>, status = 200) {
    const deps = depsOf(request);
    const actor = request.actor;
    const pageNumber = (request.query as schema.ListingQuery | undefined)?.page ?? 1;
    const window = { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE };
    const paging = (total: number) => ({ page: pageNumber, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), basePath: request.url.split('?')[0]! });
    const common = { csrf: request.csrfToken, errors, ...(await nodes.usage(deps, actor)), uploadMaxBytes: deps.config.uploadMaxBytes };
    if (where.folderId) {
      const listing = await nodes.folderListing(deps, actor, where.folderId, window);
      const editable = can(actor, 'documents.node.upload', listing.facts);
      return reply.page(
        { ...page, title: listing.node.name, status },
        h(SpacePage, {
          ...common,
          paging: paging(listing.total),
          title: listing.node.name,
          tabs: await tabs(request, actor, ''),
          breadcrumbs: await nodes.breadcrumbs(deps, actor, listing.node),
          items: listing.items.map(toItem),
          target: editable ? `parentId=${listing.node.id}` : null,
          manageHref: editable ? `/documents/items/${listing.node.id}?manage=1` : undefined,
        }),
      );
    }
    if (where.classId) {
      const listing = await nodes.classListing(deps, actor, where.classId, window);
      const title = t('documents.class.title', listing.name);
      return reply.page(
        { ...page, title, status },
        h(SpacePage, {
          ...common,
          paging: paging(listing.total),
          title,
          tabs: await tabs(request, actor, `/documents/classes/${where.classId}`),
          breadcrumbs: [],
          items: listing.items.map(toItem),
          classSpace: true,
          target: listing.canPublish ? `classId=${where.classId}` : null,
        }),
      );
    }
    const q = (where.q ?? '').trim();
    const listing = await nodes.ownListing(deps, actor, window);
    const searchResults = q ? (await nodes.searchOwn(deps, actor, q, { limit: 200, offset: 0 })).map(toItem) : undefined;
    return reply.page(
      { ...page, title: t('documents.title'), status },
      h(SpacePage, {
        ...common,
        paging: paging(listing.total),
        title: t('documents.title'),
        tabs: await tabs(request, actor, '/documents'),
        breadcrumbs: [],
        items: listing.items.map(toItem),
        target: '',
        q,
        searchResults,
      }),
    );
  }

  app.get('/documents', { config: own, schema: { querystring: schema.ListingQuery } }, async (request, reply) =>
    renderListing(request, reply, { q: request.query.q }),
  );
  app.get('/documents/folders/:id', { schema: { params: schema.IdParams, querystring: schema.ListingQuery } }, async (request, reply) =>
    renderListing(request, reply, { folderId: request.params.id }),
  );
  app.get('/documents/classes/:id', { schema: { params: schema.IdParams, querystring: schema.ListingQuery } }, async (request, reply) =>
    renderListing(request, reply, { classId: request.params.id }),
  );

  app.get('/documents/shared', { config: own }, async (request, reply) => {
    const deps = depsOf(request);
    const actor = request.actor;
    const items = (await nodes.sharedWithMe(deps, actor, { limit: 1000, offset: 0 })).map(toItem);
    const title = t('documents.shared.title');
    return reply.page(
      { ...page, title },
      h(SpacePage, {
        title,
        tabs: await tabs(request, actor, '/documents/shared'),
        breadcrumbs: [],
        items,
        target: null,
        csrf: request.csrfToken,
        ...(await nodes.usage(deps, actor)),
        uploadMaxBytes: deps.config.uploadMaxBytes,
      }),
    );
  });

  app.get('/documents/trash', { config: own }, async (request, reply) => {
    const actor = request.actor;
    const items = (await nodes.trashOf(depsOf(request), actor, { limit: 1000, offset: 0 })).map(toItem);
    const title = t('documents.trash.title');
    return reply.page({ ...page, title }, h(TrashPage, { title, tabs: await tabs(request, actor, '/documents/trash'), items, csrf: request.csrfToken }));
  });

  app.post('/documents/upload', { config: { activity: 'documents.file.uploaded' }, schema: { querystring: schema.TargetQuery } }, async (request, reply) => {
    const { target, where } = targetOf(request.query);
    try {
      if (!request.isMultipart()) throw new AppError(400, 'documents.no_files', t('documents.upload.none'));
      const created = await uploadInto(request, request.actor, target);
      if (created.length === 0) throw new AppError(400, 'documents.no_files', t('documents.upload.none'));
      reply.setFlash(t('documents.upload.done', created.length));
      return reply.redirect(back(where), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode === 404) throw error;
      return renderListing(request, reply, where, { files: error.message }, error.statusCode);
    }
  });

  app.post('/documents/folders', { schema: { querystring: schema.TargetQuery, body: schema.FolderForm }, attachValidation: true }, async (request, reply) => {
    const invalid = formErrors(request);
    const { target, where } = targetOf(request.query);
    if (request.validationError) return renderListing(request, reply, where, invalid, 400);
    try {
      await nodes.createFolder(depsOf(request), request.actor, target, request.body.name);
      reply.setFlash(t('documents.folder.created'));
      return reply.redirect(back(where), 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors || (error instanceof AppError && error.statusCode === 404)) throw error;
      return renderListing(request, reply, where, errors, (error as AppError).statusCode);
    }
  });

  async function renderItem(request: FastifyRequest, reply: FastifyReply, id: string, errors?: Record<string, string>, status = 200) {
    const deps = depsOf(request);
    const actor = request.actor;
    const item = await nodes.nodeFor(deps, actor, id);
    const options = await nodes.itemOptions(deps, actor, item);
    return reply.page(
      { ...page, title: item.node.name, status },
      h(ItemPage, {
        item: toItem(item.node),
        tabs: await tabs(request, actor, ''),
        canEdit: can(actor, 'documents.node.edit', item.facts),
        canManage: can(actor, 'documents.node.share', item.facts),
        csrf: request.csrfToken,
        errors,
        moveTargets: options.moveTargets,
        shares: options.shares.map((s) => ({
          id: s.id,
          canEdit: s.canEdit === 1,
          name:
            s.granteeKind === 'group'
              ? (s.groupName ?? '')
              : displayName({ firstName: s.firstName ?? '', lastName: s.lastName ?? '', usageName: s.usageName ?? null }),
        })),
        people: options.people.map((p) => ({ id: p.id, name: displayName(p) })),
        groups: options.groups,
      }),
    );
  }

  app.get('/documents/items/:id', { schema: { params: schema.IdParams, querystring: schema.ItemQuery } }, async (request, reply) => {
    const { node } = await nodes.nodeFor(depsOf(request), request.actor, request.params.id);
    // Folders have their own listing; the item page is for its actions and shares.
    if (node.kind === 'folder' && request.query.manage !== '1') return reply.redirect(`/documents/folders/${node.id}`, 303);
    return renderItem(request, reply, node.id);
  });

  /** An item action from a form: back to a page with a flash, or the item page with its errors (400 for a bad form). */
  function itemAction<B extends typeof schema.CsrfForm>(
    path: string,
    body: B,
    run: (deps: nodes.Deps, actor: Actor, id: string, form: schema.Static<B>, params: Record<string, string>) => Promise<string>,
    flash: string,
  ) {
    app.post(
      path,
      { schema: { params: path.includes(':shareId') ? schema.ShareParams : schema.IdParams, body }, attachValidation: true },
      async (request, reply) => {
        const invalid = formErrors(request);
        const params = request.params as Record<string, string>;
        const id = params.id!;
        if (request.validationError) return renderItem(request, reply, id, invalid, 400);
        try {
          const to = await run(depsOf(request), request.actor, id, request.body as schema.Static<B>, params);
          reply.setFlash(flash);
          return reply.redirect(to, 303);
        } catch (error) {
          const errors = fieldErrors(error);
          if (!errors || (error instanceof AppError && error.statusCode === 404)) throw error;
          return renderItem(request, reply, id, errors, (error as AppError).statusCode);
        }
      },
    );
  }

  const manage = (id: string) => `/documents/items/${id}?manage=1`;
  itemAction(
    '/documents/items/:id/rename',
    schema.RenameForm,
    async (deps, actor, id, f) => (await nodes.rename(deps, actor, id, f.name), manage(id)),
    t('documents.rename.done'),
  );
  itemAction(
    '/documents/items/:id/move',
    schema.MoveForm,
    async (deps, actor, id, f) => (await nodes.move(deps, actor, id, f.parentId || null), manage(id)),
    t('documents.move.done'),
  );
  itemAction(
    '/documents/items/:id/trash',
    schema.CsrfForm,
    async (deps, actor, id) => {
      await nodes.trash(deps, actor, id);
      return nodes.parentPage(deps, actor, id);
    },
    t('documents.trash.done'),
  );
  itemAction(
    '/documents/items/:id/share',
    schema.ShareForm,
    async (deps, actor, id, f) => (
      await nodes.share(deps, actor, id, { personId: f.personId || undefined, groupId: f.groupId || undefined, canEdit: f.canEdit === 'true' }),
      manage(id)
    ),
    t('documents.share.done'),
  );
  itemAction(
    '/documents/items/:id/shares/:shareId/revoke',
    schema.CsrfForm,
    async (deps, actor, id, _f, params) => (await nodes.revoke(deps, actor, id, params.shareId!), manage(id)),
    t('documents.share.revoked'),
  );

  for (const [action, flash] of [
    ['restore', t('documents.trash.restored')],
    ['delete', t('documents.trash.deleted')],
  ] as const) {
    app.post(`/documents/items/:id/${action}`, { schema: { params: schema.IdParams, body: schema.CsrfForm } }, async (request, reply) => {
      const deps = depsOf(request);
      if (action === 'restore') await nodes.restore(deps, request.actor, request.params.id);
      else await nodes.deleteForever(deps, request.actor, request.params.id);
      reply.setFlash(flash);
      return reply.redirect('/documents/trash', 303);
    });
  }
};
