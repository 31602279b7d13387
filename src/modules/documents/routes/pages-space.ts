import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { requireUser } from '../../../kernel/auth/plugin.js';
import { NotFound, type Actor } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { normalizeKey } from '../../../kernel/text.js';
import { displayName, schoolYearOf, visiblePersonIds } from '../../directory/index.js';
import { canEdit, canManage, quotaOf } from '../policy.js';
import * as repo from '../repository.js';
import * as service from '../service.js';
import { t } from '../i18n/fr.js';
import { toItem, uploadInto } from './api-nodes.js';
import { SpacePage, type Tab } from '../views/space.js';
import { ItemPage } from '../views/item.js';
import { TrashPage } from '../views/trash.js';

type Form = Record<string, string | undefined>;
type IdReq = FastifyRequest<{ Params: { id: string; shareId?: string }; Querystring: Form; Body: Form }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const page = { service: 'documents' };

function uuid(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw new NotFound();
  return value;
}

/** Classes whose space the actor may open: their own classes, or their children's. */
async function classSpaces(request: FastifyRequest, actor: Actor) {
  const db = request.server.db;
  const year = schoolYearOf();
  const children = db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', actor.personId);
  return db
    .selectFrom('groups')
    .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
    .select(['groups.id', 'groups.name'])
    .distinct()
    .where('groups.schoolYear', '=', year)
    .where('groups.kind', '=', 'class')
    .where((eb) => eb.or([eb('groupMembers.personId', '=', actor.personId), eb('groupMembers.personId', 'in', children)]))
    .orderBy('groups.name')
    .execute();
}

