import { belongsTo, definePolicy, managesAny, managesStructure, type ActionsOf, type Actor } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';
import type { AudienceKind } from './tables.js';

/** One target of an audience as the rules see it: its structure and, for a class, how the author stands towards it. */
export interface TargetFacts {
  kind: AudienceKind;
  /** The school (or, for `municipality`, the municipality) the target belongs to. */
  structureId: string;
  structureKind: 'school' | 'college' | 'lycee' | 'municipality';
  /** Classes: the group's school year runs now. Structures: always true. */
  current: boolean;
  /** Classes: the author's relations to the group. */
  relations: GroupRelation[];
}

/** A news item as the rules see it. */
export interface ItemFacts {
  authorId: string;
  structureId: string;
  withdrawn: boolean;
  /** Published, not withdrawn, and inside its publication window now. */
  live: boolean;
  /** The reader is in the item's audience now (resolved in SQL). */
  inAudience: boolean;
}

const isStaffOf = (actor: Actor, structureId: string) =>
  managesStructure(actor, structureId) || (actor.profile === 'personnel' && belongsTo(actor, structureId));

/** Who may address a target: a school's director and staff the whole school, its staff and any class; a teacher their classes this year; an agent their municipality's families. */
function reaches(actor: Actor, t: TargetFacts): boolean {
  if (t.kind === 'municipality')
    return t.structureKind === 'municipality' && (actor.isSuperAdmin || (actor.profile === 'municipal' && belongsTo(actor, t.structureId)));
  if (t.structureKind === 'municipality') return false;
  if (t.kind === 'school' || t.kind === 'staff') return isStaffOf(actor, t.structureId);
  return t.current && (isStaffOf(actor, t.structureId) || (actor.profile === 'teacher' && t.relations.includes('teacher')));
}

const ownsOrManages = (actor: Actor, f: Pick<ItemFacts, 'authorId' | 'structureId'>) => f.authorId === actor.personId || managesStructure(actor, f.structureId);

/** The one read rule; lists apply the same in SQL (`visibleItems` in the repository). */
const readsItem = (actor: Actor, f: ItemFacts) => ownsOrManages(actor, f) || (f.live && f.inAudience);

export const newsPolicy = definePolicy('news', {
  /** The news page: everyone signed in has news for them (the list is filtered in SQL). */
  'news.index.open': { allow: (_actor: Actor, _: object) => true, refusal: 403 },
  /** Writing news: staff, teachers, municipality agents and managers; pupils and parents are told no. */
  'news.item.write': {
    allow: (actor: Actor, _: object) => ['teacher', 'personnel', 'municipal'].includes(actor.profile) || managesAny(actor),
    refusal: 403,
  },
  /** Whether the author may address this target (a refused target is a form error on the audience). */
  'news.audience.reach': reaches,
  /** The author and the structure's managers always; the audience while the item is live. */
  'news.item.read': readsItem,
  /** The author or a manager withdraws an item (kept, marked withdrawn). */
  'news.item.withdraw': (actor: Actor, f: ItemFacts) => !f.withdrawn && ownsOrManages(actor, f),
  /** Image and attachments go on an item its author or a manager may still change, checked before a byte is stored. */
  'news.item.edit': (actor: Actor, f: ItemFacts) => !f.withdrawn && ownsOrManages(actor, f),
  /** Who has read it: the author and the structure's managers. */
  'news.receipts.read': (actor: Actor, f: ItemFacts) => ownsOrManages(actor, f),
  /** The image and the files: whoever reads the item. */
  'news.attachment.download': readsItem,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof newsPolicy> {}
}
