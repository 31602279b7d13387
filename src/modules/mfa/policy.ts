import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/** Staff may hold a second factor; pupils and families sign in with their password only. */
export const STAFF_PROFILES = new Set<Actor['profile']>(['teacher', 'personnel', 'municipal']);

/** What a reset needs to know about the person whose factor goes. */
export interface FactorOwner {
  personId: string;
  /** Structures the person belongs to. */
  structureIds: string[];
  isSuperAdmin: boolean;
}

export const mfaPolicy = definePolicy('mfa', {
  /** Staff (and the instance administrator) enrol a factor for themselves; pupils and families cannot. */
  'mfa.factor.enrol': {
    allow: (actor: Actor, _: object) => actor.isSuperAdmin || STAFF_PROFILES.has(actor.profile),
    refusal: 403,
  },
  /** The reset page: the instance administrator and local administrators. */
  'mfa.reset.open': {
    allow: (actor: Actor, _: object) => actor.isSuperAdmin || Object.values(actor.roles).some((roles) => roles.includes('localAdmin')),
    refusal: 403,
  },
  /**
   * Resetting someone's factor: the instance administrator for anyone; a local administrator for
   * members of their own schools, never the instance administrator, never themselves.
   */
  'mfa.factor.reset': (actor: Actor, f: FactorOwner) =>
    f.personId !== actor.personId && (actor.isSuperAdmin || (!f.isSuperAdmin && f.structureIds.some((id) => hasRole(actor, id, 'localAdmin')))),
  /** Which roles must enrol, and the grace period: the instance administrator only. */
  'mfa.policy.edit': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof mfaPolicy> {}
}
