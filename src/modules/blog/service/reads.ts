import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can } from '../../../kernel/authz/index.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { compareClasses, displayName, groupsOf, schoolYearOf } from '../../directory/index.js';
import type { BlogFacts } from '../policy.js';
import * as comments from '../repository/comments.js';
import * as media from '../repository/media.js';
import * as repo from '../repository/posts.js';
import type { Deps } from './deps.js';
import { blogFacts, inspects, postFacts, postFactsOf } from './facts.js';

export interface MediaView {
  id: string;
  kind: 'image' | 'video';
  fileName: string;
  caption: string;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbWidth: number | null;
  thumbHeight: number | null;
  /** Pupils the teacher tagged (shown to those who edit only). */
  tags: string[];
}

function mediaView(m: media.MediaRow, tags: { mediaId: string; studentId: string }[]): MediaView {
  return {
    id: m.id,
    kind: m.kind,
    fileName: m.fileName,
    caption: m.caption,
    contentType: m.contentType,
    width: m.width,
    height: m.height,
    thumbWidth: m.thumbWidth,
    thumbHeight: m.thumbHeight,
    tags: tags.filter((tag) => tag.mediaId === m.id).map((tag) => tag.studentId),
  };
}

/** The class blogs a person reads this year: their classes and their children's, every class of a school they manage. */
export async function myBlogs(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor) {
  authorize(actor, 'blog.index.open', {});
  const year = schoolYearOf(deps.clock.now());
  const managed = actor.isSuperAdmin ? [] : Object.keys(actor.roles).filter((id) => actor.roles[id]!.length > 0);
  const rows = await deps.db
    .selectFrom('groups')
    .select(['id', 'name', 'level', 'structureId'])
    .where('kind', '=', 'class')
    .where('schoolYear', '=', year)
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          groupsOf(deps.db, actor.personId, year).$call((q) => deps.db.selectFrom(q.as('g')).select('g.groupId')),
        ),
        ...(managed.length > 0 ? [eb('structureId', 'in', managed)] : []),
      ]),
    )
    .execute();
  return [...rows].sort(compareClasses);
}

const readerOf = (actor: Actor, b: BlogFacts): repo.ReaderStanding => ({
  personId: actor.personId,
  relations: b.relations,
  inspects: inspects(actor, b),
  current: b.current,
});

/** A class blog's page: the posts the reader may read, newest first, with their photos. */
export async function blogPage(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, groupId: string, page: { limit: number; offset: number }) {
  const blog = await blogFacts(deps, actor, groupId);
  authorize(actor, 'blog.blog.read', blog);
  const group = (await repo.groupRow(deps.db, groupId))!;
  const posts = await repo.readablePosts(deps.db, groupId, readerOf(actor, blog), page);
  const all = await media.mediaOf(
    deps.db,
    posts.map((p) => p.id),
  );
  const authors = await repo.authorNames(
    deps.db,
    posts.map((p) => p.authorId),
  );
  return {
    group,
    blog,
    canWrite: can(actor, 'blog.post.create', blog),
    canManage: can(actor, 'blog.settings.manage', blog),
    posts: posts.map((p) => ({
      ...p,
      authorName: authors.get(p.authorId) ?? '',
      media: all.filter((m) => m.postId === p.id).map((m) => mediaView(m, [])),
    })),
  };
}

/** One post with its photos, comments and what the reader may do on it. */
export async function postPage(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, postId: string) {
  const { post, blog, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'blog.post.read', facts);
  const group = (await repo.groupRow(deps.db, post!.groupId))!;
  const moderator = can(actor, 'blog.comment.moderate', facts);
  const editor = can(actor, 'blog.post.edit', facts);
  const items = await media.mediaOf(deps.db, [post!.id]);
  const tags = editor
    ? await media.tagsOf(
        deps.db,
        items.map((m) => m.id),
      )
    : [];
  const list = await comments.commentsOf(deps.db, post!.id, actor.personId, moderator);
  const names = await repo.authorNames(deps.db, [post!.authorId, ...list.map((c) => c.authorId)]);
  return {
    post: { ...post!, authorName: names.get(post!.authorId) ?? '' },
    group,
    blog: blog!,
    media: items.map((m) => mediaView(m, tags)),
    comments: list.map((c) => ({ ...c, authorName: names.get(c.authorId) ?? '' })),
    can: {
      edit: editor,
      delete: can(actor, 'blog.post.delete', facts),
      comment: can(actor, 'blog.comment.create', facts),
      moderate: moderator,
    },
  };
}

/** What the editor needs: the post (or a new one's class), its photos with their tags, the class's pupils with their consent. */
export async function editorData(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, target: { postId?: string; groupId?: string }) {
  if (target.postId) {
    const { post, facts } = await postFacts(deps, actor, target.postId);
    authorize(actor, 'blog.post.edit', facts);
    const items = await media.mediaOf(deps.db, [post!.id]);
    const tags = await media.tagsOf(
      deps.db,
      items.map((m) => m.id),
    );
    return {
      post: post!,
      group: (await repo.groupRow(deps.db, post!.groupId))!,
      media: items.map((m) => mediaView(m, tags)),
      pupils: await pupilsFor(deps, post!.groupId),
      publishes: can(actor, 'blog.post.publish', facts),
    };
  }
  const blog = await blogFacts(deps, actor, target.groupId ?? '');
  authorize(actor, 'blog.post.create', blog);
  return { post: null, group: (await repo.groupRow(deps.db, target.groupId!))!, media: [], pupils: [], publishes: false };
}

async function pupilsFor(deps: Pick<Deps, 'db'>, groupId: string) {
  const rows = await repo.pupilsOf(deps.db, groupId);
  return sortByDisplay(
    rows.map((p) => ({ id: p.id, name: displayName(p), consent: p.photoConsent === 1 })),
    (p) => p.name,
  );
}

/** A photo or video the actor may see, with which variant to send. */
export async function readableMedia(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, mediaId: string) {
  const item = await media.findMedia(deps.db, mediaId);
  const { facts } = item ? await postFacts(deps, actor, item.postId) : { facts: null };
  authorize(actor, 'blog.media.read', facts);
  return item!;
}

export { postFactsOf };
