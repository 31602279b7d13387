import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { NotFound, type Actor } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { discardFiles, receiveFiles, sendBlob } from '../../../kernel/storage/http.js';
import { normalizeKey } from '../../../kernel/text.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { canManage, quotaOf } from '../policy.js';
import * as repo from '../repository.js';
import * as schema from '../schema.js';
import * as service from '../service.js';
import { t } from '../i18n/fr.js';

const tags = ['documents'];
const security = [{ session: [] }];

type Row = Pick<repo.Node, 'id' | 'ownerId' | 'parentId' | 'kind' | 'name' | 'size' | 'contentType' | 'sha256' | 'classId' | 'updatedAt'>;
export const toItem = (n: Row): schema.NodeItem => ({
  id: n.id,
  ownerId: n.ownerId,
  parentId: n.parentId,
  kind: n.kind,
  name: n.name,
  size: Number(n.size),
  contentType: n.contentType,
  sha256: n.sha256,
  classId: n.classId,
  updatedAt: n.updatedAt,
});

/** Streams the files of a multipart request into the target, within quota and size limits. */
export async function uploadInto(request: FastifyRequest, actor: Actor, target: service.Target) {
  const deps = { db: request.server.db, blobs: request.server.blobs, config: request.server.config };
  const place = await service.placement(deps, actor, target);
  // Refused before any byte is stored when the request says it is too big for the quota.
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > place.remaining + 64 * 1024) throw service.quotaError(place.remaining);
  const received = await receiveFiles(request, {
    maxBytes: request.server.config.uploadMaxBytes,
    maxFiles: 20,
    maxTotalBytes: Math.max(0, place.remaining),
    totalExceeded: () => service.quotaError(place.remaining),
  });
  try {
    return { nodes: await service.recordFiles(deps, actor, place, received.files), fields: received.fields };
  } catch (error) {
    await discardFiles(request.server.blobs, received.files);
    throw error;
  }
}

/** JSON API of the document space under /api/documents. */
export const nodesApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const deps = { db, blobs: app.blobs, config: app.config };

  app.get('/nodes', {
    schema: {
      tags,
      security,
      summary: 'Lister un dossier (ou la racine de mon espace)',
      querystring: schema.ListQuery,
      response: { 200: schema.Listing, ...errorResponses },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const [used, listing] = await Promise.all([
        repo.usedBytes(db, actor.personId),
        (async () => {
          if (!request.query.parentId) return { folder: null, access: 'own', items: await repo.listChildren(db, { ownerRoot: actor.personId }) };
          const { node, access } = await service.nodeFor(db, actor, request.query.parentId);
          if (node.kind !== 'folder') throw new NotFound();
          return { folder: toItem(node), access: access!, items: await repo.listChildren(db, { parentId: node.id }) };
        })(),
      ]);
      return { ...listing, items: listing.items.map(toItem), used, quota: quotaOf(actor.profile, app.config.quotas) };
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
      const { node, access } = await service.nodeFor(db, request.actor!, request.params.id);
      const shares = canManage(access) ? await repo.listShares(db, node.id) : [];
      return {
        node: toItem(node),
        access: access!,
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
      const { node } = await service.nodeFor(db, request.actor!, request.params.id);
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
      const b = request.body;
      const target: service.Target = b.parentId ? { parentId: b.parentId } : b.classId ? { classId: b.classId, parentsCanRead: !!b.parentsCanRead } : 'root';
      const node = await service.createFolder(deps, request.actor!, target, b.name);
      return reply.code(201).send(toItem(node));
    },
  });

  app.post('/files', {
    schema: {
      tags,
      security,
      summary: 'Déposer des fichiers (multipart, champ `files`, plusieurs possibles)',
      consumes: ['multipart/form-data'],
      querystring: schema.UploadQuery,
      response: { 201: schema.Uploaded, ...errorResponses, 413: errorResponses[400] },
    },
    handler: async (request, reply) => {
      const q = request.query;
      const target: service.Target = q.parentId ? { parentId: q.parentId } : q.classId ? { classId: q.classId, parentsCanRead: !!q.parentsCanRead } : 'root';
      const { nodes } = await uploadInto(request, request.actor!, target);
      return reply.code(201).send({ items: nodes.map(toItem) });
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
      if (request.body.name !== undefined) await service.rename(db, request.actor!, request.params.id, request.body.name);
      if (request.body.parentId !== undefined) await service.move(db, request.actor!, request.params.id, request.body.parentId);
      return reply.code(204).send(null);
    },
  });

  for (const [action, run] of [
    ['trash', service.trash],
    ['restore', service.restore],
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
        await run(db, request.actor!, request.params.id);
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
      await service.deleteForever(deps, request.actor!, request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/trash', {
    schema: { tags, security, summary: 'Ma corbeille', response: { 200: schema.Items, ...errorResponses } },
    handler: async (request) => ({ items: (await repo.listTrash(db, request.actor!)).map(toItem) }),
  });

  app.get('/search', {
    schema: {
      tags,
      security,
      summary: 'Chercher par nom dans mon espace',
      querystring: schema.SearchQuery,
      response: { 200: schema.Items, ...errorResponses },
    },
    handler: async (request) => ({ items: (await repo.searchOwn(db, request.actor!, normalizeKey(request.query.q))).map(toItem) }),
  });

  app.get('/shared', {
    schema: { tags, security, summary: 'Partagés avec moi', response: { 200: schema.Items, ...errorResponses } },
    handler: async (request) => ({ items: (await repo.listSharedWithMe(db, request.actor!, schoolYearOf())).map(toItem) }),
  });

  app.get('/classes/:id', {
    schema: { tags, security, summary: 'Espace d’une classe', params: schema.IdParams, response: { 200: schema.Items, ...errorResponses } },
    handler: async (request) => {
      const actor = request.actor!;
      const role = await repo.classRole(db, actor, request.params.id);
      if (!role) throw new NotFound();
      const items = await repo.listChildren(db, { classRoot: request.params.id });
      // Parents only see what the teacher opened to them.
      return { items: items.filter((n) => role !== 'relative' || n.parentsCanRead === 1).map(toItem) };
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
    handler: async (request, reply) => reply.code(201).send({ id: await service.share(db, request.actor!, request.params.id, request.body) }),
  });

  app.delete('/nodes/:id/shares/:shareId', {
    schema: { tags, security, summary: 'Retirer un partage', params: schema.ShareParams, response: { 204: Type.Null(), ...errorResponses } },
    handler: async (request, reply) => {
      await service.revoke(db, request.actor!, request.params.id, request.params.shareId);
      return reply.code(204).send(null);
    },
  });
};
