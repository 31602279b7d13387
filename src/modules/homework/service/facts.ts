import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { groupStanding, schoolYearOf } from '../../directory/index.js';
import type { AuthorFacts, LessonFacts } from '../policy.js';
import { settingsOf } from '../repository/settings.js';

interface LessonLike {
  teacherId: string;
  groupId: string;
  structureId: string;
  status: 'draft' | 'published';
  visibleFrom: string;
  schoolYear: string;
}

/** The author and whether the lesson's school year runs now. */
export function authorFacts(lesson: Pick<LessonLike, 'teacherId' | 'schoolYear'> | undefined, now: Date): AuthorFacts | undefined {
  return lesson && { teacherId: lesson.teacherId, current: lesson.schoolYear === schoolYearOf(now) };
}

/** What `homework.lesson.read` looks at: the author, the publication, the reader's standing in the group, the school's settings. */
export async function lessonFacts(db: Db, actor: Actor, lesson: LessonLike | undefined, now: Date): Promise<LessonFacts | undefined> {
  if (!lesson) return undefined;
  const [standing, open] = await Promise.all([groupStanding(db, actor.personId, lesson.groupId, now), settingsOf(db, lesson.structureId)]);
  const published = lesson.status === 'published';
  return {
    teacherId: lesson.teacherId,
    structureId: lesson.structureId,
    current: lesson.schoolYear === schoolYearOf(now),
    published,
    visible: published && lesson.visibleFrom <= now.toISOString(),
    relations: standing?.relations ?? [],
    open: { students: open.openToStudents, relatives: open.openToRelatives },
  };
}
