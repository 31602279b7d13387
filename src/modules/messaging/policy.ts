import { belongsTo, definePolicy, managesStructure, type Actor, type ActionsOf, type Profile } from '../../kernel/authz/index.js';
import type { MessageState, RecipientFolder, SenderFolder } from './tables.js';

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

/** A message as the rules see it: who wrote it, where the writer keeps it, and the reader's own copy. */
export interface MessageFacts {
  senderId: string;
  senderFolder: SenderFolder;
  state: MessageState;
  /** The asking person's delivered copy, if they are a recipient. */
  copyFolder: RecipientFolder | null;
}

/** The school a person writes from: their active school. */
export interface ComposeFacts {
  structureId: string | null;
}

/** What the send rule looks at, gathered by the service from the communication-rules engine. */
export interface SendFacts extends ComposeFacts {
  /** The school's read-only switch (an attack under way): nobody sends. */
  readOnly: boolean;
  /** Recipient tokens the communication-rules engine (SQL, per school) does not let this writer reach. */
  unreachable: string[];
  /** Group tokens whose group belongs to a closed school year. */
  closedYear: string[];
}

/** A school's messaging settings (rules, quiet hours, read-only switch, held sends). */
export interface SchoolFacts {
  structureId: string;
}

/** Sender keeps it (until they empty their trash), or the reader has a delivered copy (not held, not purged). */
const readable = (actor: Actor, m: MessageFacts) =>
  (m.senderId === actor.personId && m.senderFolder !== 'purged') || m.copyFolder === 'inbox' || m.copyFolder === 'trash';
const ownDraft = (actor: Actor, m: MessageFacts) => m.senderId === actor.personId && m.state === 'draft';
const writesFrom = (actor: Actor, f: ComposeFacts) => f.structureId !== null && belongsTo(actor, f.structureId);
/** A school's managers: its director and local administrators, and the instance administrator. */
const manages = (actor: Actor, s: SchoolFacts) => managesStructure(actor, s.structureId);

export const messagingPolicy = definePolicy('messaging', {
  /** Members of a school have a mailbox (the navigation entry). */
  'messaging.mailbox.open': (actor: Actor, _: Record<string, never>) => actor.structures.length > 0,
  /** Writing (drafts, attachments of a new message) happens from one's active school. */
  'messaging.message.compose': { allow: writesFrom, refusal: 403 },
  /**
   * Sending: from one's school, while it is not read-only, to recipients the communication rules
   * let the writer reach (the SQL engine's answer, `unreachable`). Groups of a closed school year
   * are never written to: a class that has ended has no one to reach.
   */
  'messaging.message.send': {
    allow: (actor: Actor, f: SendFacts) => writesFrom(actor, f) && !f.readOnly && f.unreachable.length === 0 && f.closedYear.length === 0,
    refusal: 403,
  },
  /**
   * Messages are personal: the sender and the people who received a copy read them, and keep
   * reading them after the school year they were written in has closed. Anyone else: not found.
   */
  'messaging.message.read': readable,
  /** Marking one's copy read or unread, trashing or restoring it: the same people, on their own copy. */
  'messaging.message.organize': readable,
  /** Replying and forwarding: to a message one may read, once sent (a thread one is not in does not exist). */
  'messaging.message.reply': (actor: Actor, m: MessageFacts) => readable(actor, m) && m.state !== 'draft',
  'messaging.message.forward': (actor: Actor, m: MessageFacts) => readable(actor, m) && m.state !== 'draft',
  /** An attachment goes to whoever may read its message. */
  'messaging.attachment.download': readable,
  /** A draft is its writer's alone: edit, send, delete it, add files to it. */
  'messaging.draft.edit': ownDraft,
  'messaging.attachment.upload': ownDraft,
  /** A school's communication rules and quiet hours: its managers; a manager elsewhere learns nothing of it. */
  'messaging.rules.manage': manages,
  'messaging.quietHours.manage': manages,
  /** The one-action switch that stops every send in the school. */
  'messaging.readOnly.switch': manages,
  /** Unusually large sends wait for the school's managers to release or reject them. */
  'messaging.held.review': manages,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof messagingPolicy> {}
}
