import type { Db } from '../../kernel/db/index.js';
import { saveClassSettings, saveLanguage, saveOwnSettings } from './repository.js';
import { DEFAULT_SETTINGS, type ReadingSettings } from './settings.js';

/** A class's default reading settings, written as its teacher would (test support). */
export async function setClassDefaults(db: Db, groupId: string, by: string, settings: Partial<ReadingSettings>): Promise<void> {
  await saveClassSettings(db, groupId, { ...DEFAULT_SETTINGS, ...settings }, by, new Date().toISOString());
}

/** A person's own reading settings (test support). */
export async function setOwnSettings(db: Db, personId: string, settings: Partial<ReadingSettings>): Promise<void> {
  await saveOwnSettings(db, personId, { ...DEFAULT_SETTINGS, ...settings }, new Date().toISOString());
}

/** A person's interface language (test support). */
export async function setLanguage(db: Db, personId: string, locale: string): Promise<void> {
  await saveLanguage(db, personId, locale, new Date().toISOString());
}
