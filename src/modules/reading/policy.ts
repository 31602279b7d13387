import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupStanding } from '../directory/index.js';

/** A teacher of the class this year, or the director of its school. */
const setsClassDefaults = (actor: Actor, g: GroupStanding) => g.current && (g.relations.includes('teacher') || hasRole(actor, g.structureId, 'director'));

export const readingPolicy = definePolicy('reading', {
  /** Everyone chooses their own reading settings, and nobody else's. */
  'reading.settings.edit': { allow: (actor: Actor, f: { personId: string }) => f.personId === actor.personId, refusal: 403 },
  /** A class's default settings: read and set by its teachers this year and the school's director. */
  'reading.class.edit': setsClassDefaults,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof readingPolicy> {}
}
