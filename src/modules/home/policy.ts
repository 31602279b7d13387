import { definePolicy, managesStructure, type ActionsOf, type Actor } from '../../kernel/authz/index.js';

export const homePolicy = definePolicy('home', {
  /** Each person reads their own home page, and nobody else's. */
  'home.page.read': (actor: Actor, page: { personId: string }) => page.personId === actor.personId,
  /** The counts of a structure (classes, pupils, accounts to activate) are for those who manage it. */
  'home.structure.summary': (actor: Actor, structure: { structureId: string }) => managesStructure(actor, structure.structureId),
  /** The instance's figures (how many structures) are for the instance administrator. */
  'home.instance.summary': { allow: (actor: Actor, _instance: Record<string, never>) => actor.isSuperAdmin, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof homePolicy> {}
}
