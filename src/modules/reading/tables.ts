/** Columns shared by a person's own settings and a class's default (see settings.ts). */
interface SettingsColumns {
  font: string;
  textSize: string;
  spacing: string;
  contrast: string;
  lineFocus: number;
  reducedMotion: number;
  readAloud: number;
  updatedAt: string;
}

/** The settings a person chose for themselves; absent: their class's default applies. */
export interface ReadingSettingsTable extends SettingsColumns {
  personId: string;
}

/** A class's default, set by one of its teachers or the school's direction, for pupils without their own. */
export interface ReadingClassSettingsTable extends SettingsColumns {
  groupId: string;
  updatedBy: string;
}

/** The language a person chose for the interface; absent: French (decision 0039). */
export interface ReadingLanguageTable {
  personId: string;
  /** One of kernel/i18n LOCALES. */
  locale: string;
  updatedAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    readingLanguage: ReadingLanguageTable;
    readingSettings: ReadingSettingsTable;
    readingClassSettings: ReadingClassSettingsTable;
  }
}
