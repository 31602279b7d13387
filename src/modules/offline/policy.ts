import { definePolicy, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

export const offlinePolicy = definePolicy('offline', {
  /** Everyone signed in may have notices pushed to their own devices; a subscription is its person's only. */
  'offline.push.manage': { allow: (actor: Actor, s: { personId: string }) => s.personId === actor.personId, refusal: 403 },
  /** A device is removed by its person; anyone else's endpoint is "not found" (it is not revealed). */
  'offline.push.remove': (actor: Actor, s: { personId: string }) => s.personId === actor.personId,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof offlinePolicy> {}
}
