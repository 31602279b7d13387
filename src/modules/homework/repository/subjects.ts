import type { Db } from '../../../kernel/db/index.js';
import { newId, nowIso } from '../../../kernel/db/index.js';
import { subjectsTaughtInGroup } from '../../directory/index.js';
import { codesOfSchool, inProgrammeOrder, programmeOf, SUBJECT_LABELS, type SchoolKind } from '../programmes.js';

const seeded = new Set<string>();

async function kindOf(db: Db, structureId: string): Promise<SchoolKind> {
  const row = await db.selectFrom('structures').select('kind').where('id', '=', structureId).executeTakeFirst();
  return row?.kind ?? 'school';
}

/**
 * The subjects a school teaches, in programme order: its kind's list (primary domains and subjects,
 * or a collège's or a lycée's disciplines), added once per process to what the school already has
 * (concurrent seeds collide harmlessly). Codes of an older list stay in the table for past lessons.
 */
export async function subjectsOf(db: Db, structureId: string) {
  const codes = codesOfSchool(await kindOf(db, structureId));
  if (!seeded.has(structureId)) {
    const now = nowIso();
    await db
      .insertInto('subjects')
      .values(codes.map((code) => ({ id: newId(), structureId, code, label: SUBJECT_LABELS[code]!, createdAt: now })))
      .onConflict((oc) => oc.columns(['structureId', 'code']).doNothing())
      .execute();
    seeded.add(structureId);
  }
  const rows = await db.selectFrom('subjects').select(['id', 'code', 'label']).where('structureId', '=', structureId).execute();
  return inProgrammeOrder(rows, codes);
}

/**
 * The subjects of one class or group: its cycle's programme in primary, the school's disciplines in
 * secondary — or, when the académie's feed says what this teacher teaches there (AAF), exactly
 * those subjects, added to the school's list under the feed's code and label.
 */
export async function subjectsOfGroup(db: Db, group: { id?: string; structureId: string; level: string | null; name: string }, teacherId?: string) {
  const taught = teacherId && group.id ? await subjectsTaughtInGroup(db, teacherId, group.id) : [];
  if (taught.length > 0) {
    await db
      .insertInto('subjects')
      .values(taught.map((s) => ({ id: newId(), structureId: group.structureId, code: s.code, label: s.label, createdAt: nowIso() })))
      .onConflict((oc) => oc.columns(['structureId', 'code']).doNothing())
      .execute();
    const rows = await db
      .selectFrom('subjects')
      .select(['id', 'code', 'label'])
      .where('structureId', '=', group.structureId)
      .where(
        'code',
        'in',
        taught.map((s) => s.code),
      )
      .execute();
    return inProgrammeOrder(
      rows,
      taught.map((s) => s.code),
    );
  }
  const kind = await kindOf(db, group.structureId);
  return inProgrammeOrder(await subjectsOf(db, group.structureId), programmeOf(kind, group));
}
