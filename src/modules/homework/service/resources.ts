// Links of the link bank and catalogue resources attached to a lesson or its work. The lesson's
// readers see what its author attached: attaching shares it with them, as a file would be.
import { authorize, NotFound, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { attachableResource } from '../../resources/index.js';
import * as repo from '../repository/lessons.js';
import * as resources from '../repository/resources.js';
import type { Deps } from './deps.js';
import { authorFacts } from './facts.js';

export async function attachResource(
  deps: Deps,
  actor: Actor,
  lessonId: string,
  input: { kind: 'link' | 'resource'; id: string; assignmentId?: string },
): Promise<{ id: string; kind: 'link' | 'resource'; title: string; url: string; assignmentId: string | null }> {
  const now = deps.clock.now();
  const lesson = await repo.findLesson(deps.db, lessonId);
  authorize(actor, 'homework.attachment.add', authorFacts(lesson, now));
  if (input.assignmentId && !(await resources.assignmentOfLesson(deps.db, lessonId, input.assignmentId))) throw new NotFound();
  // The teacher may attach only what they may read themselves.
  const found = await attachableResource(deps.db, actor, input.kind, input.id, now);
  if (!found) throw new NotFound();
  const row = {
    id: newId(),
    lessonId,
    assignmentId: input.assignmentId ?? null,
    kind: input.kind,
    refId: input.id,
    title: found.title,
    url: found.url,
    createdAt: now.toISOString(),
  };
  await resources.insertResource(deps.db, row);
  return { id: row.id, kind: row.kind, title: row.title, url: row.url, assignmentId: row.assignmentId };
}

export async function detachResource(deps: Deps, actor: Actor, lessonId: string, id: string): Promise<void> {
  const lesson = await repo.findLesson(deps.db, lessonId);
  authorize(actor, 'homework.attachment.remove', authorFacts(lesson, deps.clock.now()));
  if (!(await resources.deleteResource(deps.db, lessonId, id))) throw new NotFound();
}