async function tabs(request: FastifyRequest, actor: Actor, current: string): Promise<Tab[]> {
  const classes = await classSpaces(request, actor);
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

/** Server-rendered document space under /documents; every form works without JavaScript. */
/** A folder page shows this many entries; a folder of 1 000 files stays a light page. */
const PAGE_SIZE = 100;

export const spacePages: FastifyPluginAsync = async (app) => {
  const db = app.db;
  const deps = { db, blobs: app.blobs, config: app.config };
  app.addHook('preHandler', requireUser);

  async function usage(actor: Actor) {
    return { used: await repo.usedBytes(db, actor.personId), quota: quotaOf(actor.profile, app.config.quotas), uploadMaxBytes: app.config.uploadMaxBytes };
  }

  /** A folder, the root, or a class space, optionally with form errors. */
  async function renderListing(
    request: FastifyRequest,
    reply: FastifyReply,
    where: { folderId?: string; classId?: string; q?: string },
    errors?: Record<string, string>,
    status = 200,
  ) {
    const actor = request.actor!;
    const pageNumber = Math.min(Math.max(1, Number.parseInt((request.query as { page?: string } | undefined)?.page ?? '1', 10) || 1), 100_000);
    const window = { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE };
    const paging = (total: number) => ({ page: pageNumber, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), basePath: request.url.split('?')[0]! });
    const common = { csrf: request.csrfToken, errors, ...(await usage(actor)) };
    if (where.folderId) {
      const { node, access } = await service.nodeFor(db, actor, where.folderId);
      if (node.kind !== 'folder') throw new NotFound();
      const listing = await repo.pageOfChildren(db, { parentId: node.id }, window);
      const items = listing.items.map(toItem);
      const crumbs = await service.breadcrumbs(db, actor, node);
      return reply.page(
        { ...page, title: node.name, status },
        h(SpacePage, {
          ...common,
          paging: paging(listing.total),
          title: node.name,
          tabs: await tabs(request, actor, ''),
          breadcrumbs: crumbs,
          items,
          target: canEdit(access) ? `parentId=${node.id}` : null,
          manageHref: canEdit(access) ? `/documents/items/${node.id}?manage=1` : undefined,
        }),
      );
    }
    if (where.classId) {
      const role = await repo.classRole(db, actor, where.classId);
      if (!role) throw new NotFound();
      const group = await db.selectFrom('groups').select('name').where('id', '=', where.classId).executeTakeFirstOrThrow();
      const listing = await repo.pageOfChildren(db, { classRoot: where.classId }, { ...window, parentsOnly: role === 'relative' });
      const items = listing.items.map(toItem);
      const title = t('documents.class.title', group.name);
      return reply.page(
        { ...page, title, status },
        h(SpacePage, {
          ...common,
          paging: paging(listing.total),
          title,
          tabs: await tabs(request, actor, `/documents/classes/${where.classId}`),
          breadcrumbs: [],
          items,
          classSpace: true,
          target: role === 'teacher' && actor.profile === 'teacher' ? `classId=${where.classId}` : null,
        }),
      );
    }
    const q = (where.q ?? '').trim().slice(0, 100);
    const listing = await repo.pageOfChildren(db, { ownerRoot: actor.personId }, window);
    const items = listing.items.map(toItem);
    const searchResults = q ? (await repo.searchOwn(db, actor, normalizeKey(q))).map(toItem) : undefined;
    return reply.page(
      { ...page, title: t('documents.title'), status },
      h(SpacePage, {
        ...common,
        paging: paging(listing.total),
        title: t('documents.title'),
        tabs: await tabs(request, actor, '/documents'),
        breadcrumbs: [],
        items,
        target: '',
        q,
        searchResults,
      }),
    );
  }

  app.get('/documents', async (request: IdReq, reply) => renderListing(request, reply, { q: request.query.q }));
  app.get('/documents/folders/:id', async (request: IdReq, reply) => renderListing(request, reply, { folderId: uuid(request.params.id) }));
  app.get('/documents/classes/:id', async (request: IdReq, reply) => renderListing(request, reply, { classId: uuid(request.params.id) }));

  app.get('/documents/shared', async (request, reply) => {
    const actor = request.actor!;
    const items = (await repo.listSharedWithMe(db, actor, schoolYearOf())).map(toItem);
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
        ...(await usage(actor)),
      }),
    );
  });

  app.get('/documents/trash', async (request, reply) => {
    const actor = request.actor!;
    const items = (await repo.listTrash(db, actor)).map(toItem);
    const title = t('documents.trash.title');
    return reply.page({ ...page, title }, h(TrashPage, { title, tabs: await tabs(request, actor, '/documents/trash'), items, csrf: request.csrfToken }));
  });

  /** Where a listing form posts to: its query string names the folder or class space. */
  function targetOf(query: Form, body?: Form): { target: service.Target; where: { folderId?: string; classId?: string } } {
    if (query.parentId) return { target: { parentId: uuid(query.parentId) }, where: { folderId: query.parentId } };
    if (query.classId)
      return {
        target: { classId: uuid(query.classId), parentsCanRead: (body?.parentsCanRead ?? query.parentsCanRead) === 'true' },
        where: { classId: query.classId },
      };
    return { target: 'root', where: {} };
  }

  function back(where: { folderId?: string; classId?: string }): string {
    return where.folderId ? `/documents/folders/${where.folderId}` : where.classId ? `/documents/classes/${where.classId}` : '/documents';
  }

  app.post('/documents/upload', async (request: IdReq, reply) => {
    const { target, where } = targetOf(request.query);
    try {
      if (!request.isMultipart()) throw new AppError(400, 'documents.no_files', t('documents.upload.none'));
      // The class-space checkbox arrives inside the multipart body, after the placement is chosen:
      // read it from the query when the form put it there, else apply it once the files are in.
      const { nodes, fields } = await uploadInto(request, request.actor!, target);
      if (nodes.length === 0) throw new AppError(400, 'documents.no_files', t('documents.upload.none'));
      if (typeof target === 'object' && 'classId' in target && fields.parentsCanRead === 'true') {
        await db
          .updateTable('documentNodes')
          .set({ parentsCanRead: 1 })
          .where(
            'id',
            'in',
            nodes.map((n) => n.id),
          )
          .execute();
      }
      reply.setFlash(t('documents.upload.done', nodes.length));
      return reply.redirect(back(where), 303);
    } catch (error) {
      const errors = error instanceof AppError ? { files: error.message } : null;
      if (!errors || !(error instanceof AppError) || error.statusCode === 404) throw error;
      return renderListing(request, reply, where, errors, error.statusCode);
    }
  });

  app.post('/documents/folders', async (request: IdReq, reply) => {
    const { target, where } = targetOf(request.query, request.body);
    try {
      await service.createFolder(deps, request.actor!, target, request.body?.name);
      reply.setFlash(t('documents.folder.created'));
      return reply.redirect(back(where), 303);
    } catch (error) {
      const errors = fieldErrors(error);
      if (!errors || (error instanceof AppError && error.statusCode === 404)) throw error;
      return renderListing(request, reply, where, errors, (error as AppError).statusCode);
    }
  });

  async function renderItem(request: FastifyRequest, reply: FastifyReply, id: string, errors?: Record<string, string>, status = 200) {
    const actor = request.actor!;
    const { node, access } = await service.nodeFor(db, actor, id);
    const year = schoolYearOf();
    const manage = canManage(access);
    const [shares, moveTargets, people, groups] = await Promise.all([
      manage ? repo.listShares(db, node.id) : [],
      canEdit(access)
        ? db
            .selectFrom('documentNodes')
            .select(['id', 'name'])
            .where('ownerId', '=', node.ownerId)
            .where('kind', '=', 'folder')
            .where('trashedAt', 'is', null)
            .where('path', 'not like', `${node.path}%`)
            .where((eb) => (node.classId ? eb('classId', '=', node.classId) : eb('classId', 'is', null)))
            .orderBy('searchKey')
            .limit(500)
            .execute()
        : [],
      manage
        ? db
            .selectFrom('people')
            .select(['id', 'firstName', 'lastName', 'usageName'])
            .where('id', 'in', visiblePersonIds(db, actor, year))
            .where('id', '!=', actor.personId)
            .where('status', '=', 'active')
            .orderBy('searchKey')
            .limit(500)
            .execute()
        : [],
      manage
        ? db
            .selectFrom('groups')
            .select(['id', 'name'])
            .where('id', 'in', repo.myGroupIds(db, actor.personId, year))
            .orderBy('name')
            .execute()
        : [],
    ]);
    return reply.page(
      { ...page, title: node.name, status },
      h(ItemPage, {
        item: toItem(node),
        tabs: await tabs(request, actor, ''),
        canEdit: canEdit(access),
        canManage: manage,
        csrf: request.csrfToken,
        errors,
        moveTargets,
        shares: shares.map((s) => ({
          id: s.id,
          canEdit: s.canEdit === 1,
          name:
            s.granteeKind === 'group'
              ? (s.groupName ?? '')
              : displayName({ firstName: s.firstName ?? '', lastName: s.lastName ?? '', usageName: s.usageName ?? null }),
        })),
        people: people.map((p) => ({ id: p.id, name: displayName(p) })),
        groups,
      }),
    );
  }

  app.get('/documents/items/:id', async (request: IdReq, reply) => {
    const id = uuid(request.params.id);
    const { node } = await service.nodeFor(db, request.actor!, id);
    if (node.kind === 'folder') {
      // Folders have their own listing; the item page is for its actions and shares.
      if (request.query.manage !== '1') return reply.redirect(`/documents/folders/${id}`, 303);
    }
    return renderItem(request, reply, id);
  });

  /** Runs an item action from a form: back to a page with a flash, or the item page with errors. */
  function itemAction(path: string, run: (request: IdReq, id: string) => Promise<string>, flash: string) {
    app.post(path, async (request: IdReq, reply) => {
      const id = uuid(request.params.id);
      try {
        const to = await run(request, id);
        reply.setFlash(flash);
        return reply.redirect(to, 303);
      } catch (error) {
        const errors = fieldErrors(error);
        if (!errors || (error instanceof AppError && error.statusCode === 404)) throw error;
        return renderItem(request, reply, id, errors, (error as AppError).statusCode);
      }
    });
  }

  const parentPage = async (id: string, actor: Actor) => {
    const node = await repo.findNode(db, id);
    return node?.parentId
      ? `/documents/folders/${node.parentId}`
      : node?.classId
        ? `/documents/classes/${node.classId}`
        : node && node.ownerId !== actor.personId
          ? '/documents/shared'
          : '/documents';
  };
  itemAction(
    '/documents/items/:id/rename',
    async (r, id) => (await service.rename(db, r.actor!, id, r.body?.name), `/documents/items/${id}?manage=1`),
    t('documents.rename.done'),
  );
  itemAction(
    '/documents/items/:id/move',
    async (r, id) => (await service.move(db, r.actor!, id, r.body?.parentId || null), `/documents/items/${id}?manage=1`),
    t('documents.move.done'),
  );
  itemAction('/documents/items/:id/trash', async (r, id) => (await service.trash(db, r.actor!, id), await parentPage(id, r.actor!)), t('documents.trash.done'));
  itemAction(
    '/documents/items/:id/share',
    async (r, id) => (
      await service.share(db, r.actor!, id, {
        personId: r.body?.personId || undefined,
        groupId: r.body?.groupId || undefined,
        canEdit: r.body?.canEdit === 'true',
      }),
      `/documents/items/${id}?manage=1`
    ),
    t('documents.share.done'),
  );
  itemAction(
    '/documents/items/:id/shares/:shareId/revoke',
    async (r, id) => (await service.revoke(db, r.actor!, id, uuid(r.params.shareId)), `/documents/items/${id}?manage=1`),
    t('documents.share.revoked'),
  );

  for (const [action, flash] of [
    ['restore', t('documents.trash.restored')],
    ['delete', t('documents.trash.deleted')],
  ] as const) {
    app.post(`/documents/items/:id/${action}`, async (request: IdReq, reply) => {
      const id = uuid(request.params.id);
      if (action === 'restore') await service.restore(db, request.actor!, id);
      else await service.deleteForever(deps, request.actor!, id);
      reply.setFlash(flash);
      return reply.redirect('/documents/trash', 303);
    });
  }
};
