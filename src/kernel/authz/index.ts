import { AppError } from '../http/errors.js';
import { t } from '../i18n/fr.js';

export type Profile = 'student' | 'teacher' | 'relative' | 'personnel' | 'municipal';
export type StructureRole = 'director' | 'localAdmin';

/** Who is asking: built once per request from the session. */
export interface Actor {
  personId: string;
  profile: Profile;
  displayName: string;
  login: string;
  /** False until the usage charter is accepted at first login: every page but the charter waits. */
  charterAccepted: boolean;
  /** Instance administrator (created at first run). */
  isSuperAdmin: boolean;
  /** Structures the person belongs to (active memberships), by name. */
  structures: { id: string; name: string }[];
  /** The structure chosen in the switcher, or the first one. */
  activeStructureId: string | null;
  /** Roles per structure id. */
  roles: Record<string, StructureRole[]>;
}

export function hasRole(actor: Actor, structureId: string, role: StructureRole): boolean {
  return actor.roles[structureId]?.includes(role) ?? false;
}

/** May manage the directory of a structure: director, local administrator, or instance admin. */
export function managesStructure(actor: Actor, structureId: string): boolean {
  return actor.isSuperAdmin || hasRole(actor, structureId, 'localAdmin') || hasRole(actor, structureId, 'director');
}

/** Holds a director or local-administrator role somewhere (or is the instance administrator). */
export function managesAny(actor: Actor): boolean {
  return actor.isSuperAdmin || Object.values(actor.roles).some((roles) => roles.length > 0);
}

/** An active member of the structure. */
export function belongsTo(actor: Actor, structureId: string): boolean {
  return actor.structures.some((s) => s.id === structureId);
}

export class Forbidden extends AppError {
  // Default messages are read when the error is made, in the language of the request.
  constructor(message = t('error.resource_forbidden'), code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(message = t('error.resource_not_found'), code = 'not_found') {
    super(404, code, message);
  }
}

// ---------------------------------------------------------------------------------------------
// Declarative access rules.
//
// Each module declares its actions in one table (`definePolicy` in its policy.ts) and adds their
// fact types to `Actions` with `declare module`, so `authorize(actor, 'homework.lesson.edit', lesson)`
// is checked by the compiler: the action must exist and the facts must be what its rule reads.
// ---------------------------------------------------------------------------------------------

/** A rule: a pure function of who asks and the facts the service gathered. */
export type Rule<F> = (actor: Actor, facts: F) => boolean;

/**
 * An entry of a policy table. A bare rule answers "not found" when it refuses, so that ids cannot
 * be probed; `{ allow, refusal: 403 }` is for actions whose refusal reveals nothing (a pupil may not
 * create a lesson) and where "forbidden" tells the person more.
 */

export type PolicyEntry<F = any> = Rule<F> | { allow: Rule<F>; refusal: 403 | 404 };

/** Every action of every module, with the facts its rule needs (augmented by each policy.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Actions {}

export type ActionName = keyof Actions & string;

/** The fact types of a policy table, for `interface Actions extends ActionsOf<typeof table> {}`. */
export type ActionsOf<P extends Record<string, PolicyEntry>> = {
  [K in keyof P]: P[K] extends PolicyEntry<infer F> ? F : never;
};

interface Registered {
  allow: Rule<unknown>;
  refusal: 403 | 404;
  module: string;
}

const registry = new Map<string, Registered>();

/**
 * Declares a module's actions. Names are `module.resource.verb`; a name declared twice (two
 * modules, or a typo copying a line) stops the process at start-up rather than shadowing a rule.
 */
export function definePolicy<P extends Record<string, PolicyEntry>>(module: string, table: P): P {
  for (const [name, entry] of Object.entries(table)) {
    if (!name.startsWith(`${module}.`)) throw new Error(`Policy action ${name} must start with "${module}."`);
    if (registry.has(name)) throw new Error(`Policy action ${name} is declared twice`);
    registry.set(
      name,
      typeof entry === 'function'
        ? { allow: entry as Rule<unknown>, refusal: 404, module }
        : { allow: entry.allow as Rule<unknown>, refusal: entry.refusal, module },
    );
  }
  return table;
}

/** Every declared action name (policy tests check that each has its cases). */
export function declaredActions(module?: string): string[] {
  return [...registry.entries()].filter(([, r]) => !module || r.module === module).map(([name]) => name);
}

function ruleOf(action: string): Registered {
  const rule = registry.get(action);
  if (!rule) throw new Error(`Unknown policy action ${action}: is its module's policy.ts imported?`);
  return rule;
}

/** Whether the rule allows it: for views (show a button or not) and navigation entries. */
export function can<K extends ActionName>(actor: Actor, action: K, facts: Actions[K]): boolean {
  return ruleOf(action).allow(actor, facts);
}

/**
 * Asserts that the action's rule allows the actor to act with these facts. Missing facts (the
 * thing was not found) answer 404; a refusal answers the action's refusal status (404 unless the
 * table says 403). After it, `facts` is known to be present.
 */
export function authorize<K extends ActionName>(actor: Actor, action: K, facts: Actions[K] | null | undefined): asserts facts is Actions[K] {
  const rule = ruleOf(action);
  if (facts === null || facts === undefined) throw new NotFound();
  if (!rule.allow(actor, facts)) throw rule.refusal === 403 ? new Forbidden() : new NotFound();
}
