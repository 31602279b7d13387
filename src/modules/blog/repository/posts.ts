import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../../kernel/db/index.js';
import type { BlogRelation } from '../policy.js';
import type { BlogOwner } from '../service/facts.js';
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
  relations: BlogRelation[];
  inspects: boolean;
  current: boolean;
}

/** The posts of a blog (a class's, or its school's: the posts with no class). */
export function ofBlog(eb: ExpressionBuilder<Database, 'blogPosts'>, owner: BlogOwner) {
  return owner.schoolId !== undefined ? eb.and([eb('structureId', '=', owner.schoolId), eb('groupId', 'is', null)]) : eb('groupId', '=', owner.groupId);
}

/** The posts of a blog the reader may read: `readsPost` of policy.ts, as SQL. */
export async function readablePosts(db: Db, owner: BlogOwner, r: ReaderStanding, page: { limit: number; offset: number }) {
  return db
    .selectFrom('blogPosts')
    .selectAll()
    .where((eb) => ofBlog(eb, owner))
    .where('deletedAt', 'is', null)
    .where((eb) => {
      const branches = [eb('authorId', '=', r.personId)];
      if (r.inspects || r.relations.includes('teacher')) branches.push(eb('status', '!=', 'draft'));
      else if (r.current && (r.relations.includes('student') || r.relations.includes('staff'))) branches.push(eb('status', '=', 'published'));
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

/** Pupils of a class, or of the school for its blog (active), with their photo consent, for tagging. */
export async function pupilsOf(db: Db, owner: BlogOwner) {
  if (owner.schoolId !== undefined)
    return db
      .selectFrom('structureMembers')
      .innerJoin('people', 'people.id', 'structureMembers.personId')
      .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.photoConsent'])
      .where('structureMembers.structureId', '=', owner.schoolId)
      .where('structureMembers.active', '=', 1)
      .where('people.profile', '=', 'student')
      .where('people.status', '=', 'active')
      .execute();
  return db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.photoConsent'])
    .where('groupMembers.groupId', '=', owner.groupId)
    .where('groupMembers.role', '=', 'student')
    .where('people.status', '=', 'active')
    .execute();
}

export async function groupRow(db: Db, groupId: string) {
  return db.selectFrom('groups').select(['id', 'name', 'structureId', 'schoolYear', 'kind', 'level']).where('id', '=', groupId).executeTakeFirst();
}

export type { PostAudience, PostStatus };

/** The people of a blog (for notices): who runs it, its readers (pupils, staff) and the pupils' parents. */
export async function blogPeople(db: Db, owner: BlogOwner) {
  if (owner.groupId !== undefined) return { ...(await classPeople(db, owner.groupId)), staff: [] as string[] };
  const members = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['people.id', 'people.profile'])
    .where('structureMembers.structureId', '=', owner.schoolId)
    .where('structureMembers.active', '=', 1)
    .where('people.status', '=', 'active')
    .execute();
  const students = members.filter((m) => m.profile === 'student').map((m) => m.id);
  const relatives =
    students.length === 0
      ? []
      : (await db.selectFrom('relativeLinks').select('relativeId').distinct().where('studentId', 'in', students).execute()).map((r) => r.relativeId);
  // Moderation notices go to the direction, not to every teacher of the school.
  const direction = (
    await db
      .selectFrom('structureRoles')
      .select('personId')
      .distinct()
      .where('structureId', '=', owner.schoolId)
      .where('role', 'in', ['director', 'localAdmin'])
      .execute()
  ).map((r) => r.personId);
  const staff = members.filter((m) => m.profile === 'teacher' || m.profile === 'personnel').map((m) => m.id);
  return { teachers: direction, students, relatives, staff };
}

/** The school's blog (its settings), when it has been opened. */
export async function schoolBlog(db: Db, structureId: string) {
  return db.selectFrom('blogSchools').selectAll().where('structureId', '=', structureId).executeTakeFirst();
}

export async function openSchoolBlog(db: Db, structureId: string, by: string, at: string) {
  await db
    .insertInto('blogSchools')
    .values({ structureId, pupilsWrite: 0, parentsComment: 0, openedAt: at, openedBy: by, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('structureId').doNothing())
    .execute();
}

export async function saveSchoolSettings(db: Db, structureId: string, values: { pupilsWrite: boolean; parentsComment: boolean }, by: string, at: string) {
  await db
    .updateTable('blogSchools')
    .set({ pupilsWrite: values.pupilsWrite ? 1 : 0, parentsComment: values.parentsComment ? 1 : 0, updatedAt: at, updatedBy: by })
    .where('structureId', '=', structureId)
    .execute();
}

/** How a person stands towards a school's blog: a member (teacher, pupil, other staff) or a pupil's parent. */
export async function schoolRelations(db: Db, personId: string, structureId: string): Promise<BlogRelation[]> {
  const own = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.profile')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.personId', '=', personId)
    .where('structureMembers.active', '=', 1)
    .executeTakeFirst();
  const child = await db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.studentId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', personId)
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .executeTakeFirst();
  const relations: BlogRelation[] = [];
  if (own?.profile === 'teacher') relations.push('teacher');
  else if (own?.profile === 'student') relations.push('student');
  else if (own?.profile === 'personnel') relations.push('staff');
  if (child) relations.push('relative');
  return relations;
}

/** The school (a school, collège or lycée, not a municipality) and its name. */
export async function schoolRow(db: Db, structureId: string) {
  return db.selectFrom('structures').select(['id', 'name']).where('id', '=', structureId).where('kind', '!=', 'municipality').executeTakeFirst();
}

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
