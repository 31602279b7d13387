import { definePolicy, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

export const CORE_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly';
export const DEMOGRAPHICS_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly';

/**
 * Who asks on the rostering API: a partner application, not a person. The service passes the
 * kernel's visitor as the actor (no person, no structure, no role) and these facts, so the rules
 * below read the partner's grant only and a person's rights never leak into it.
 */
export interface RosterClientFacts {
  clientId: string;
  /** The token's scopes. */
  scopes: string[];
  /** The structures the administrator granted the partner. */
  schoolIds: string[];
  /** The administrator's per-partner flag for demographics. */
  demographics: boolean;
}

export const onerosterPolicy = definePolicy('oneroster', {
  /** A token carrying the core rostering scope reads the rosters of the partner's granted schools. */
  'oneroster.roster.read': { allow: (_actor: Actor, c: RosterClientFacts) => c.scopes.includes(CORE_SCOPE), refusal: 403 },
  /** Birth dates and sex: only a partner the administrator allowed, with a token carrying the demographics scope. */
  'oneroster.demographics.read': {
    allow: (_actor: Actor, c: RosterClientFacts) => c.demographics && c.scopes.includes(DEMOGRAPHICS_SCOPE),
    refusal: 403,
  },
  /** A school's sub-resources (its classes, enrollments, pupils): only a school the partner was granted; others do not exist for it. */
  'oneroster.school.read': (_actor: Actor, f: { client: RosterClientFacts; schoolId: string }) => f.client.schoolIds.includes(f.schoolId),
  /** Rostering partners are the instance administrator's, like every partner application. */
  'oneroster.client.manage': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof onerosterPolicy> {}
}
