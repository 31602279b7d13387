import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

/** A municipality's renewal ages and fault resolution targets, when its technician changed the defaults. */
export const targetMigrations: Migrations = {
  '20261246-0900-equipment-targets': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('equipment_targets')
        .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('ages', 'text', (c) => c.notNull())
        .addColumn('resolution_days', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('equipment_targets').execute();
    },
  },
};
