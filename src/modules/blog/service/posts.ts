import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { htmlToText, richText } from '../../../kernel/rich-text.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { audit } from '../../../kernel/audit.js';
import { displayName } from '../../directory/index.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { IMAGE_TYPES, VIDEO_TYPES, imageVariants } from '../images.js';
import * as media from '../repository/media.js';
import { videoWithoutMetadata } from '../video.js';
import * as repo from '../repository/posts.js';
import type { PostAudience, PostStatus } from '../tables.js';
import type { Deps } from './deps.js';
import { blogFacts, ownerOf, postFacts, type BlogOwner } from './facts.js';

export const MAX_FILES = 30;
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const CAPTION_MAX = 300;

/** What the editor sends, already read from the form. */
export interface PostInput {
  title: string;
  body: string;
  audience: string;
  /** `draft`, `publish` (a teacher) or `submit` (a pupil sends it for validation). */
  action: string;
  captions: Record<string, string>;
  /** Pupils shown in each existing photo, by photo id. */
  tags: Record<string, string[]>;
  /** Photos taken off the post. */
  remove: string[];
}

/** A new post in a blog, or an existing post. */
export type Target = BlogOwner | { postId: string };

/**
 * Creates or edits a post. The rule runs first; only then does `receive` read the multipart stream,
 * so a refused request stores nothing. Any problem (an empty post, a file that is neither a photo
 * nor a video, a tag of a pupil not in the class, a pupil without photo consent in a post for the
 * families) throws the problems together and keeps nothing of the request.
 */
