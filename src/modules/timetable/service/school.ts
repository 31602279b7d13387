import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Conflict, InvalidInput } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { Deps } from './deps.js';

/** The active school's rooms, A/B calendar and what the slot form offers, for its staff. */
export async function schoolSettings(deps: Deps, actor: Actor) {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  const year = schoolYearOf(deps.clock.now());
  const [rooms, aWeeks, groups, teachers, subjects] = await Promise.all([
    repo.roomsOf(deps.db, structureId!),
    repo.aWeeksOf(deps.db, structureId!),
    repo.groupsOfSchool(deps.db, structureId!, year),
    repo.teachersOfSchool(deps.db, structureId!),
    repo.subjectsOfSchool(deps.db, structureId!),
  ]);
  return { structureId: structureId!, year, rooms, aWeeks, groups, teachers, subjects };
}

export async function addRoom(deps: Deps, actor: Actor, name: string) {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  const clean = name.trim();
  if (!clean || clean.length > 80) throw new InvalidInput([{ field: 'name', message: t('timetable.error.roomName') }]);
  await repo.insertRoom(deps.db, { id: newId(), structureId: structureId!, name: clean, createdAt: deps.clock.now().toISOString() });
  return (await repo.roomByName(deps.db, structureId!, clean))!;
}

export async function removeRoom(deps: Deps, actor: Actor, roomId: string) {
  const room = await repo.findRoom(deps.db, roomId);
  authorize(actor, 'timetable.slot.edit', room);
  if (await repo.roomInUse(deps.db, roomId))
    throw new Conflict('timetable.room_in_use', t('timetable.error.roomInUse'), [{ field: 'roomId', message: t('timetable.error.roomInUse') }]);
  await repo.deleteRoom(deps.db, roomId);
}

/** `odd`, `even`, or ISO week numbers (1 to 53) separated by commas or spaces. */
export function readAWeeks(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (v === 'odd' || v === 'even') return v;
  const weeks = v.split(/[\s,;]+/).filter(Boolean);
  if (weeks.length === 0 || !weeks.every((w) => /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 53)) return null;
  return [...new Set(weeks.map(Number))].sort((a, b) => a - b).join(',');
}

export async function saveAWeeks(deps: Deps, actor: Actor, value: string) {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  const aWeeks = readAWeeks(value);
  if (!aWeeks) throw new InvalidInput([{ field: 'aWeeks', message: t('timetable.error.aWeeks') }]);
  await repo.saveAWeeks(deps.db, structureId!, aWeeks, actor.personId, deps.clock.now().toISOString());
  return { aWeeks };
}
