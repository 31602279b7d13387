import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

/** Loans of devices to pupils' families. */
export const loanMigrations: Migrations = {
  '20261245-0900-equipment-loans': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('equipment_loans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('asset_id', 'text', (c) => c.notNull().references('equipment_assets.id'))
        .addColumn('pupil_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('lender_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('conditions', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text', (c) => c.references('people.id'))
        .addColumn('returned_at', 'text')
        .addColumn('returned_by', 'text', (c) => c.references('people.id'))
        .addColumn('return_condition', 'text')
        .addColumn('return_comment', 'text')
        .addColumn('reminded_soon_for', 'text')
        .addColumn('reminded_overdue_for', 'text')
        .execute();
      await db.schema.createIndex('equipment_loans_structure').on('equipment_loans').columns(['structure_id', 'returned_at', 'due_on']).execute();
      await db.schema.createIndex('equipment_loans_pupil').on('equipment_loans').columns(['pupil_id', 'created_at']).execute();
      await db.schema.createIndex('equipment_loans_asset').on('equipment_loans').columns(['asset_id', 'returned_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('equipment_loans').execute();
    },
  },
};
