import { hasRole, managesStructure, type Actor } from '../../kernel/authz/index.js';

export { managesStructure };

/** The structure the actor manages right now (the active one), if any. */
export function managedStructureId(actor: Actor): string | null {
  if (actor.activeStructureId && managesStructure(actor, actor.activeStructureId)) return actor.activeStructureId;
  return null;
}

export function managesAny(actor: Actor): boolean {
  return actor.isSuperAdmin || Object.values(actor.roles).some((roles) => roles.length > 0);
}

export function isDirectorOf(actor: Actor, structureId: string): boolean {
  return hasRole(actor, structureId, 'director');
}

/** Who can open the directory pages: staff and teachers look people up; families use their home page. */
export function canBrowseDirectory(actor: Actor): boolean {
  return managesAny(actor) || actor.profile === 'teacher' || actor.profile === 'personnel';
}

export function canCreateStructures(actor: Actor): boolean {
  return actor.isSuperAdmin;
}
