import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { displayName } from '../../directory/index.js';
import * as schema from '../schema.js';
import * as nodes from '../service/nodes.js';
import { t } from '../i18n/fr.js';
import { depsOf, toItem, uploadInto } from './http.js';

const tags = ['documents'];
const security = [{ session: [] }];
const own = { personal: true };

/** Where a JSON body or query puts new things. */
function targetOf(q: { parentId?: string; classId?: string; parentsCanRead?: boolean }): nodes.Target {
  if (q.parentId) return { parentId: q.parentId };
  if (q.classId) return { classId: q.classId, parentsCanRead: !!q.parentsCanRead };
  return 'root';
}

/** JSON API of the document space under /api/documents. */
export const nodesApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/nodes', {
    schema: {
      tags,
      security,
      summary: 'Lister un dossier (ou la racine de mon espace)',
      querystring: schema.ListQuery,
      response: { 200: schema.Listing, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(request);
      const actor = request.actor;
      const { parentId, limit = 1000, offset = 0 } = request.query;
      const usage = await nodes.usage(deps, actor);
      if (!parentId) {
        const listing = await nodes.ownListing(deps, actor, { limit, offset });
        return { folder: null, access: 'own', items: listing.items.map(toItem), ...usage };
      }
      const listing = await nodes.folderListing(deps, actor, parentId, { limit, offset });
      return { folder: toItem(listing.node), access: listing.access ?? 'read', items: listing.items.map(toItem), ...usage };
    },
  });

  app.get('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Un fichier ou dossier, et ses partages',
      params: schema.IdParams,
      response: { 200: schema.NodeDetail, ...errorResponses },
    },
    handler: async (request) => {
      const deps = depsOf(request);
      const item = await nodes.nodeFor(deps, request.actor, request.params.id);
      const shares = await nodes.sharesOf(deps, request.actor, item);
      return {
        node: toItem(item.node),
        access: item.access ?? 'read',
        shares: shares.map((s) => ({
          id: s.id,
          granteeKind: s.granteeKind,
          granteeId: s.granteeId,
          canEdit: s.canEdit === 1,
          name:
            s.granteeKind === 'group'
              ? (s.groupName ?? '')
              : s.firstName
                ? displayName({ firstName: s.firstName, lastName: s.lastName ?? '', usageName: s.usageName ?? null })
                : '',
        })),
      };
    },
  });

  app.get('/nodes/:id/content', {
    schema: { tags, security, summary: 'Télécharger un fichier (Range accepté)', params: schema.IdParams, querystring: schema.ContentQuery },
    handler: async (request, reply) => {
      const { node } = await nodes.nodeFor(depsOf(request), request.actor, request.params.id);
      if (node.kind !== 'file' || !node.blobKey) throw new NotFound(t('documents.error.folder_download'));
      return sendBlob(request, reply, {
        key: node.blobKey,
        size: Number(node.size),
        contentType: node.contentType ?? 'application/octet-stream',
        filename: node.name,
        inline: request.query.inline,
        sha256: node.sha256 ?? undefined,
      });
    },
  });

  app.post('/folders', {
    schema: { tags, security, summary: 'Créer un dossier', body: schema.FolderBody, response: { 201: schema.NodeItem, ...errorResponses } },
    handler: async (request, reply) => {
      const node = await nodes.createFolder(depsOf(request), request.actor, targetOf(request.body), request.body.name);
      return reply.code(201).send(toItem(node));
    },
  });

  app.post('/files', {
    config: { activity: 'documents.file.uploaded' },
    schema: {
      tags,
      security,
      summary: 'Déposer des fichiers (multipart, champ `files`, plusieurs possibles)',
      consumes: ['multipart/form-data'],
      querystring: schema.UploadQuery,
      response: { 201: schema.Uploaded, ...errorResponses, 413: errorResponses[400] },
    },
    handler: async (request, reply) => {
      const created = await uploadInto(request, request.actor, targetOf(request.query));
      return reply.code(201).send({ items: created.map(toItem) });
    },
  });

  app.patch('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Renommer ou déplacer',
      params: schema.IdParams,
      body: schema.UpdateBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      const deps = depsOf(request);
      if (request.body.name !== undefined) await nodes.rename(deps, request.actor, request.params.id, request.body.name);
      if (request.body.parentId !== undefined) await nodes.move(deps, request.actor, request.params.id, request.body.parentId);
      return reply.code(204).send(null);
    },
  });

  for (const [action, run] of [
    ['trash', nodes.trash],
    ['restore', nodes.restore],
  ] as const) {
    app.post(`/nodes/:id/${action}`, {
      schema: {
        tags,
        security,
        summary: action === 'trash' ? 'Mettre à la corbeille' : 'Restaurer depuis la corbeille',
        params: schema.IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      handler: async (request, reply) => {
        await run(depsOf(request), request.actor, request.params.id);
        return reply.code(204).send(null);
      },
    });
  }

  app.delete('/nodes/:id', {
    schema: {
      tags,
      security,
      summary: 'Supprimer définitivement (depuis la corbeille)',
      params: schema.IdParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      await nodes.deleteForever(depsOf(request), request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/trash', {
    config: own,
    schema: { tags, security, summary: 'Ma corbeille', querystring: schema.PageQuery, response: { 200: schema.Items, ...errorResponses } },
    handler: async (request) => {
      const { limit = 1000, offset = 0 } = request.query;
      return { items: (await nodes.trashOf(depsOf(request), request.actor, { limit, offset })).map(toItem) };
    },
  });

  app.get('/search', {
    config: own,
    schema: {
      tags,
      security,
      summary: 'Chercher par nom dans mon espace',
      querystring: schema.SearchQuery,
      response: { 200: schema.Items, ...errorResponses },
    },
    handler: async (request) => {
      const { q, limit = 200, offset = 0 } = request.query;
      return { items: (await nodes.searchOwn(depsOf(request), request.actor, q, { limit, offset })).map(toItem) };
    },
  });

  app.get('/shared', {
    config: own,
    schema: { tags, security, summary: 'Partagés avec moi', querystring: schema.PageQuery, response: { 200: schema.Items, ...errorResponses } },
    handler: async (request) => {
      const { limit = 1000, offset = 0 } = request.query;
      return { items: (await nodes.sharedWithMe(depsOf(request), request.actor, { limit, offset })).map(toItem) };
    },
  });

  app.get('/classes/:id', {
    schema: {
      tags,
      security,
      summary: 'Espace d’une classe',
      params: schema.IdParams,
      querystring: schema.PageQuery,
      response: { 200: schema.Items, ...errorResponses },
    },
    handler: async (request) => {
      const { limit = 1000, offset = 0 } = request.query;
      const listing = await nodes.classListing(depsOf(request), request.actor, request.params.id, { limit, offset });
      return { items: listing.items.map(toItem) };
    },
  });

  app.post('/nodes/:id/shares', {
    schema: {
      tags,
      security,
      summary: 'Partager avec une personne ou un groupe',
      params: schema.IdParams,
      body: schema.ShareBody,
      response: { 201: schema.Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ id: await nodes.share(depsOf(request), request.actor, request.params.id, request.body) }),
  });

  app.delete('/nodes/:id/shares/:shareId', {
    schema: { tags, security, summary: 'Retirer un partage', params: schema.ShareParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await nodes.revoke(depsOf(request), request.actor, request.params.id, request.params.shareId);
      return reply.code(204).send(null);
    },
  });
};
