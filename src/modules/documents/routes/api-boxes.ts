import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { contentDisposition, discardFiles, receiveFiles, sendBlob } from '../../../kernel/storage/http.js';
import * as boxes from '../service/boxes.js';
import * as schema from '../schema.js';
import { zipStream } from '../zip.js';
import { depsOf } from './http.js';

const tags = ['documents'];
const security = [{ session: [] }];

type BoxRow = Pick<boxes.Box, 'id' | 'title' | 'dueAt' | 'acceptLate' | 'groupId' | 'assignmentId'> & { groupName: string };
export function toBoxItem(b: BoxRow) {
  return { id: b.id, title: b.title, dueAt: b.dueAt, acceptLate: b.acceptLate === 1, groupId: b.groupId, groupName: b.groupName, assignmentId: b.assignmentId };
}

/** A box as the API and the page show it. */
export async function boxDetail(request: FastifyRequest, actor: Actor, id: string) {
  const detail = await boxes.boxDetail(depsOf(request), actor, id);
  return { ...detail, box: { ...toBoxItem(detail.box), instructions: detail.box.instructions } };
}

/** Receives a pupil's files once the box has said yes; replaced blobs are deleted afterwards. */
export async function handInFiles(request: FastifyRequest, actor: Actor, boxId: string) {
  const deps = depsOf(request);
  const box = await boxes.prepareHandIn(deps, actor, boxId);
  const received = await receiveFiles(request, { maxBytes: deps.config.uploadMaxBytes, maxFiles: 10 });
  try {
    const result = await boxes.handIn(deps, actor, box, received.files);
    await discardFiles(
      deps.blobs,
      result.oldBlobs.map((key) => ({ key, size: 0, sha256: '', contentType: '' })),
    );
    return { ...result, box };
  } catch (error) {
    await discardFiles(deps.blobs, received.files);
    throw error;
  }
}

/** Receives the teacher's comment and corrected file once the hand-in has said yes. */
export async function returnWithFile(request: FastifyRequest, actor: Actor, handInId: string) {
  const deps = depsOf(request);
  const handIn = await boxes.prepareReturn(deps, actor, handInId);
  const received = await receiveFiles(request, { maxBytes: deps.config.uploadMaxBytes, maxFiles: 1 });
  try {
    return { id: await boxes.returnHandIn(deps, actor, handIn, received.fields.comment ?? '', received.files[0] ?? null), boxId: handIn.boxId };
  } catch (error) {
    await discardFiles(deps.blobs, received.files);
    throw error;
  }
}

async function sendZip(request: FastifyRequest, reply: FastifyReply, actor: Actor, boxId: string) {
  const { box, entries } = await boxes.zipOf(depsOf(request), actor, boxId);
  reply.header('Content-Disposition', contentDisposition('attachment', `${box.title.replace(/[/\\]/g, '_')}.zip`));
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.type('application/zip');
  return reply.send(zipStream(request.server.blobs, entries));
}

/** JSON API of hand-in boxes under /api/documents. */
export const boxesApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/boxes', {
    config: { personal: true },
    schema: {
      tags,
      security,
      summary: 'Dépôts de devoirs de mes classes (ou de celles de mes enfants)',
      querystring: schema.PageQuery,
      response: { 200: schema.Type.Object({ items: schema.Type.Array(schema.BoxItem) }), ...errorResponses },
    },
    handler: async (request) => {
      const { limit = 500, offset = 0 } = request.query;
      return { items: (await boxes.listBoxes(depsOf(request), request.actor, { limit, offset })).map(toBoxItem) };
    },
  });

  app.post('/boxes', {
    schema: { tags, security, summary: 'Ouvrir un dépôt de devoirs', body: schema.BoxBody, response: { 201: schema.Created, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send({ id: (await boxes.openBox(depsOf(request), request.actor, request.body)).id }),
  });

  app.get('/boxes/:id', {
    schema: {
      tags,
      security,
      summary: 'Un dépôt : qui a rendu, en retard, pas encore',
      params: schema.IdParams,
      response: { 200: schema.BoxDetail, ...errorResponses },
    },
    handler: async (request) => boxDetail(request, request.actor, request.params.id),
  });

  app.post('/boxes/:id/hand-in', {
    config: { activity: 'documents.handin.submitted' },
    schema: {
      tags,
      security,
      summary: 'Rendre (ou remplacer) ses fichiers (multipart, champ `files`)',
      consumes: ['multipart/form-data'],
      params: schema.IdParams,
      querystring: schema.MultipartQuery,
      response: { 201: schema.Receipt, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await handInFiles(request, request.actor, request.params.id);
      const line = await boxes.receipt(depsOf(request), request.actor, result.box);
      return reply.code(201).send({ handInId: result.handInId, late: result.late, submittedAt: line.submittedAt!, files: line.files });
    },
  });

  app.get('/boxes/:id/zip', {
    schema: { tags, security, summary: 'Tous les fichiers rendus, en un zip (un dossier par élève)', params: schema.IdParams },
    handler: async (request, reply) => sendZip(request, reply, request.actor, request.params.id),
  });

  app.get('/hand-in-files/:id/content', {
    schema: { tags, security, summary: 'Télécharger un fichier rendu', params: schema.IdParams, querystring: schema.ContentQuery },
    handler: async (request, reply) => {
      const f = await boxes.handInFileFor(depsOf(request), request.actor, request.params.id);
      return sendBlob(request, reply, {
        key: f.blobKey,
        size: Number(f.size),
        contentType: f.contentType,
        filename: f.fileName,
        inline: request.query.inline,
        sha256: f.sha256,
      });
    },
  });

  app.post('/hand-ins/:id/returns', {
    schema: {
      tags,
      security,
      summary: 'Rendre une copie : commentaire (champ `comment`) et fichier facultatif (multipart)',
      consumes: ['multipart/form-data'],
      params: schema.IdParams,
      querystring: schema.MultipartQuery,
      response: { 201: schema.Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ id: (await returnWithFile(request, request.actor, request.params.id)).id }),
  });

  app.get('/returns/:id/content', {
    schema: { tags, security, summary: 'Télécharger un fichier rendu par l’enseignant', params: schema.IdParams },
    handler: async (request, reply) => {
      const r = await boxes.returnFileFor(depsOf(request), request.actor, request.params.id);
      return sendBlob(request, reply, {
        key: r.blobKey,
        size: Number(r.size),
        contentType: r.contentType ?? 'application/octet-stream',
        filename: r.fileName ?? 'fichier',
      });
    },
  });
};
