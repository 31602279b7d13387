import { audit } from '../../../kernel/audit.js';
import { authorize, NotFound, type Actor } from '../../../kernel/authz/index.js';
import { displayName } from '../../directory/index.js';
import * as repo from '../repository.js';
import type { Deps } from './deps.js';
import '../policy.js';

export interface ResetTarget {
  id: string;
  name: string;
  login: string;
  enrolledAt: string | null;
}

async function ownerFacts(db: Deps['db'], personId: string) {
  const found = await repo.factorOwner(db, personId);
  return found
    ? { found, facts: { personId: found.person.id, structureIds: found.structureIds, isSuperAdmin: found.person.isSuperAdmin === 1 } }
    : { found: null, facts: null };
}

/** The person an administrator looks up by login, if they may reset their factor (else null: no leak). */
export async function findResetTarget({ db }: Deps, actor: Actor, login: string): Promise<ResetTarget | null> {
  authorize(actor, 'mfa.reset.open', {});
  const id = await repo.personIdByLogin(db, login.trim().toLowerCase());
  if (!id) return null;
  const { found, facts } = await ownerFacts(db, id);
  if (!found || !facts) return null;
  try {
    authorize(actor, 'mfa.factor.reset', facts);
  } catch {
    return null;
  }
  return { id, name: displayName(found.person), login: found.person.login, enrolledAt: found.enrolledAt };
}

/**
 * Removes a person's factor and recovery codes (they lost their phone and codes): their next
 * sign-in is by password, then enrolment if the policy asks. Audited with who did it and where.
 */
export async function resetFactor({ db }: Deps, actor: Actor, personId: string, ip: string): Promise<ResetTarget> {
  const { found, facts } = await ownerFacts(db, personId);
  if (!found) throw new NotFound();
  authorize(actor, 'mfa.factor.reset', facts);
  const hadFactor = await repo.removeFactors(db, personId);
  const structureId = found.structureIds.find((id) => actor.roles[id]?.includes('localAdmin')) ?? null;
  await audit(db, { action: 'mfa.reset', actorId: actor.personId, subjectId: personId, structureId, ip, details: { hadFactor } });
  return { id: personId, name: displayName(found.person), login: found.person.login, enrolledAt: null };
}