export async function savePost(deps: Deps, actor: Actor, target: Target, receive: () => Promise<{ input: PostInput; files: StoredFile[] }>) {
  const found = 'postId' in target ? await postFacts(deps, actor, target.postId) : null;
  const blog = found ? found.blog : await blogFacts(deps, actor, target as BlogOwner);
  if (found) authorize(actor, 'blog.post.edit', found.facts);
  else authorize(actor, 'blog.post.create', blog);
  const owner: BlogOwner = found ? ownerOf(found.post!) : (target as BlogOwner);
  const { input, files } = await receive();
  const stored: string[] = [];
  try {
    const existing = found ? await media.mediaOf(deps.db, [found.post!.id]) : [];
    const pupils = await repo.pupilsOf(deps.db, owner);
    const problems = new Problems();
    const title = input.title.trim();
    problems.check(title.length > 0 && title.length <= TITLE_MAX, 'title', t('blog.error.title'));
    problems.check(input.body.length <= BODY_MAX, 'body', t('blog.error.body'));
    const audience: PostAudience = input.audience === 'families' ? 'families' : 'class';
    problems.check(['class', 'families', ''].includes(input.audience), 'audience', t('blog.error.field'));
    problems.check(['draft', 'publish', 'submit'].includes(input.action), 'action', t('blog.error.field'));
    const ids = new Set(existing.map((m) => m.id));
    const named = [...Object.keys(input.captions), ...Object.keys(input.tags), ...input.remove];
    if (named.some((id) => !ids.has(id))) problems.add('files', t('blog.error.media'));
    for (const [id, caption] of Object.entries(input.captions)) problems.check(caption.length <= CAPTION_MAX, `caption.${id}`, t('blog.error.caption'));
    const pupilIds = new Set(pupils.map((p) => p.id));
    for (const [id, students] of Object.entries(input.tags))
      if (students.some((s) => !pupilIds.has(s))) problems.add(`tags.${id}`, owner.schoolId ? t('blog.error.tagSchool') : t('blog.error.tag'));
    for (const file of files) if (![...IMAGE_TYPES, ...VIDEO_TYPES].includes(file.contentType)) problems.add('files', t('blog.error.notMedia', file.fileName));
    const removed = new Set(input.remove);
    const kept = existing.filter((m) => !removed.has(m.id));
    const html = richText(input.body);
    if (title && !htmlToText(html) && kept.length === 0 && files.length === 0) problems.add('body', t('blog.error.empty'));

    const facts = found?.facts;
    const publishes = input.action === 'publish' && !!facts && can(actor, 'blog.post.publish', facts);
    const status: PostStatus = publishes
      ? 'published'
      : input.action === 'submit' && actor.profile === 'student'
        ? 'pending'
        : found
          ? keptStatus(found.post!.status, actor)
          : 'draft';
    if (status === 'published' && audience === 'families') {
      const consent = new Map(pupils.map((p) => [p.id, p]));
      kept.forEach((m) => {
        for (const studentId of input.tags[m.id] ?? []) {
          const pupil = consent.get(studentId);
          if (pupil && pupil.photoConsent !== 1) problems.add(`media.${m.id}`, t('blog.error.consent', m.fileName, displayName(pupil)));
        }
      });
    }
    problems.throwIfAny('blog.invalid');

    // Photos become their two re-encoded variants, videos a copy without metadata boxes; the upload itself goes.
    const now = deps.clock.now().toISOString();
    const postId = found?.post!.id ?? newId();
    let position = found ? await media.nextPosition(deps.db, postId) : 0;
    const rows: media.MediaRow[] = [];
    for (const file of files) {
      const base = { id: newId(), postId, fileName: file.fileName, caption: '', position: position++, removedAt: null, removedBy: null, createdAt: now };
      if (VIDEO_TYPES.includes(file.contentType)) {
        // MP4 and MOV (both sniffed as video/mp4) lose their metadata boxes; WebM is kept as sent (decision 0044).
        const video = file.contentType === 'video/mp4' ? await videoWithoutMetadata(deps.blobs, file, deps.maxBytes) : file;
        if (!video) new Problems().add('files', t('blog.error.badVideo', file.fileName)).throwIfAny('blog.invalid');
        if (video !== file) await deps.blobs.delete(file.key);
        stored.push(video!.key);
        rows.push({
          ...base,
          kind: 'video',
          blobKey: video!.key,
          thumbKey: null,
          thumbSize: null,
          contentType: file.contentType,
          size: video!.size,
          width: null,
          height: null,
          thumbWidth: null,
          thumbHeight: null,
        });
        continue;
      }
      const variants = await imageVariants(deps.blobs, file.key, deps.maxBytes);
      await deps.blobs.delete(file.key);
      if (!variants) new Problems().add('files', t('blog.error.notMedia', file.fileName)).throwIfAny('blog.invalid');
      const { screen, thumb } = variants!;
      stored.push(screen.key, thumb.key);
      rows.push({
        ...base,
        kind: 'image',
        blobKey: screen.key,
        thumbKey: thumb.key,
        thumbSize: thumb.size,
        contentType: 'image/jpeg',
        size: screen.size,
        width: screen.width,
        height: screen.height,
        thumbWidth: thumb.width,
        thumbHeight: thumb.height,
      });
    }

    const firstPublication = status === 'published' && !found?.post!.publishedAt;
    await deps.db.transaction().execute(async (trx) => {
      if (!found) {
        await repo.insertPost(trx, {
          id: postId,
          structureId: blog!.structureId,
          groupId: owner.groupId ?? null,
          authorId: actor.personId,
          title,
          body: html,
          status,
          audience,
          publishedAt: null,
          publishedBy: null,
          familiesHiddenAt: null,
          deletedAt: null,
          deletedBy: null,
          createdAt: now,
          updatedAt: now,
        });
      } else {
        const publishing = status === 'published' ? { publishedAt: found.post!.publishedAt ?? now, publishedBy: actor.personId, familiesHiddenAt: null } : {};
        await repo.updatePost(trx, postId, { title, body: html, status, audience, updatedAt: now, ...publishing });
      }
      await media.insertMedia(trx, rows);
      const keptIds = kept.map((m) => m.id);
      await media.replaceTags(
        trx,
        keptIds,
        keptIds.flatMap((id) => [...new Set(input.tags[id] ?? [])].map((studentId) => ({ mediaId: id, studentId }))),
      );
      await media.setCaptions(
        trx,
        Object.entries(input.captions)
          .filter(([id]) => !removed.has(id))
          .map(([id, caption]) => ({ id, caption: caption.trim() })),
      );
      await media.markRemoved(trx, input.remove, actor.personId, now);
      const people = await repo.blogPeople(trx, owner);
      const place = owner.groupId ? await repo.groupRow(trx, owner.groupId) : await repo.schoolRow(trx, owner.schoolId!);
      const link = `/blog/posts/${postId}`;
      if (firstPublication) {
        const recipients = [...new Set([...people.students, ...people.staff, ...(audience === 'families' ? people.relatives : [])])].filter(
          (id) => id !== actor.personId,
        );
        await deps.events.publish(
          trx,
          'blog.notice',
          {
            recipients,
            source: `blog.published:${postId}`,
            title: withLocale('fr', () => t('blog.notice.published', place!.name, title)),
            body: null,
            link,
            emailFor: blog!.structureId,
          },
          { key: `blog.published:${postId}` },
        );
      } else if (status === 'pending' && found?.post!.status !== 'pending') {
        await deps.events.publish(
          trx,
          'blog.notice',
          {
            recipients: people.teachers,
            source: `blog.pending:${postId}:${now}`,
            title: withLocale('fr', () => t('blog.notice.pending', actor.displayName, title)),
            body: null,
            link: `${link}/edit`,
          },
          { key: `blog.pending:${postId}:${now}` },
        );
      }
    });
    return { id: postId, status };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    await Promise.all(stored.map((key) => deps.blobs.delete(key).catch(() => undefined)));
    throw error;
  }
}

