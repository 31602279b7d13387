import { belongsTo, can, definePolicy, managesStructure, type ActionsOf, type Actor } from '../../kernel/authz/index.js';
import type { TargetFacts } from '../news/index.js';

/** An event as the rules see it. */
export interface EventFacts {
  authorId: string;
  structureId: string;
  cancelled: boolean;
  /** The reader is in the event's audience now (resolved in SQL). */
  inAudience: boolean;
}

const ownsOrManages = (actor: Actor, f: EventFacts) => f.authorId === actor.personId || managesStructure(actor, f.structureId);

// Who may address an audience is the news rule: one answer for both services.
const reaches = (actor: Actor, t: TargetFacts): boolean => can(actor, 'news.audience.reach', t);
const writes = (actor: Actor): boolean => can(actor, 'news.item.write', {});

export const calendarPolicy = definePolicy('calendar', {
  /** The calendar pages: everyone signed in has events for them (filtered in SQL). */
  'calendar.index.open': { allow: (_actor: Actor, _: object) => true, refusal: 403 },
  /** Whoever may inform an audience by news may put an event in its calendar. */
  'calendar.audience.reach': reaches,
  /** Adding events: staff, teachers, municipality agents and managers. */
  'calendar.event.write': { allow: (actor: Actor, _: object) => writes(actor), refusal: 403 },
  /** The author and the managers always; the audience, cancelled events included (they say so). */
  'calendar.event.read': (actor: Actor, f: EventFacts) => ownsOrManages(actor, f) || f.inAudience,
  /** The author or a manager cancels (kept, marked cancelled). */
  'calendar.event.cancel': (actor: Actor, f: EventFacts) => !f.cancelled && ownsOrManages(actor, f),
  /** The author or a manager changes it, until it is cancelled. */
  'calendar.event.edit': (actor: Actor, f: EventFacts) => !f.cancelled && ownsOrManages(actor, f),
  /** A school's holiday zone: its managers; staff of the school may read it. */
  'calendar.settings.manage': {
    allow: (actor: Actor, s: { structureId: string }) => managesStructure(actor, s.structureId),
    refusal: 403,
  },
  'calendar.settings.read': (actor: Actor, s: { structureId: string }) => managesStructure(actor, s.structureId) || belongsTo(actor, s.structureId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof calendarPolicy> {}
}
