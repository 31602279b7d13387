import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { flag } from '../../../kernel/db/index.js';
import { audit } from '../../../kernel/audit.js';
import * as repo from '../repository/settings.js';
import type { Deps } from './deps.js';

/** The structure whose settings the actor manages right now (the one chosen in the switcher). */
function settingsStructure(actor: Actor): string {
  const structure = { structureId: actor.activeStructureId };
  authorize(actor, 'homework.settings.manage', structure);
  return structure.structureId!;
}

export async function readSettings(deps: Deps, actor: Actor) {
  const structureId = settingsStructure(actor);
  return { structureId, ...(await repo.settingsOf(deps.db, structureId)) };
}

export async function updateSettings(deps: Deps, actor: Actor, input: { openToStudents: boolean; openToRelatives: boolean }) {
  const structureId = settingsStructure(actor);
  await repo.saveSettings(deps.db, {
    structureId,
    openToStudents: flag(input.openToStudents),
    openToRelatives: flag(input.openToRelatives),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: actor.personId,
  });
  await audit(deps.db, { action: 'homework.settings', actorId: actor.personId, structureId, details: input });
  return { structureId, ...input };
}
