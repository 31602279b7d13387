import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { ts } from '../i18n/staff.js';
import * as repo from '../repository/requests.js';
import type { SchoolKind } from '../tables.js';
import { notifyLater } from './requests.js';
import { directedSchools, type Deps } from './deps.js';

export const SCHOOL_KINDS: SchoolKind[] = ['works', 'incident', 'canteen', 'other'];
export const MAX_TITLE = 150;
export const MAX_BODY = 4000;

export interface SchoolRequestInput {
  structureId?: string;
  kind: string;
  title: string;
  details: string;
}

/** The schools the director may write from, with their municipality. */
export async function directorSchools(deps: Deps, actor: Actor) {
  authorize(actor, 'requests.school.open', {});
  const schools = await Promise.all(directedSchools(actor).map((id) => repo.schoolFacts(deps.db, id)));
  return schools.filter((s): s is NonNullable<typeof s> => !!s && !!s.municipalityId);
}

/** A director's request to the municipality that owns the school. */
export async function fileSchoolRequest(deps: Deps, actor: Actor, input: SchoolRequestInput) {
  authorize(actor, 'requests.school.open', {});
  const schools = await directorSchools(deps, actor);
  const school = input.structureId ? schools.find((s) => s.structureId === input.structureId) : schools[0];
  const problems = new Problems();
  problems.check(!!school, 'structureId', ts('requests.school.error.school'));
  problems.check(SCHOOL_KINDS.includes(input.kind as SchoolKind), 'kind', ts('requests.school.error.kind'));
  const title = input.title.trim();
  const details = input.details.trim();
  problems.check(title.length > 0, 'title', ts('requests.school.error.title'));
  problems.check(title.length <= MAX_TITLE, 'title', ts('requests.school.error.tooLong', MAX_TITLE));
  problems.check(details.length > 0, 'details', ts('requests.school.error.details'));
  problems.check(details.length <= MAX_BODY, 'details', ts('requests.school.error.tooLong', MAX_BODY));
  problems.throwIfAny('requests.invalid');
  authorize(actor, 'requests.schoolRequest.file', school);
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRequest(trx, {
      id,
      origin: 'school',
      kind: input.kind as SchoolKind,
      municipalityId: school.municipalityId!,
      structureId: school.structureId,
      studentId: null,
      requesterId: actor.personId,
      schoolYear: null,
      title,
      details,
      reason: '',
      attestationKind: null,
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertStatus(trx, { id: newId(), requestId: id, status: 'submitted', changedBy: actor.personId, changedAt: now });
    await notifyLater(trx, { requestId: id, event: 'filed', authorId: actor.personId, ref: id });
  });
  return { id };
}
