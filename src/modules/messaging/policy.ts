import { managesStructure, type Actor, type Profile } from '../../kernel/authz/index.js';

/**
 * Distinct recipients an account may reach per rolling hour, by profile. A hijacked pupil or
 * parent account can only reach a few dozen people; a teacher a few classes' families.
 */
export const HOURLY_LIMITS: Record<Profile, number> = { student: 30, relative: 30, teacher: 250, personnel: 1500, municipal: 100 };
/** Managers (director, local administrator) write to the whole school. */
export const MANAGER_HOURLY_LIMIT = 3000;

/** A send above this many recipients is checked against the writer's habits. */
export const MASS_THRESHOLDS: Record<Profile, number> = { student: 10, relative: 10, teacher: 80, personnel: 400, municipal: 50 };
export const MANAGER_MASS_THRESHOLD = 800;
/** Held when larger than this many times the writer's largest delivered send of the last 90 days. */
export const PATTERN_FACTOR = 2;
export const PATTERN_DAYS = 90;

/** Past this many recipients, a sender sees a read count instead of each person. */
export const RECEIPT_DETAIL_LIMIT = 100;

export function hourlyLimit(actor: Actor, structureId: string): number {
  return managesStructure(actor, structureId) ? MANAGER_HOURLY_LIMIT : HOURLY_LIMITS[actor.profile];
}

export function massThreshold(actor: Actor, structureId: string): number {
  return managesStructure(actor, structureId) ? MANAGER_MASS_THRESHOLD : MASS_THRESHOLDS[actor.profile];
}

/** A send breaks the pattern when it is large for the profile and far larger than anything the writer sent before. */
export function breaksPattern(count: number, threshold: number, largestBefore: number): boolean {
  return count > threshold && count > PATTERN_FACTOR * largestBefore;
}

/** Rules, quiet hours, held sends and the read-only switch of a school: its managers. */
export function managesMessaging(actor: Actor, structureId: string): boolean {
  return managesStructure(actor, structureId);
}

/** Managers of the active school see the messaging administration pages. */
export function canAdministerMessaging(actor: Actor): boolean {
  return !!actor.activeStructureId && managesMessaging(actor, actor.activeStructureId);
}

export function canUseMessaging(actor: Actor): boolean {
  return actor.structures.length > 0;
}
