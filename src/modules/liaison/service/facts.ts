import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { schoolYearOf } from '../../directory/index.js';
import type { NoteFacts } from '../policy.js';
import * as repo from '../repository.js';

/** The facts of the read and manage rules for one note, from who asks; null when there is no such note. */
export async function noteFacts(db: Db, actor: Actor, noteId: string, now: Date) {
  const note = await repo.findNote(db, noteId);
  if (!note) return null;
  const [relations, childrenOfActor, pupilConcerned] = await Promise.all([
    repo.relationsTo(db, actor.personId, note.groupId, note.schoolYear),
    actor.profile === 'relative' ? repo.guardedAmong(db, actor.personId, note.id) : Promise.resolve([]),
    actor.profile === 'student' ? repo.isConcerned(db, note.id, actor.personId) : Promise.resolve(false),
  ]);
  const facts: NoteFacts = {
    structureId: note.structureId,
    authorId: note.authorId,
    current: note.schoolYear === schoolYearOf(now),
    withdrawn: note.withdrawnAt !== null,
    showToPupils: note.showToPupils === 1,
    relations,
    childrenOfActor,
    pupilConcerned,
  };
  return { note, facts };
}
