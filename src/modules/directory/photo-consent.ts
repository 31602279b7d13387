import type { Actor } from '../../kernel/authz/index.js';
import { authorize } from '../../kernel/authz/index.js';
import { audit } from '../../kernel/audit.js';
import type { EventBus } from '../../kernel/events/index.js';
import type { DirectoryDeps } from './deps.js';
import { personFacts } from './service.js';
import { displayName } from './repository.js';

/** A pupil's consent as the school manages it; their school's managers only. */
export async function photoConsentOf(deps: DirectoryDeps, actor: Actor, studentId: string) {
  const found = await personFacts(deps, actor, studentId);
  authorize(actor, 'directory.person.photoConsent', found?.facts);
  const person = found!.person;
  return { id: person.id, displayName: displayName(person), photoConsent: person.photoConsent };
}

/** Records a change of consent and tells other modules (the blog hides what no longer complies). */
export async function setPhotoConsent(deps: DirectoryDeps & { events: EventBus }, actor: Actor, studentId: string, consent: boolean | null) {
  const before = await photoConsentOf(deps, actor, studentId);
  const value = consent === null ? null : consent ? 1 : 0;
  if (before.photoConsent === value) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('people').set({ photoConsent: value, updatedAt: now.toISOString() }).where('id', '=', studentId).execute();
    await deps.events.publish(trx, 'directory.photoConsent.changed', { studentId, consent, changedBy: actor.personId });
  });
  await audit(deps.db, { action: 'person.photoConsent', actorId: actor.personId, subjectId: studentId, details: { consent } });
}
