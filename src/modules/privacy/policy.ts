import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/** The structures whose audit entries the person reads: those where they are the local administrator. */
export function auditedStructureIds(actor: Actor): string[] {
  return Object.keys(actor.roles).filter((id) => hasRole(actor, id, 'localAdmin'));
}

/** The structures whose members' erasure and rectification requests the person handles: the same local administrator's. */
export const handledStructureIds = auditedStructureIds;

/** The instance administrator, a local administrator or a director: those who answer for the school's processing. */
const answersForProcessing = (actor: Actor) =>
  actor.isSuperAdmin || Object.values(actor.roles).some((roles) => roles.includes('localAdmin') || roles.includes('director'));

export const privacyPolicy = definePolicy('privacy', {
  /** Everyone has a "my data" page: it shows their own exports only. */
  'privacy.data.open': { allow: (_actor: Actor, _: object) => true, refusal: 403 },
  /** A person asks for the archive of their own data, never someone else's (the command line does that, audited). */
  'privacy.export.request': { allow: (actor: Actor, f: { personId: string }) => f.personId === actor.personId, refusal: 403 },
  /** The archive is downloaded by the person it is about, once it is built. */
  'privacy.export.download': (actor: Actor, f: { personId: string; ready: boolean }) => f.personId === actor.personId && f.ready,
  /** The processing register: the instance administrator, local administrators and directors. */
  'privacy.register.read': { allow: (actor: Actor, _: object) => answersForProcessing(actor), refusal: 403 },
  /** The audit log: the instance administrator (everything) and local administrators (their schools, filtered in SQL). */
  'privacy.audit.read': { allow: (actor: Actor, _: object) => actor.isSuperAdmin || auditedStructureIds(actor).length > 0, refusal: 403 },
  /** A person files an erasure or rectification request about their own data, never for someone else. */
  'privacy.request.file': { allow: (actor: Actor, f: { personId: string }) => f.personId === actor.personId, refusal: 403 },
  /** The list of requests to handle: the instance administrator and local administrators (their schools' members, filtered in SQL). */
  'privacy.request.list': { allow: (actor: Actor, _: object) => actor.isSuperAdmin || handledStructureIds(actor).length > 0, refusal: 403 },
  /**
   * One request is handled by the instance administrator, or a local administrator of a school the
   * requester belongs to; nobody handles their own.
   */
  'privacy.request.handle': (actor: Actor, f: { personId: string; structureIds: string[] }) =>
    f.personId !== actor.personId && (actor.isSuperAdmin || f.structureIds.some((id) => hasRole(actor, id, 'localAdmin'))),
  /** The retention schedule, its dry run and the purge: the instance administrator (the schedule is the instance's). */
  'privacy.retention.manage': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof privacyPolicy> {}
}
