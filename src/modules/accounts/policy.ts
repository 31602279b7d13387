import { belongsTo, definePolicy, type ActionsOf, type Actor } from '../../kernel/authz/index.js';

/** Whose account an action touches. */
export interface AccountFacts {
  personId: string;
}

/** What the first-run setup needs to know: whether an instance administrator exists yet. */
export interface SetupFacts {
  open: boolean;
}

/** The structure a session is asked to work in. */
export interface StructureFacts {
  id: string;
  name: string;
}

export const accountsPolicy = definePolicy('accounts', {
  /** Anyone holding the printed token runs the first-run setup, until an instance administrator exists; then it is gone. */
  'accounts.setup.run': (_actor: Actor, setup: SetupFacts) => setup.open,
  /** A session works in one of the person's structures; the instance administrator may work in any. */
  'accounts.structure.switch': (actor: Actor, structure: StructureFacts) => actor.isSuperAdmin || belongsTo(actor, structure.id),
  /** Each person accepts the usage charter for themselves only. */
  'accounts.charter.accept': (actor: Actor, account: AccountFacts) => account.personId === actor.personId,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof accountsPolicy> {}
}
