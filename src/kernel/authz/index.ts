import { AppError } from '../http/errors.js';

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

export class Forbidden extends AppError {
  constructor(message = 'Vous n’avez pas accès à cette ressource.', code = 'forbidden') {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Cette ressource n’existe pas ou ne vous est pas accessible.', code = 'not_found') {
    super(404, code, message);
  }
}

/**
 * Asserts that a rule allows the actor to act on a thing. A missing thing and a refused one both
 * answer "not found" unless `reveal` is set, so that ids cannot be probed.
 */
export function authorize<T>(
  allowed: (thing: T) => boolean,
  thing: T | null | undefined,
  options: { reveal?: boolean } = {},
): asserts thing is T {
  if (thing === null || thing === undefined) throw new NotFound();
  if (!allowed(thing)) throw options.reveal ? new Forbidden() : new NotFound();
}
