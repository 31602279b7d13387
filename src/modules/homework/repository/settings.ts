import type { Db } from '../../../kernel/db/index.js';
import type { HomeworkSettingsTable } from '../tables.js';

export async function settingsOf(db: Db, structureId: string) {
  const row = await db.selectFrom('homeworkSettings').select(['openToStudents', 'openToRelatives']).where('structureId', '=', structureId).executeTakeFirst();
  // Open to families unless the school closed it: see docs/decisions on the defaults.
  return { openToStudents: row ? row.openToStudents === 1 : true, openToRelatives: row ? row.openToRelatives === 1 : true };
}

export async function saveSettings(db: Db, row: HomeworkSettingsTable) {
  const { structureId: _key, ...values } = row;
  await db
    .insertInto('homeworkSettings')
    .values(row)
    .onConflict((oc) => oc.column('structureId').doUpdateSet(values))
    .execute();
}
