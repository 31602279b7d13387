import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../../kernel/db/index.js';
import type { GroupRelation } from '../../directory/index.js';
import type { BlogPostsTable, PostAudience, PostStatus } from '../tables.js';

export type PostRow = BlogPostsTable;

export async function findPost(db: Db, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('blogPosts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function settingsOf(db: Db, groupId: string) {
  const row = await db.selectFrom('blogSettings').select(['pupilsWrite', 'parentsComment']).where('groupId', '=', groupId).executeTakeFirst();
  return { pupilsWrite: row?.pupilsWrite === 1, parentsComment: row?.parentsComment === 1 };
}

export async function saveSettings(db: Db, groupId: string, values: { pupilsWrite: boolean; parentsComment: boolean }, by: string, at: string) {
  const row = { pupilsWrite: values.pupilsWrite ? 1 : 0, parentsComment: values.parentsComment ? 1 : 0, updatedAt: at, updatedBy: by };
  await db
    .insertInto('blogSettings')
    .values({ groupId, ...row })
    .onConflict((oc) => oc.column('groupId').doUpdateSet(row))
    .execute();
}

/** A tagged pupil lacks consent: unknown consent (null) counts as no consent. */
export function withoutConsent(eb: ExpressionBuilder<Database, 'blogPosts'>) {
  return eb.exists(
    eb
      .selectFrom('blogMediaTags')
      .innerJoin('blogMedia', 'blogMedia.id', 'blogMediaTags.mediaId')
      .innerJoin('people', 'people.id', 'blogMediaTags.studentId')
      .select(sql<number>`1`.as('one'))
      .whereRef('blogMedia.postId', '=', 'blogPosts.id')
      .where('blogMedia.removedAt', 'is', null)
      .where((w) => w.or([w('people.photoConsent', 'is', null), w('people.photoConsent', '!=', 1)])),
  );
}

export interface ReaderStanding {
  personId: string;
  relations: GroupRelation[];
  inspects: boolean;
  current: boolean;
}

/** The posts of a class blog the reader may read: `readsPost` of policy.ts, as SQL. */
export async function readablePosts(db: Db, groupId: string, r: ReaderStanding, page: { limit: number; offset: number }) {
  return db
    .selectFrom('blogPosts')
    .selectAll()
    .where('groupId', '=', groupId)
    .where('deletedAt', 'is', null)
    .where((eb) => {
      const branches = [eb('authorId', '=', r.personId)];
      if (r.inspects || r.relations.includes('teacher')) branches.push(eb('status', '!=', 'draft'));
      else if (r.current && r.relations.includes('student')) branches.push(eb('status', '=', 'published'));
      else if (r.current && r.relations.includes('relative'))
        branches.push(
          eb.and([eb('status', '=', 'published'), eb('audience', '=', 'families'), eb('familiesHiddenAt', 'is', null), eb.not(withoutConsent(eb))]),
        );
      return eb.or(branches);
    })
    .orderBy(sql`coalesce(published_at, created_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function isCompliant(db: Db, postId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blogPosts')
    .select((eb) => withoutConsent(eb).as('bad'))
    .where('id', '=', postId)
    .executeTakeFirst();
  return !row || !row.bad;
}

export async function insertPost(db: Db, post: PostRow): Promise<void> {
  await db.insertInto('blogPosts').values(post).execute();
}

export async function updatePost(
  db: Db,
  id: string,
  changes: Partial<Pick<PostRow, 'title' | 'body' | 'status' | 'audience' | 'publishedAt' | 'publishedBy' | 'familiesHiddenAt' | 'updatedAt'>>,
) {
  await db.updateTable('blogPosts').set(changes).where('id', '=', id).execute();
}

export async function markDeleted(db: Db, id: string, by: string, at: string) {
  await db.updateTable('blogPosts').set({ deletedAt: at, deletedBy: by, updatedAt: at }).where('id', '=', id).where('deletedAt', 'is', null).execute();
}

/**
 * Published-to-families posts showing this pupil that are not hidden yet: they are hidden now,
 * in the same statement, and returned for their authors' notices.
 */
export async function hidePostsShowing(db: Db, studentId: string, at: string) {
  const posts = await db
    .selectFrom('blogPosts')
    .select(['id', 'authorId', 'title', 'groupId'])
    .where('status', '=', 'published')
    .where('audience', '=', 'families')
    .where('familiesHiddenAt', 'is', null)
    .where('deletedAt', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('blogMediaTags')
          .innerJoin('blogMedia', 'blogMedia.id', 'blogMediaTags.mediaId')
          .select(sql<number>`1`.as('one'))
          .whereRef('blogMedia.postId', '=', 'blogPosts.id')
          .where('blogMedia.removedAt', 'is', null)
          .where('blogMediaTags.studentId', '=', studentId),
      ),
    )
    .execute();
  if (posts.length > 0)
    await db
      .updateTable('blogPosts')
      .set({ familiesHiddenAt: at })
      .where(
        'id',
        'in',
        posts.map((p) => p.id),
      )
      .execute();
  return posts;
}

export async function authorNames(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'firstName', 'lastName', 'usageName'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((p) => [p.id, `${p.firstName} ${p.usageName || p.lastName}`]));
}

/** Pupils of a class (active), with their photo consent, for tagging. */
export async function pupilsOf(db: Db, groupId: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.photoConsent'])
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .where('people.status', '=', 'active')
    .execute();
}

export async function groupRow(db: Db, groupId: string) {
  return db.selectFrom('groups').select(['id', 'name', 'structureId', 'schoolYear', 'kind', 'level']).where('id', '=', groupId).executeTakeFirst();
}

export type { PostAudience, PostStatus };

/** The people of a class: its teachers, its pupils and their parents (for notices). */
export async function classPeople(db: Db, groupId: string) {
  const members = await db.selectFrom('groupMembers').select(['personId', 'role']).where('groupId', '=', groupId).execute();
  const students = members.filter((m) => m.role === 'student').map((m) => m.personId);
  const relatives =
    students.length === 0
      ? []
      : (await db.selectFrom('relativeLinks').select('relativeId').where('studentId', 'in', students).execute()).map((r) => r.relativeId);
  return { teachers: members.filter((m) => m.role === 'teacher').map((m) => m.personId), students, relatives };
}
