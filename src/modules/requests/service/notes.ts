import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { displayName } from '../../directory/index.js';
import { ts } from '../i18n/staff.js';
import * as repo from '../repository/notes.js';
import { directedSchools, structureIdsOf, type Deps } from './deps.js';

export const MAX_NOTE_TITLE = 150;
export const MAX_NOTE_BODY = 5000;

export interface NoteInput {
  title: string;
  body: string;
  /** Every school of the municipality, or `schoolIds`. */
  allSchools: boolean;
  schoolIds: string[];
}

/** The municipality an agent writes for (the first one they belong to) and its schools. */
export async function noteChoices(deps: Deps, actor: Actor) {
  authorize(actor, 'requests.agent.open', {});
  const municipalityId = structureIdsOf(actor).find((id) => can(actor, 'requests.note.write', { municipalityId: id }));
  const schools = municipalityId ? await repo.schoolsOf(deps.db, [municipalityId]) : [];
  return { municipalityId: municipalityId ?? null, schools: schools.sort((a, b) => compareFrench(a.name, b.name)) };
}

/** A note from the municipality to all its directors, or to chosen schools' directors. */
export async function writeNote(deps: Deps, actor: Actor, input: NoteInput) {
  const { municipalityId, schools } = await noteChoices(deps, actor);
  const facts = municipalityId ? { municipalityId } : null;
  authorize(actor, 'requests.note.write', facts);
  const title = input.title.trim();
  const body = input.body.trim();
  const chosen = [...new Set(input.schoolIds)];
  const problems = new Problems()
    .check(title.length > 0, 'title', ts('requests.note.error.title'))
    .check(title.length <= MAX_NOTE_TITLE, 'title', ts('requests.school.error.tooLong', MAX_NOTE_TITLE))
    .check(body.length > 0, 'body', ts('requests.note.error.body'))
    .check(body.length <= MAX_NOTE_BODY, 'body', ts('requests.school.error.tooLong', MAX_NOTE_BODY));
  if (!input.allSchools) {
    problems.check(chosen.length > 0, 'schoolIds', ts('requests.note.error.schools'));
    problems.check(
      chosen.every((id) => schools.some((s) => s.id === id)),
      'schoolIds',
      ts('requests.note.error.notOurs'),
    );
  }
  problems.throwIfAny('requests.invalid');
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertNote(
      trx,
      {
        id,
        municipalityId: facts.municipalityId,
        authorId: actor.personId,
        title,
        body,
        allSchools: input.allSchools ? 1 : 0,
        createdAt: deps.clock.now().toISOString(),
      },
      input.allSchools ? [] : chosen,
    );
  });
  return { id };
}

/** Notes as the actor sees them: an agent's municipality's with how many read them, a director's with their read state. */
export async function listNotes(deps: Deps, actor: Actor) {
  if (can(actor, 'requests.agent.open', {})) {
    const rows = await repo.notesForAgent(deps.db, structureIdsOf(actor));
    return rows.map((n) => ({ id: n.id, title: n.title, createdAt: n.createdAt, readAt: null, reads: Number(n.reads ?? 0) }));
  }
  authorize(actor, 'requests.school.open', {});
  const rows = await repo.notesForDirector(deps.db, actor.personId, directedSchools(actor));
  return rows.map((n) => ({ id: n.id, title: n.title, createdAt: n.createdAt, readAt: n.readAt ?? null, reads: null }));
}

/** A note; a director's first opening is recorded. Agents see who has read it. */
export async function readNote(deps: Deps, actor: Actor, id: string) {
  const directed = directedSchools(actor);
  const note = await repo.noteFacts(deps.db, directed, id);
  authorize(actor, 'requests.note.read', note);
  let readers: Awaited<ReturnType<typeof repo.noteReaders>> = [];
  if (note.directsTargetedSchool && actor.profile !== 'municipal') {
    const structureId = await repo.targetedSchool(deps.db, directed, id);
    if (structureId) await repo.markRead(deps.db, { noteId: id, personId: actor.personId, structureId, readAt: deps.clock.now().toISOString() });
  }
  if (can(actor, 'requests.note.write', note)) readers = await repo.noteReaders(deps.db, note);
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    createdAt: note.createdAt,
    author: displayName(note),
    allSchools: !!note.allSchools,
    schools: readers
      .sort((a, b) => compareFrench(a.name, b.name))
      .map((s) => ({
        id: s.id,
        name: s.name,
        directors: s.directors.map((d) => ({ id: d.id, name: displayName(d), readAt: d.readAt ?? null })),
      })),
  };
}
