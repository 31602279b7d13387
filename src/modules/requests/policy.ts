import { belongsTo, definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { RequestOrigin, RequestStatus } from './tables.js';

/** A child as seen from who asks: the municipality owning their school, whether the asker is their parent. */
export interface ChildFacts {
  municipalityId: string | null;
  childOfActor: boolean;
}

/** A school and the municipality that owns it (`structures.parentId`). */
export interface SchoolFacts {
  structureId: string;
  municipalityId: string | null;
}

/** A request as seen from who asks. */
export interface RequestFacts {
  origin: RequestOrigin;
  municipalityId: string;
  structureId: string;
  requesterId: string;
  /** The asker is a parent of the child the request is about. */
  childOfActor: boolean;
  status: RequestStatus;
}

/** A note to directors as seen from who asks: whether the asker directs a school it is sent to. */
export interface NoteFacts {
  municipalityId: string;
  directsTargetedSchool: boolean;
}

/** An agent of the municipality (profile `municipal`, member of that structure). */
export const agentOf = (actor: Actor, municipalityId: string | null) => actor.profile === 'municipal' && !!municipalityId && belongsTo(actor, municipalityId);
/** The family's side of a request: who filed it, or another parent of the same child. */
const familyOf = (actor: Actor, r: RequestFacts) =>
  r.origin === 'family' && actor.profile === 'relative' && (r.requesterId === actor.personId || r.childOfActor);
const schoolOf = (actor: Actor, r: RequestFacts) => r.origin === 'school' && hasRole(actor, r.structureId, 'director');
const directsAny = (actor: Actor) => Object.values(actor.roles).some((roles) => roles?.includes('director'));
const OPEN: RequestStatus[] = ['submitted', 'inReview', 'waiting'];

export const requestsPolicy = definePolicy('requests', {
  /** The list of requests: families, the municipality's agents, directors. */
  'requests.index.open': {
    allow: (actor: Actor, _: object) => actor.profile === 'relative' || actor.profile === 'municipal' || directsAny(actor),
    refusal: 403,
  },
  /** Families have a page for their requests to the municipality. */
  'requests.family.open': { allow: (actor: Actor, _: object) => actor.profile === 'relative', refusal: 403 },
  /** The municipality's agents have the queue. */
  'requests.agent.open': { allow: (actor: Actor, _: object) => actor.profile === 'municipal', refusal: 403 },
  /** Directors have the channel with the municipality. */
  'requests.school.open': { allow: (actor: Actor, _: object) => directsAny(actor), refusal: 403 },
  /** A parent files for their own child, when the child's school belongs to a municipality. */
  'requests.request.file': (actor: Actor, c: ChildFacts) => actor.profile === 'relative' && c.childOfActor && !!c.municipalityId,
  /** A request: its family (or its school's director) and the agents of its municipality; nobody else learns it exists. */
  'requests.request.read': (actor: Actor, r: RequestFacts) => familyOf(actor, r) || schoolOf(actor, r) || agentOf(actor, r.municipalityId),
  /** Writing in the conversation: the same people, until the request is closed. */
  'requests.request.write': (actor: Actor, r: RequestFacts) =>
    r.status !== 'closed' && (familyOf(actor, r) || schoolOf(actor, r) || agentOf(actor, r.municipalityId)),
  /** The family adds a document while the request is open. */
  'requests.request.addDocument': (actor: Actor, r: RequestFacts) => familyOf(actor, r) && OPEN.includes(r.status),
  /** The municipality's agents set the status and attach the answer. */
  'requests.request.handle': (actor: Actor, r: RequestFacts) => agentOf(actor, r.municipalityId),
  /** A director asks the municipality that owns their school. */
  'requests.schoolRequest.file': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director') && !!s.municipalityId,
  /** The municipality's agents write to the directors of its schools. */
  'requests.note.write': (actor: Actor, m: { municipalityId: string }) => agentOf(actor, m.municipalityId),
  /** A note: the municipality's agents, and the directors of the schools it is sent to. */
  'requests.note.read': (actor: Actor, n: NoteFacts) => agentOf(actor, n.municipalityId) || n.directsTargetedSchool,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof requestsPolicy> {}
}
