import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can } from '../../../kernel/authz/index.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { compareClasses, displayName, groupsOf, schoolYearOf } from '../../directory/index.js';
import type { BlogFacts } from '../policy.js';
import * as comments from '../repository/comments.js';
import * as media from '../repository/media.js';
import * as repo from '../repository/posts.js';
import type { Deps } from './deps.js';
import { blogFacts, inspects, ownerOf, postFacts, postFactsOf, type BlogOwner } from './facts.js';
import { t } from '../i18n/fr.js';

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

/** Where a blog is, for pages: its title, its address, the way back to it. */
export interface BlogPlace {
  kind: 'class' | 'school';
  id: string;
  name: string;
  title: string;
  href: string;
  back: string;
}

export async function placeOf(deps: Pick<Deps, 'db'>, owner: BlogOwner): Promise<BlogPlace> {
  if (owner.schoolId !== undefined) {
    const school = (await repo.schoolRow(deps.db, owner.schoolId))!;
    const href = `/blog/schools/${school.id}`;
    return { kind: 'school', id: school.id, name: school.name, title: t('blog.schoolTitle', school.name), href, back: t('blog.backSchool', school.name) };
  }
  const group = (await repo.groupRow(deps.db, owner.groupId))!;
  return {
    kind: 'class',
    id: group.id,
    name: group.name,
    title: t('blog.classTitle', group.name),
    href: `/blog/classes/${group.id}`,
    back: t('blog.back', group.name),
  };
}

/**
 * The schools' blogs a person reads (their schools', their children's schools', the ones they
 * manage), and the schools they manage that have not opened one yet.
 */
export async function mySchoolBlogs(deps: Pick<Deps, 'db'>, actor: Actor) {
  const managed = actor.isSuperAdmin
    ? []
    : Object.keys(actor.roles).filter((id) => actor.roles[id]!.includes('director') || actor.roles[id]!.includes('localAdmin'));
  const own = deps.db.selectFrom('structureMembers').select('structureId').where('personId', '=', actor.personId).where('active', '=', 1);
  const children = deps.db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.studentId')
    .select('structureMembers.structureId')
    .where('relativeLinks.relativeId', '=', actor.personId)
    .where('structureMembers.active', '=', 1);
  const rows = await deps.db
    .selectFrom('structures')
    .leftJoin('blogSchools', 'blogSchools.structureId', 'structures.id')
    .select(['structures.id', 'structures.name', 'blogSchools.openedAt'])
    .where('structures.kind', '!=', 'municipality')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('blogSchools.openedAt', 'is not', null),
          eb.or([eb('structures.id', 'in', own), eb('structures.id', 'in', children), ...(managed.length > 0 ? [eb('structures.id', 'in', managed)] : [])]),
        ]),
        ...(managed.length > 0 ? [eb('structures.id', 'in', managed)] : []),
      ]),
    )
    .orderBy('structures.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    open: r.openedAt !== null,
    canOpen: r.openedAt === null && can(actor, 'blog.school.open', { structureId: r.id }),
  }));
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

/** A blog's page (a class's or the school's): the posts the reader may read, newest first, with their photos. */
export async function blogPage(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, owner: BlogOwner, page: { limit: number; offset: number }) {
  const blog = await blogFacts(deps, actor, owner);
  authorize(actor, 'blog.blog.read', blog);
  const place = await placeOf(deps, owner);
  const posts = await repo.readablePosts(deps.db, owner, readerOf(actor, blog), page);
  const all = await media.mediaOf(
    deps.db,
    posts.map((p) => p.id),
  );
  const authors = await repo.authorNames(
    deps.db,
    posts.map((p) => p.authorId),
  );
  return {
    place,
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
  const place = await placeOf(deps, ownerOf(post!));
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
    place,
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

/** What the editor needs: the post (or a new one's blog), its photos with their tags, the blog's pupils with their consent. */
export async function editorData(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, target: BlogOwner | { postId: string }) {
  if ('postId' in target) {
    const { post, facts } = await postFacts(deps, actor, target.postId);
    authorize(actor, 'blog.post.edit', facts);
    const items = await media.mediaOf(deps.db, [post!.id]);
    const tags = await media.tagsOf(
      deps.db,
      items.map((m) => m.id),
    );
    return {
      post: post!,
      place: await placeOf(deps, ownerOf(post!)),
      media: items.map((m) => mediaView(m, tags)),
      pupils: await pupilsFor(deps, ownerOf(post!)),
      publishes: can(actor, 'blog.post.publish', facts),
    };
  }
  const blog = await blogFacts(deps, actor, target);
  authorize(actor, 'blog.post.create', blog);
  return { post: null, place: await placeOf(deps, target), media: [], pupils: [], publishes: false };
}

async function pupilsFor(deps: Pick<Deps, 'db'>, owner: BlogOwner) {
  const rows = await repo.pupilsOf(deps.db, owner);
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
