import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

const settingsColumns = <T extends string>(table: CreateTableBuilder<T>) =>
  table
    .addColumn('font', 'text', (c) => c.notNull())
    .addColumn('text_size', 'text', (c) => c.notNull())
    .addColumn('spacing', 'text', (c) => c.notNull())
    .addColumn('contrast', 'text', (c) => c.notNull())
    .addColumn('line_focus', 'integer', (c) => c.notNull())
    .addColumn('reduced_motion', 'integer', (c) => c.notNull())
    .addColumn('read_aloud', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

export const readingMigrations: Migrations = {
  '20261230-0900-reading-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reading_settings')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .$call(settingsColumns)
        .execute();
      await db.schema
        .createTable('reading_class_settings')
        .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id'))
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .$call(settingsColumns)
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('reading_class_settings').execute();
      await db.schema.dropTable('reading_settings').execute();
    },
  },
  '20261236-0900-reading-language': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reading_language')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('reading_language').execute();
    },
  },
};
