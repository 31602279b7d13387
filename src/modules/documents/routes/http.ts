import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../../kernel/authz/index.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { discardFiles, receiveFiles } from '../../../kernel/storage/http.js';
import * as nodes from '../service/nodes.js';
import type { Node } from '../repository/nodes.js';
import type { NodeItem } from '../schema.js';
import { t } from '../i18n/fr.js';

/** The service's dependencies, from the app. */
export const depsOf = (request: FastifyRequest): nodes.Deps => {
  const { db, blobs, config, clock } = request.server;
  return { db, blobs, config, clock };
};

type Row = Pick<Node, 'id' | 'ownerId' | 'parentId' | 'kind' | 'name' | 'size' | 'contentType' | 'sha256' | 'classId' | 'updatedAt'>;
export const toItem = (n: Row): NodeItem => ({
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

/**
 * Streams the files of a multipart request into the target, within quota and size limits. The
 * target is authorized before the first byte is read; a `parentsCanRead` field of a class-space
 * form applies to the files it brings.
 */
export async function uploadInto(request: FastifyRequest, actor: Actor, target: nodes.Target) {
  const deps = depsOf(request);
  const place = await nodes.placement(deps, actor, target);
  // Refused before any byte is stored when the request says it is too big for the quota.
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > place.remaining + 64 * 1024) throw nodes.quotaError(place.remaining);
  const received = await receiveFiles(request, {
    maxBytes: deps.config.uploadMaxBytes,
    maxFiles: 20,
    maxTotalBytes: Math.max(0, place.remaining),
    totalExceeded: () => nodes.quotaError(place.remaining),
  });
  const opened = place.classId && !place.parent && received.fields.parentsCanRead === 'true';
  try {
    return await nodes.recordFiles(deps, actor, opened ? { ...place, parentsCanRead: 1 } : place, received.files);
  } catch (error) {
    await discardFiles(deps.blobs, received.files);
    throw error;
  }
}

interface SchemaProblem {
  instancePath: string;
  params?: { missingProperty?: string };
}

/**
 * The messages of a form that failed its schema, field by field. A bad id in the path or the query
 * is a page that does not exist (404), as before any schema.
 */
export function formErrors(request: FastifyRequest): Record<string, string> {
  const error = request.validationError as (Error & { validation?: SchemaProblem[]; validationContext?: string }) | undefined;
  if (!error) return {};
  if (error.validationContext === 'params' || error.validationContext === 'querystring') throw new NotFound();
  const errors: Record<string, string> = {};
  for (const problem of error.validation ?? []) {
    const field = problem.instancePath.replace(/^\//, '').split('/')[0] || problem.params?.missingProperty || '_form';
    errors[field] ??= t('documents.error.field');
  }
  if (Object.keys(errors).length === 0) errors._form = t('error.validation');
  return errors;
}