/** Saving without publishing: a teacher's edit keeps a published post published; a pupil's post goes back to draft only from draft. */
function keptStatus(previous: PostStatus, actor: Actor): PostStatus {
  if (actor.profile === 'teacher') return previous;
  return previous === 'pending' ? 'pending' : 'draft';
}

/** Removes a post from view, keeping it with who and when (and an audit line). */
export async function deletePost(deps: Deps, actor: Actor, postId: string) {
  const { post, facts } = await postFacts(deps, actor, postId);
  authorize(actor, 'blog.post.delete', facts);
  const now = deps.clock.now().toISOString();
  await repo.markDeleted(deps.db, postId, actor.personId, now);
  await audit(deps.db, {
    action: 'blog.post.delete',
    actorId: actor.personId,
    subjectId: postId,
    structureId: post!.structureId,
    details: { title: post!.title },
  });
  return post!;
}

export async function saveSettings(deps: Deps, actor: Actor, owner: BlogOwner, values: { pupilsWrite: boolean; parentsComment: boolean }) {
  authorize(actor, 'blog.settings.manage', await blogFacts(deps, actor, owner));
  const at = deps.clock.now().toISOString();
  if (owner.schoolId !== undefined) await repo.saveSchoolSettings(deps.db, owner.schoolId, values, actor.personId, at);
  else await repo.saveSettings(deps.db, owner.groupId, values, actor.personId, at);
}

/** The direction opens the school's blog (again: nothing changes); it starts with pupils not writing and parents not commenting. */
export async function openSchoolBlog(deps: Deps, actor: Actor, structureId: string) {
  const school = await repo.schoolRow(deps.db, structureId);
  authorize(actor, 'blog.school.open', school ? { structureId: school.id } : null);
  await repo.openSchoolBlog(deps.db, structureId, actor.personId, deps.clock.now().toISOString());
}

/** Adds photos or videos to a post, keeping its text, public, status and tags (the JSON API's upload). */
export async function addMedia(deps: Deps, actor: Actor, postId: string, receive: () => Promise<StoredFile[]>) {
  return savePost(deps, actor, { postId }, async () => {
    const post = (await repo.findPost(deps.db, postId))!;
    const items = await media.mediaOf(deps.db, [postId]);
    const tags = await media.tagsOf(
      deps.db,
      items.map((m) => m.id),
    );
    const byPhoto = Object.fromEntries(items.map((m) => [m.id, tags.filter((tag) => tag.mediaId === m.id).map((tag) => tag.studentId)]));
    const input: PostInput = { title: post.title, body: post.body, audience: post.audience, action: 'draft', captions: {}, tags: byPhoto, remove: [] };
    return { input, files: await receive() };
  });
}
