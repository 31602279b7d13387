import { authorize, hasRole, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { InvalidInput } from '../../kernel/http/errors.js';
import { groupStanding, schoolYearOf } from '../directory/index.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';
import { DEFAULT_SETTINGS, parseSettings, type ReadingSettings, type SettingsSource } from './settings.js';

export type Deps = {
  db: Db;
  clock: Clock;
};

export interface EffectiveSettings {
  settings: ReadingSettings;
  source: SettingsSource;
  /** The class whose default applies, when it does. */
  className: string | null;
}

/**
 * What a person's pages wear: their own choice first, else the default of a class they are a
 * pupil of this year, else the instance's default (decision 0033).
 */
export async function effectiveSettings(deps: Deps, personId: string): Promise<EffectiveSettings> {
  const own = await repo.ownSettings(deps.db, personId);
  if (own) return { settings: own, source: 'own', className: null };
  const fromClass = await repo.classSettingsOfPupil(deps.db, personId, schoolYearOf(deps.clock.now()));
  if (fromClass) return { settings: fromClass.settings, source: 'class', className: fromClass.groupName };
  return { settings: DEFAULT_SETTINGS, source: 'default', className: null };
}

/** Input checked field by field; a wrong value names its field and nothing is stored. */
function checked(input: Record<string, unknown>): ReadingSettings {
  const { settings, wrong } = parseSettings(input);
  if (wrong.length > 0) throw new InvalidInput(wrong.map((field) => ({ field, message: t('reading.error.choice') })));
  return settings;
}

export async function saveOwn(deps: Deps, actor: Actor, input: Record<string, unknown>): Promise<ReadingSettings> {
  authorize(actor, 'reading.settings.edit', { personId: actor.personId });
  const settings = checked(input);
  await repo.saveOwnSettings(deps.db, actor.personId, settings, deps.clock.now().toISOString());
  return settings;
}

/** Back to the class's default (or the instance's): the person's own choice is forgotten. */
export async function resetOwn(deps: Deps, actor: Actor): Promise<void> {
  authorize(actor, 'reading.settings.edit', { personId: actor.personId });
  await repo.deleteOwnSettings(deps.db, actor.personId);
}

export interface ClassSettingsView {
  groupId: string;
  name: string;
  /** Null: the class has no default, its pupils get the instance's. */
  settings: ReadingSettings | null;
}

async function editableClass(deps: Deps, actor: Actor, groupId: string) {
  const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
  authorize(actor, 'reading.class.edit', standing);
  return standing;
}

export async function classView(deps: Deps, actor: Actor, groupId: string): Promise<ClassSettingsView> {
  await editableClass(deps, actor, groupId);
  const [name, settings] = await Promise.all([repo.groupName(deps.db, groupId), repo.classSettings(deps.db, groupId)]);
  return { groupId, name: name ?? '', settings };
}

export async function saveClass(deps: Deps, actor: Actor, groupId: string, input: Record<string, unknown>): Promise<ReadingSettings> {
  await editableClass(deps, actor, groupId);
  const settings = checked(input);
  await repo.saveClassSettings(deps.db, groupId, settings, actor.personId, deps.clock.now().toISOString());
  return settings;
}

export async function clearClass(deps: Deps, actor: Actor, groupId: string): Promise<void> {
  await editableClass(deps, actor, groupId);
  await repo.deleteClassSettings(deps.db, groupId);
}

/** The classes whose defaults the person may set this year (empty for pupils and families). */
export async function classesOf(deps: Deps, actor: Actor): Promise<repo.ClassRow[]> {
  const directed = Object.keys(actor.roles).filter((id) => hasRole(actor, id, 'director'));
  return repo.classesSetBy(deps.db, actor.personId, directed, schoolYearOf(deps.clock.now()));
}
