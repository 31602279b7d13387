import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { groupStanding, schoolYearOf } from '../../directory/index.js';
import type { GroupFacts, JustificationFacts } from '../policy.js';
import { pupilStanding } from '../repository/records.js';

/** How the actor stands towards a group, or undefined when there is no such group. */
export async function groupFacts(db: Db, actor: Actor, groupId: string, now: Date): Promise<GroupFacts | undefined> {
  const standing = await groupStanding(db, actor.personId, groupId, now);
  return standing ? { structureId: standing.structureId, current: standing.current, relations: standing.relations } : undefined;
}

/** A pupil's facts for the record, justification and announcement rules, in `year` (this year by default). */
export async function pupilFacts(db: Db, actor: Actor, studentId: string, now: Date, year = schoolYearOf(now)) {
  const standing = await pupilStanding(db, actor.personId, studentId, schoolYearOf(now));
  if (!standing) return { facts: undefined, pupil: undefined };
  const facts: JustificationFacts = {
    structureId: standing.pupil.structureId,
    studentId,
    childOfActor: standing.childOfActor,
    teachesPupil: standing.teachesPupil,
    current: year === schoolYearOf(now),
  };
  return { facts, pupil: standing.pupil };
}
