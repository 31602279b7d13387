import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { compareClasses, schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { moderates } from '../policy.js';
import * as forums from '../repository/forums.js';
import * as threads from '../repository/threads.js';
import type { Deps } from './deps.js';
import { factsOf, forumFacts } from './facts.js';

/**
 * How a forum is named on pages: the class's, the school's, the staff room of the school (the
 * « salle des maîtres » of a primary school, the « salle des professeurs » of a collège or lycée).
 */
export function forumName(f: Pick<forums.ForumRow, 'kind'> & { groupName: string | null; structureName: string; structureKind: string }): string {
  if (f.kind === 'class') return t('forum.name.class', f.groupName ?? '');
  const primary = f.structureKind === 'school';
  if (f.kind === 'school') return primary ? t('forum.name.school', f.structureName) : t('forum.name.schoolSecondary', f.structureName);
  return primary ? t('forum.name.staff', f.structureName) : t('forum.name.staffSecondary', f.structureName);
}

/** The names (and the school's kind) a forum's title is made of. */
export async function placeNames(deps: Deps, forum: Pick<forums.ForumRow, 'structureId' | 'groupId'>) {
  const [structure, group] = await Promise.all([
    deps.db.selectFrom('structures').select(['name', 'kind']).where('id', '=', forum.structureId).executeTakeFirst(),
    forum.groupId ? deps.db.selectFrom('groups').select('name').where('id', '=', forum.groupId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return { structureName: structure?.name ?? '', structureKind: structure?.kind ?? 'school', groupName: group?.name ?? null };
}

export interface ForumSummary {
  id: string;
  kind: forums.ForumRow['kind'];
  groupId: string | null;
  name: string;
  schoolYear: string;
  threads: number;
  unread: number;
  pupilsWrite: boolean;
  parentsRead: boolean;
  pupilsRead: boolean;
}

const ORDER = { class: 0, school: 1, staff: 2 } as const;

/** The forums the actor reads this year (created on first visit), classes first in school order. */
export async function myForums(deps: Deps, actor: Actor): Promise<ForumSummary[]> {
  authorize(actor, 'forum.index.open', {});
  const now = deps.clock.now();
  const year = schoolYearOf(now);
  await forums.ensureForumsOf(deps.db, actor, year, now);
  const counted = await forums.listForums(deps.db, actor, year);
  const sorted = sortByDisplay(counted, (r) => `${r.structureName} ${r.groupName ?? ''}`).sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      (a.kind === 'class' && b.kind === 'class' ? compareClasses({ name: a.groupName ?? '', level: null }, { name: b.groupName ?? '', level: null }) : 0),
  );
  return sorted.map((r) => ({
    id: r.id,
    kind: r.kind,
    groupId: r.groupId,
    name: forumName(r),
    schoolYear: r.schoolYear,
    threads: r.threads,
    unread: r.unread,
    pupilsWrite: r.pupilsWrite === 1,
    parentsRead: r.parentsRead === 1,
    pupilsRead: r.pupilsRead === 1,
  }));
}

/** A forum's page: its threads (paginated, unread marked), what the actor may do, its settings. */
export async function forumPage(deps: Deps, actor: Actor, forumId: string, page: { limit: number; offset: number }) {
  const { forum, facts } = await forumFacts(deps, actor, forumId);
  authorize(actor, 'forum.forum.read', facts);
  const moderator = moderates(actor, facts);
  const [names, list, subscribed, reports] = await Promise.all([
    placeNames(deps, forum!),
    threads.listThreads(deps.db, forumId, actor.personId, moderator, page),
    threads.isSubscribed(deps.db, actor.personId, forumId, null),
    can(actor, 'forum.report.read', facts) ? threads.countOpenReports(deps.db, forumId) : Promise.resolve(0),
  ]);
  return {
    forum: forum!,
    name: forumName({ kind: forum!.kind, ...names }),
    facts,
    current: facts.current,
    moderator,
    canPost: can(actor, 'forum.thread.create', facts),
    canModerate: can(actor, 'forum.forum.moderate', facts),
    whyNot: whyNoWriting(actor, facts),
    subscribed,
    openReports: reports,
    threads: list.rows,
    total: list.total,
    page,
  };
}

/** Why the actor may not write here, in words (null when they may). */
export function whyNoWriting(actor: Actor, facts: Parameters<typeof can<'forum.thread.create'>>[2]): string | null {
  if (can(actor, 'forum.thread.create', facts)) return null;
  if (!facts.current) return t('forum.why.past');
  if (actor.profile === 'student' && !facts.pupilsWrite) return t('forum.why.pupilsClosed');
  if (!facts.reachesReaders) return t('forum.why.rules');
  return t('forum.why.none');
}

export interface SettingsInput {
  pupilsWrite: boolean;
  parentsRead: boolean;
  pupilsRead: boolean;
}

/** The moderators open or close pupils' writing and parents' (or, for the school forum, pupils') reading; the staff room stays staff only. */
export async function saveSettings(deps: Deps, actor: Actor, forumId: string, input: SettingsInput) {
  const { forum, facts } = await forumFacts(deps, actor, forumId);
  authorize(actor, 'forum.forum.read', facts);
  authorize(actor, 'forum.forum.moderate', facts);
  const f = forum!;
  const values =
    f.kind === 'staff'
      ? { pupilsRead: 0, parentsRead: 0, pupilsWrite: 0 }
      : f.kind === 'class'
        ? { pupilsRead: 1, parentsRead: input.parentsRead ? 1 : 0, pupilsWrite: input.pupilsWrite ? 1 : 0 }
        : { pupilsRead: input.pupilsRead ? 1 : 0, parentsRead: input.parentsRead ? 1 : 0, pupilsWrite: input.pupilsRead && input.pupilsWrite ? 1 : 0 };
  await forums.updateSettings(deps.db, forumId, values, actor.personId, deps.clock.now());
  return { ...f, ...values };
}

/** Follows or stops following a forum (its new threads). */
export async function subscribeForum(deps: Deps, actor: Actor, forumId: string, on: boolean) {
  const { facts } = await forumFacts(deps, actor, forumId);
  authorize(actor, 'forum.subscription.manage', facts);
  await threads.setSubscription(deps.db, actor.personId, forumId, null, on, deps.clock.now().toISOString());
}

/** The open reports of a forum, for its moderators. */
export async function reportsPage(deps: Deps, actor: Actor, forumId: string) {
  const { forum, facts } = await forumFacts(deps, actor, forumId);
  authorize(actor, 'forum.forum.read', facts);
  authorize(actor, 'forum.report.read', facts);
  const names = await placeNames(deps, forum!);
  return {
    forum: forum!,
    name: forumName({ kind: forum!.kind, ...names }),
    canModerate: can(actor, 'forum.forum.moderate', facts),
    reports: await threads.openReports(deps.db, forumId),
  };
}

export { factsOf };
