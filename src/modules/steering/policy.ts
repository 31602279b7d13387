import { belongsTo, definePolicy, hasRole, managesAny, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/**
 * A structure whose dashboard is asked for: a school, a municipality, a circonscription or an
 * académie, and the structures above it (a school's municipality, circonscription and académie;
 * a circonscription's académie), whose members oversee it.
 */
export interface DashboardFacts {
  structureId: string;
  kind: string;
  overseers: string[];
}

/** Municipal agents and inspectors (IEN, DAN advisers) are members of the structure they work for. */
const worksFor = (actor: Actor, structureId: string) => (actor.profile === 'municipal' || actor.profile === 'personnel') && belongsTo(actor, structureId);
const SCHOOL_KINDS = new Set(['school', 'college', 'lycee']);

export const steeringPolicy = definePolicy('steering', {
  /** The steering pages: school managers, municipal agents and the staff who may belong to an inspection. */
  'steering.index.open': {
    allow: (actor: Actor, _: object) => managesAny(actor) || actor.profile === 'municipal' || actor.profile === 'personnel',
    refusal: 403,
  },
  /**
   * Aggregated figures of a structure: a school's director (and local administrator), the agents
   * of its municipality, the inspectors of its circonscription and académie; a municipality,
   * circonscription or académie to those who work for it (or above it). Teachers, pupils and
   * families never; another school's director never.
   */
  'steering.dashboard.read': (actor: Actor, d: DashboardFacts) =>
    actor.isSuperAdmin ||
    (SCHOOL_KINDS.has(d.kind) && (hasRole(actor, d.structureId, 'director') || hasRole(actor, d.structureId, 'localAdmin'))) ||
    (!SCHOOL_KINDS.has(d.kind) && worksFor(actor, d.structureId)) ||
    d.overseers.some((o) => worksFor(actor, o)),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof steeringPolicy> {}
}
