// Parents' notes to the teachers of their child's class, and the teacher's acknowledgement.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { messagingSettingsOf } from '../../messaging/index.js';
import { firstSendableAt } from '../../../kernel/quiet-hours.js';
import { t } from '../i18n/fr.js';
import { FAMILY_NOTE_JOB } from '../jobs.js';
import * as repo from '../repository.js';
import type { FamilyNoteKind } from '../tables.js';
import type { Deps } from './deps.js';

export const MAX_FAMILY_BODY = 3000;

/** Writes to the teachers of the child's class this year; they are notified outside quiet hours. */
export async function createFamilyNote(deps: Deps, actor: Actor, input: { studentId: string; kind: FamilyNoteKind; body: string }) {
  const now = deps.clock.now();
  authorize(actor, 'liaison.familyNote.write', {});
  const year = schoolYearOf(now);
  const [children, klass] = await Promise.all([repo.guardedChildrenNamed(deps.db, actor.personId), repo.classOf(deps.db, input.studentId, year)]);
  authorize(actor, 'liaison.familyNote.create', { guardian: children.some((c) => c.id === input.studentId), hasClass: !!klass });
  new Problems().check(input.body.trim() !== '', 'body', t('liaison.error.body')).throwIfAny();
  const id = newId();
  const hours = await messagingSettingsOf(deps.db, klass!.structureId, now);
  const runAt = hours ? firstSendableAt(hours, now) : now;
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertFamilyNote(trx, {
      id,
      structureId: klass!.structureId,
      groupId: klass!.id,
      schoolYear: year,
      studentId: input.studentId,
      authorId: actor.personId,
      kind: input.kind,
      body: input.body.trim(),
      createdAt: now.toISOString(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    await enqueue(trx, FAMILY_NOTE_JOB, { familyNoteId: id }, { key: `${FAMILY_NOTE_JOB}:${id}`, runAt });
  });
  return { id };
}

async function familyNoteFacts(deps: Deps, actor: Actor, id: string) {
  const note = await repo.findFamilyNote(deps.db, id);
  if (!note) return null;
  const relations = await repo.relationsTo(deps.db, actor.personId, note.groupId, note.schoolYear);
  return { note, facts: { structureId: note.structureId, authorId: note.authorId, current: note.schoolYear === schoolYearOf(deps.clock.now()), relations } };
}

/** The class's teacher (or the director) acknowledges a parent's note; acknowledging twice keeps the first. */
export async function acknowledgeFamilyNote(deps: Deps, actor: Actor, id: string) {
  const found = await familyNoteFacts(deps, actor, id);
  authorize(actor, 'liaison.familyNote.acknowledge', found?.facts);
  await repo.acknowledgeFamilyNote(deps.db, id, actor.personId, deps.clock.now().toISOString());
  const after = await repo.findFamilyNote(deps.db, id);
  return { id, acknowledgedAt: after!.acknowledgedAt };
}

/** Parents' notes the asker may read this year: their own, their classes', their school's. */
export async function listFamilyNotes(deps: Deps, actor: Actor, options: { limit: number; offset: number }) {
  authorize(actor, 'liaison.index.open', {});
  const rows = await repo.listFamilyNotes(deps.db, actor, schoolYearOf(deps.clock.now()), options);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    body: r.body,
    createdAt: r.createdAt,
    acknowledged: r.acknowledgedAt !== null,
    acknowledgedAt: r.acknowledgedAt,
    groupName: r.groupName,
    student: displayName({ firstName: r.studentFirstName, lastName: r.studentLastName, usageName: r.studentUsageName }),
    author: displayName({ firstName: r.authorFirstName, lastName: r.authorLastName, usageName: r.authorUsageName }),
    mine: r.authorId === actor.personId,
  }));
}

/** The children a parent may write about (legal guardian, with a class this year). */
export async function writableChildren(deps: Deps, actor: Actor) {
  authorize(actor, 'liaison.familyNote.write', {});
  const year = schoolYearOf(deps.clock.now());
  const children = await repo.guardedChildrenNamed(deps.db, actor.personId);
  const withClass = await Promise.all(children.map(async (c) => ({ id: c.id, name: displayName(c), klass: await repo.classOf(deps.db, c.id, year) })));
  return withClass
    .filter((c) => c.klass)
    .map((c) => ({ id: c.id, name: c.name, className: c.klass!.name }))
    .sort((a, b) => compareFrench(a.name, b.name));
}
