import type { Actor } from '../../../kernel/authz/index.js';
import { schoolYearOf, groupStanding } from '../../directory/index.js';
import { unreachableCount } from '../../messaging/index.js';
import { readsForum, type ForumFacts, type PostFacts, type ThreadFacts } from '../policy.js';
import * as forums from '../repository/forums.js';
import * as threads from '../repository/threads.js';
import type { Deps } from './deps.js';

/**
 * Whether the actor may write to every reader of the forum by the school's communication rules
 * (decision 0024): the forum's audience less the actor; in a class forum whose teacher opened
 * pupil writing, a pupil of the class is not held back by their classmates.
 */
async function reaches(deps: Deps, actor: Actor, forum: forums.ForumRow, relations: string[]): Promise<boolean> {
  const exceptClassPupils = forum.kind === 'class' && forum.pupilsWrite === 1 && relations.includes('student');
  const audience = forums.audienceOf(deps.db, forum, { exceptClassPupils });
  return (await unreachableCount(deps.db, actor, forum.structureId, audience, forum.schoolYear, deps.clock.now())) === 0;
}

/** A forum's facts for the actor; the reach is computed only for a reader of the current year. */
export async function factsOf(deps: Deps, actor: Actor, forum: forums.ForumRow): Promise<ForumFacts> {
  const now = deps.clock.now();
  const [standing, member] = await Promise.all([
    forum.groupId ? groupStanding(deps.db, actor.personId, forum.groupId, now) : Promise.resolve(null),
    forums.isActiveMember(deps.db, actor.personId, forum.structureId),
  ]);
  const facts: ForumFacts = {
    kind: forum.kind,
    structureId: forum.structureId,
    current: forum.schoolYear === schoolYearOf(now),
    relations: standing?.relations ?? [],
    member,
    pupilsRead: forum.pupilsRead === 1,
    parentsRead: forum.parentsRead === 1,
    pupilsWrite: forum.pupilsWrite === 1,
    reachesReaders: false,
  };
  if (facts.current && readsForum(actor, facts)) facts.reachesReaders = await reaches(deps, actor, forum, facts.relations);
  return facts;
}

/** A forum and its facts; nulls when there is no such forum. */
export async function forumFacts(deps: Deps, actor: Actor, forumId: string) {
  const forum = await forums.findForum(deps.db, forumId);
  if (!forum) return { forum: undefined, facts: null };
  return { forum, facts: await factsOf(deps, actor, forum) };
}

/** A thread, its forum and the thread's facts; nulls when there is no such thread. */
export async function threadFacts(deps: Deps, actor: Actor, threadId: string) {
  const thread = await threads.findThread(deps.db, threadId);
  const { forum, facts } = thread ? await forumFacts(deps, actor, thread.forumId) : { forum: undefined, facts: null };
  if (!thread || !forum || !facts) return { thread: undefined, forum: undefined, facts: null };
  const threadFacts: ThreadFacts = { ...facts, authorId: thread.authorId, locked: thread.locked === 1, hidden: thread.hidden === 1 };
  return { thread, forum, facts: threadFacts };
}

/** A post, its thread and forum, and the post's facts; nulls when there is no such post. */
export async function postFacts(deps: Deps, actor: Actor, postId: string) {
  const post = await threads.findPost(deps.db, postId);
  const found = post ? await threadFacts(deps, actor, post.threadId) : { thread: undefined, forum: undefined, facts: null };
  if (!post || !found.thread || !found.facts) return { post: undefined, thread: undefined, forum: undefined, facts: null };
  const facts: PostFacts = { ...found.facts, postAuthorId: post.authorId, postHidden: post.hidden === 1 };
  return { post, thread: found.thread, forum: found.forum!, facts };
}
