import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound, type Actor } from '../../../kernel/authz/index.js';
import { errorResponses } from '../../../kernel/http/schemas.js';
import { contentDisposition, discardFiles, receiveFiles, sendBlob } from '../../../kernel/storage/http.js';
import * as boxes from '../boxes.js';
import * as schema from '../schema.js';
import { zipStream } from '../zip.js';

const tags = ['documents'];
const security = [{ session: [] }];

export function toBoxItem(b: boxes.Box & { groupName: string }) {
  return { id: b.id, title: b.title, dueAt: b.dueAt, acceptLate: b.acceptLate === 1, groupId: b.groupId, groupName: b.groupName, assignmentId: b.assignmentId };
}

/** What each role sees of a box: the teacher every pupil, a pupil themselves, a parent their children's status. */
export async function boxDetail(request: FastifyRequest, actor: Actor, id: string) {
  const db = request.server.db;
  const { box, role, groupName } = await boxes.boxFor(db, actor, id);
  let lines: boxes.RosterLine[];
  if (role === 'teacher') lines = await boxes.roster(db, box);
  else if (role === 'student') lines = await boxes.roster(db, box, [actor.personId]);
  else lines = (await boxes.roster(db, box, await boxes.childrenInGroup(db, actor, box.groupId))).map((l) => ({ ...l, files: [], returns: [] }));
  return { box: { ...toBoxItem({ ...box, groupName }), instructions: box.instructions }, role, lines };
}

/** Receives a pupil's files and records the hand-in; replaced blobs are deleted afterwards. */
export async function handInFiles(request: FastifyRequest, actor: Actor, boxId: string) {
  const { db, blobs, config } = request.server;
  const { role } = await boxes.boxFor(db, actor, boxId);
  if (role !== 'student') throw new NotFound();
  const received = await receiveFiles(request, { maxBytes: config.uploadMaxBytes, maxFiles: 10 });
  try {
    const result = await boxes.handIn(db, actor, boxId, received.files);
    await discardFiles(
      blobs,
      result.oldBlobs.map((key) => ({ key, size: 0, sha256: '', contentType: '' })),
    );
    return { ...result, files: received.files };
  } catch (error) {
    await discardFiles(blobs, received.files);
    throw error;
  }
}

export async function returnWithFile(request: FastifyRequest, actor: Actor, handInId: string) {
  const { db, blobs, config } = request.server;
  const received = await receiveFiles(request, { maxBytes: config.uploadMaxBytes, maxFiles: 1 });
  try {
    return await boxes.returnHandIn(db, actor, handInId, received.fields.comment ?? '', received.files[0] ?? null);
  } catch (error) {
    await discardFiles(blobs, received.files);
    throw error;
  }
}

export async function sendZip(request: FastifyRequest, reply: FastifyReply, actor: Actor, boxId: string) {
  const { box, role } = await boxes.boxFor(request.server.db, actor, boxId);
  if (role !== 'teacher') throw new NotFound();
  const entries = await boxes.zipEntries(request.server.db, box);
  reply.header('Content-Disposition', contentDisposition('attachment', `${box.title.replace(/[/\\]/g, '_')}.zip`));
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.type('application/zip');
  return reply.send(zipStream(request.server.blobs, entries));
}

/** JSON API of hand-in boxes under /api/documents. */
export const boxesApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  app.get('/boxes', {
    schema: {
      tags,
      security,
      summary: 'Dépôts de devoirs de mes classes (ou de celles de mes enfants)',
      response: { 200: schema.Type.Object({ items: schema.Type.Array(schema.BoxItem) }), ...errorResponses },
    },
    handler: async (request) => ({ items: (await boxes.listBoxes(db, request.actor!)).map((b) => toBoxItem(b as boxes.Box & { groupName: string })) }),
  });

  app.post('/boxes', {
    schema: { tags, security, summary: 'Ouvrir un dépôt de devoirs', body: schema.BoxBody, response: { 201: schema.Created, ...errorResponses } },
    handler: async (request, reply) => reply.code(201).send({ id: (await boxes.openBox(db, request.actor!, request.body)).id }),
  });

  app.get('/boxes/:id', {
    schema: {
      tags,
      security,
      summary: 'Un dépôt : qui a rendu, en retard, pas encore',
      params: schema.IdParams,
      response: { 200: schema.BoxDetail, ...errorResponses },
    },
    handler: async (request) => boxDetail(request, request.actor!, request.params.id),
  });

  app.post('/boxes/:id/hand-in', {
    schema: {
      tags,
      security,
      summary: 'Rendre (ou remplacer) ses fichiers (multipart, champ `files`)',
      consumes: ['multipart/form-data'],
      params: schema.IdParams,
      response: { 201: schema.Receipt, ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await handInFiles(request, request.actor!, request.params.id);
      const [line] = await boxes.roster(db, (await boxes.boxFor(db, request.actor!, request.params.id)).box, [request.actor!.personId]);
      return reply.code(201).send({ handInId: result.handInId, late: result.late, submittedAt: line!.submittedAt!, files: line!.files });
    },
  });

  app.get('/boxes/:id/zip', {
    schema: { tags, security, summary: 'Tous les fichiers rendus, en un zip (un dossier par élève)', params: schema.IdParams },
    handler: async (request, reply) => sendZip(request, reply, request.actor!, request.params.id),
  });

  app.get('/hand-in-files/:id/content', {
    schema: { tags, security, summary: 'Télécharger un fichier rendu', params: schema.IdParams, querystring: schema.ContentQuery },
    handler: async (request, reply) => {
      const f = await boxes.handInFileFor(db, request.actor!, request.params.id);
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
      response: { 201: schema.Created, ...errorResponses },
    },
    handler: async (request, reply) => reply.code(201).send({ id: await returnWithFile(request, request.actor!, request.params.id) }),
  });

  app.get('/returns/:id/content', {
    schema: { tags, security, summary: 'Télécharger un fichier rendu par l’enseignant', params: schema.IdParams },
    handler: async (request, reply) => {
      const r = await boxes.returnFileFor(db, request.actor!, request.params.id);
      return sendBlob(request, reply, {
        key: r.blobKey!,
        size: Number(r.size),
        contentType: r.contentType ?? 'application/octet-stream',
        filename: r.fileName ?? 'fichier',
      });
    },
  });
};
