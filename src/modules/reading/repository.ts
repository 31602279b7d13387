import { flag, type Db } from '../../kernel/db/index.js';
import { groupIdsOf } from '../directory/index.js';
import type { Contrast, Font, ReadingSettings, Spacing, TextSize } from './settings.js';

interface Row {
  font: string;
  textSize: string;
  spacing: string;
  contrast: string;
  lineFocus: number | boolean;
  reducedMotion: number | boolean;
  readAloud: number | boolean;
}

const COLUMNS = ['font', 'textSize', 'spacing', 'contrast', 'lineFocus', 'reducedMotion', 'readAloud'] as const;

/** Stored values were checked on write (settings.ts), so they are read back as the types. */
function fromRow(r: Row): ReadingSettings {
  return {
    font: r.font as Font,
    textSize: r.textSize as TextSize,
    spacing: r.spacing as Spacing,
    contrast: r.contrast as Contrast,
    lineFocus: Boolean(Number(r.lineFocus)),
    reducedMotion: Boolean(Number(r.reducedMotion)),
    readAloud: Boolean(Number(r.readAloud)),
  };
}

function toRow(s: ReadingSettings, at: string) {
  return {
    font: s.font,
    textSize: s.textSize,
    spacing: s.spacing,
    contrast: s.contrast,
    lineFocus: flag(s.lineFocus),
    reducedMotion: flag(s.reducedMotion),
    readAloud: flag(s.readAloud),
    updatedAt: at,
  };
}

export async function ownSettings(db: Db, personId: string): Promise<ReadingSettings | null> {
  const row = await db.selectFrom('readingSettings').select(COLUMNS).where('personId', '=', personId).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function saveOwnSettings(db: Db, personId: string, s: ReadingSettings, at: string): Promise<void> {
  const row = toRow(s, at);
  await db
    .insertInto('readingSettings')
    .values({ personId, ...row })
    .onConflict((oc) => oc.column('personId').doUpdateSet(row))
    .execute();
}

export async function deleteOwnSettings(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('readingSettings').where('personId', '=', personId).execute();
}

/**
 * The default of a class the person is a pupil of this year, the most recently set when several
 * classes have one (a pupil of a class and of an ULIS group).
 */
export async function classSettingsOfPupil(db: Db, personId: string, year: string): Promise<{ settings: ReadingSettings; groupName: string } | null> {
  const row = await db
    .selectFrom('readingClassSettings')
    .innerJoin('groups', 'groups.id', 'readingClassSettings.groupId')
    .select([...COLUMNS.map((c) => `readingClassSettings.${c}` as const), 'groups.name'])
    .where('readingClassSettings.groupId', 'in', groupIdsOf(db, personId, year, { as: 'student' }))
    .orderBy('readingClassSettings.updatedAt', 'desc')
    .orderBy('readingClassSettings.groupId')
    .executeTakeFirst();
  return row ? { settings: fromRow(row), groupName: row.name } : null;
}

export async function classSettings(db: Db, groupId: string): Promise<ReadingSettings | null> {
  const row = await db.selectFrom('readingClassSettings').select(COLUMNS).where('groupId', '=', groupId).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function saveClassSettings(db: Db, groupId: string, s: ReadingSettings, by: string, at: string): Promise<void> {
  const row = { ...toRow(s, at), updatedBy: by };
  await db
    .insertInto('readingClassSettings')
    .values({ groupId, ...row })
    .onConflict((oc) => oc.column('groupId').doUpdateSet(row))
    .execute();
}

export async function deleteClassSettings(db: Db, groupId: string): Promise<void> {
  await db.deleteFrom('readingClassSettings').where('groupId', '=', groupId).execute();
}

export interface ClassRow {
  id: string;
  name: string;
  hasDefaults: boolean;
}

/**
 * The groups of the year whose defaults the person may set (the rule of `reading.class.edit`, in
 * SQL): those they teach, and every group of a school they direct.
 */
export async function classesSetBy(db: Db, personId: string, directedStructureIds: string[], year: string): Promise<ClassRow[]> {
  const rows = await db
    .selectFrom('groups')
    .leftJoin('readingClassSettings', 'readingClassSettings.groupId', 'groups.id')
    .select(['groups.id', 'groups.name', 'readingClassSettings.groupId as setFor'])
    .where('groups.schoolYear', '=', year)
    .where((eb) => {
      const taught = eb('groups.id', 'in', groupIdsOf(db, personId, year, { as: 'teacher' }));
      return directedStructureIds.length > 0 ? eb.or([taught, eb('groups.structureId', 'in', directedStructureIds)]) : taught;
    })
    .orderBy('groups.name')
    .orderBy('groups.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, hasDefaults: r.setFor !== null }));
}

export async function groupName(db: Db, groupId: string): Promise<string | null> {
  const row = await db.selectFrom('groups').select('name').where('id', '=', groupId).executeTakeFirst();
  return row?.name ?? null;
}

export async function language(db: Db, personId: string): Promise<string | null> {
  const row = await db.selectFrom('readingLanguage').select('locale').where('personId', '=', personId).executeTakeFirst();
  return row?.locale ?? null;
}

export async function saveLanguage(db: Db, personId: string, locale: string, at: string): Promise<void> {
  await db
    .insertInto('readingLanguage')
    .values({ personId, locale, updatedAt: at })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ locale, updatedAt: at }))
    .execute();
}
