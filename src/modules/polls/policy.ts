import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';
import type { PollAudience } from './tables.js';

/** The audience a poll would reach: its kind, the school, and for a class how the author stands towards it. */
export interface AudienceFacts {
  audience: PollAudience;
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** One poll, as seen from who asks. */
export interface PollFacts {
  structureId: string;
  authorId: string;
  /** The asker is in the poll's audience. */
  member: boolean;
  current: boolean;
  open: boolean;
  closed: boolean;
  resultsLive: boolean;
  withdrawn: boolean;
}

const isDirector = (actor: Actor, structureId: string) => hasRole(actor, structureId, 'director');
const writesPolls = (actor: Actor) => actor.profile === 'teacher' || Object.values(actor.roles).some((r) => r.includes('director'));
const follows = (actor: Actor, p: PollFacts) => p.authorId === actor.personId || isDirector(actor, p.structureId);

export const pollsPolicy = definePolicy('polls', {
  /** The polls page: everyone but a municipal agent. */
  'polls.index.open': { allow: (actor: Actor, _: object) => actor.profile !== 'municipal' || writesPolls(actor), refusal: 403 },
  /** Teachers and directors create polls. */
  'polls.poll.write': { allow: (actor: Actor, _: object) => writesPolls(actor), refusal: 403 },
  /** A class's parents: its teacher this year or the director; the staff or a council: the director. */
  'polls.poll.create': {
    allow: (actor: Actor, a: AudienceFacts) =>
      a.current && (isDirector(actor, a.structureId) || (a.audience === 'classParents' && actor.profile === 'teacher' && a.relations.includes('teacher'))),
    refusal: 403,
  },
  /** The author, the director, and this year's audience. */
  'polls.poll.read': (actor: Actor, p: PollFacts) => follows(actor, p) || (p.member && p.current),
  /** The audience votes while the poll is open. */
  'polls.poll.vote': (actor: Actor, p: PollFacts) => p.member && p.current && p.open && !p.withdrawn,
  /** The author changes the poll (within what the first vote locks), this year, until withdrawn. */
  'polls.poll.edit': (actor: Actor, p: PollFacts) => p.authorId === actor.personId && p.current && !p.withdrawn,
  /** Results: the author and the director always; the audience after closing, or live when chosen. */
  'polls.results.read': (actor: Actor, p: PollFacts) => follows(actor, p) || (p.member && p.current && (p.closed || p.resultsLive)),
  /** The export of results: the author and the director. */
  'polls.results.export': follows,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof pollsPolicy> {}
}
