import { belongsTo, definePolicy, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/** A municipality as seen from who asks. */
export interface MunicipalityFacts {
  municipalityId: string;
}

/** A family towards a municipality: whether the asker (a parent) has a child in one of its schools. */
export interface FamilyFacts extends MunicipalityFacts {
  childInMunicipality: boolean;
}

/** An invoice, credit note or payment: its municipality and the parent it is addressed to. */
export interface AccountFacts extends MunicipalityFacts {
  payerId: string;
}

/** An agent of the municipality (profile `municipal`, member of that structure). */
const agentOf = (actor: Actor, municipalityId: string | null) => actor.profile === 'municipal' && !!municipalityId && belongsTo(actor, municipalityId);

export const billingPolicy = definePolicy('billing', {
  /** Families have a billing page (their invoices, their balance, their quotient); others are told no. */
  'billing.family.open': { allow: (actor: Actor, _: object) => actor.profile === 'relative', refusal: 403 },
  /** The municipality's agents have the billing desk. */
  'billing.agent.open': { allow: (actor: Actor, _: object) => actor.profile === 'municipal', refusal: 403 },
  /** The municipality's agents set tariffs, review quotients, record justifications, run months, issue credit notes, record payments, export. */
  'billing.municipality.manage': (actor: Actor, m: MunicipalityFacts) => agentOf(actor, m.municipalityId),
  /** A parent with a child in the municipality's schools declares their quotient familial there. */
  'billing.quotient.declare': { allow: (actor: Actor, f: FamilyFacts) => actor.profile === 'relative' && f.childInMunicipality, refusal: 403 },
  /** An invoice (and its credit notes): the parent it is addressed to and the municipality's agents. */
  'billing.account.read': (actor: Actor, a: AccountFacts) => (actor.profile === 'relative' && a.payerId === actor.personId) || agentOf(actor, a.municipalityId),
  /** Paying an invoice online: only the parent it is addressed to (agents record desk payments instead). */
  'billing.online.pay': (actor: Actor, a: AccountFacts) => actor.profile === 'relative' && a.payerId === actor.personId,
  /** A quotient's proof: the parent who sent it and the municipality's agents. */
  'billing.quotient.read': (actor: Actor, q: { municipalityId: string; relativeId: string }) =>
    (actor.profile === 'relative' && q.relativeId === actor.personId) || agentOf(actor, q.municipalityId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof billingPolicy> {}
}
