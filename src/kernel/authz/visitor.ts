import type { Actor } from './index.js';

/**
 * Who asks on a public route when nobody is signed in, for the rules of public actions (the
 * first-run setup), so that they too go through `authorize()`. A person id no row has, no
 * structure, no role, not the instance administrator. `Actor` has no "nobody" profile: rules of
 * public actions read their facts only, and this actor is never given to a person's action.
 */
export const VISITOR: Actor = Object.freeze({
  personId: '',
  profile: 'relative',
  displayName: '',
  login: '',
  charterAccepted: false,
  isSuperAdmin: false,
  structures: Object.freeze([]) as unknown as Actor['structures'],
  activeStructureId: null,
  roles: Object.freeze({}),
});

/** The signed-in person, or the visitor when nobody is. */
export const actorOrVisitor = (actor: Actor | null): Actor => actor ?? VISITOR;
