import type { Actor } from '../../kernel/authz/index.js';
import { Forbidden } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { flag, nowIso } from '../../kernel/db/index.js';
import { audit } from '../../kernel/audit.js';
import { canManageSettings } from './policy.js';
import { settingsOf } from './repository.js';

/** The structure whose settings the actor manages right now, or 403. */
export function settingsStructure(actor: Actor): string {
  const id = actor.activeStructureId;
  if (!id || !canManageSettings(actor, id)) throw new Forbidden();
  return id;
}

export async function readSettings(db: Db, actor: Actor) {
  const structureId = settingsStructure(actor);
  return { structureId, ...(await settingsOf(db, structureId)) };
}

export async function updateSettings(db: Db, actor: Actor, input: { openToStudents: boolean; openToRelatives: boolean }) {
  const structureId = settingsStructure(actor);
  const values = { openToStudents: flag(input.openToStudents), openToRelatives: flag(input.openToRelatives), updatedAt: nowIso(), updatedBy: actor.personId };
  await db
    .insertInto('homeworkSettings')
    .values({ structureId, ...values })
    .onConflict((oc) => oc.column('structureId').doUpdateSet(values))
    .execute();
  await audit(db, { action: 'homework.settings', actorId: actor.personId, structureId, details: input });
  return { structureId, ...input };
}
