import { definePolicy, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/**
 * Registering partner tools concerns every school of the instance: the instance administrator
 * alone does it. Anyone signed in, once the usage charter is accepted, reaches a registered service.
 */
export const casPolicy = definePolicy('cas', {
  /** The list of registered services: the instance administrator; for anyone else it is forbidden and reveals none. */
  'cas.service.list': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** Registering a service: the instance administrator. */
  'cas.service.create': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** A ticket for a registered service: any signed-in person who accepted the usage charter. */
  'cas.ticket.issue': { allow: (actor: Actor, _service: { id: string }) => actor.charterAccepted, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof casPolicy> {}
}
