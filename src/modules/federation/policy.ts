import { definePolicy, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

export const federationPolicy = definePolicy('federation', {
  /** Partner applications are the instance administrator's: a school's local administrator or director does not register them. */
  'federation.client.manage': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** A sign-in request is completed (consent given or refused) by the person it signed in, nobody else. */
  'federation.interaction.complete': (actor: Actor, f: { accountId: string | null }) => f.accountId === null || f.accountId === actor.personId,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof federationPolicy> {}
}
