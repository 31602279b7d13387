import type { FastifyInstance } from 'fastify';
import { newId } from '../../kernel/db/index.js';
import { schoolYearOf } from '../directory/index.js';
import { addDays, todayInParis } from './dates.js';
import { groupById } from './repository/people.js';
import { groupPupils, insertAssessment, saveResults } from './repository/assessments.js';
import { periodsOf, replacePeriods } from './repository/settings.js';
import { suggestedPeriods } from './service/settings.js';
import { cycleOfClass, domainsOf } from './skills.js';

/** Mostly « atteints », some each side. */
const PATTERN = [3, 2, 3, 4, 3, 1, 3, 2, 4, 3];

/**
 * The demo school's periods (three trimesters) and a term of skills assessments for the story's
 * class: one assessment every other week of the first trimester on one skill of each domain,
 * every pupil positioned, published the day after. The levels follow a fixed pattern so that
 * the demo is the same each time.
 */
export async function seedAssessmentDemo(app: FastifyInstance, structureId: string, groupId: string, teacherId: string): Promise<void> {
  const db = app.db;
  const now = app.clock.now();
  const schoolYear = schoolYearOf(now);
  const at = now.toISOString();
  if ((await periodsOf(db, structureId, schoolYear)).length === 0) {
    await replacePeriods(db, structureId, schoolYear, suggestedPeriods('trimester', schoolYear), at);
  }
  const term = (await periodsOf(db, structureId, schoolYear))[0]!;
  const group = await groupById(db, groupId);
  const domains = domainsOf(cycleOfClass(group ?? { level: null, name: '' }) ?? 3);
  const pupils = await groupPupils(db, groupId);
  const skills = domains.flatMap((d) => d.skills.map((s) => ({ domain: d, skill: s })));
  const last = todayInParis(now) < term.endsOn ? todayInParis(now) : term.endsOn;
  for (let i = 0; i < 6; i++) {
    const assessedOn = addDays(term.startsOn, 7 + i * 14);
    if (assessedOn > last && i > 0) break;
    const { domain, skill } = skills[(i * 3) % skills.length]!;
    const id = newId();
    await insertAssessment(
      db,
      {
        id,
        structureId,
        groupId,
        periodId: term.id,
        teacherId,
        kind: 'skills',
        subjectCode: domain.code,
        subjectLabel: domain.label,
        title: skill.label.length > 60 ? `${skill.label.slice(0, 57)}…` : skill.label,
        assessedOn,
        scale: null,
        coefficientCenti: 100,
        publishAt: new Date(`${addDays(assessedOn, 1)}T07:00:00Z`).toISOString(),
        heldAt: null,
        heldReason: null,
        // The term's earlier assessments were announced long ago; the last one's notice goes out when the server runs.
        familiesNotifiedAt: i < 5 && assessedOn < addDays(last, -7) ? at : null,
        createdAt: at,
        updatedAt: at,
      },
      [skill.code],
    );
    const levels = pupils.map((p, n) => ({ studentId: p.id, skillCode: skill.code, level: PATTERN[(n + i) % PATTERN.length]! }));
    await saveResults(db, id, [], levels, teacherId, at);
  }
}
