import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

/** The yearly project: the kit setting, needs and their commission, budgets, orders, installations. */
export const projectMigrations: Migrations = {
  '20261239-0900-equipment-project': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('equipment_places').addColumn('network_sockets', 'integer').execute();
      await db.schema
        .createTable('equipment_settings')
        .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('kit', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('equipment_officials')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('equipment_officials_pk', ['municipality_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('equipment_commissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('members', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('equipment_needs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.references('equipment_places.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('granted_quantity', 'integer')
        .addColumn('decision_comment', 'text')
        .addColumn('commission_id', 'text', (c) => c.references('equipment_commissions.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('equipment_needs_school').on('equipment_needs').columns(['structure_id', 'school_year', 'status']).execute();
      await db.schema
        .createTable('equipment_need_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('need_id', 'text', (c) => c.notNull().references('equipment_needs.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('status_to', 'text')
        .execute();
      await db.schema.createIndex('equipment_need_notes_need').on('equipment_need_notes').columns(['need_id', 'at']).execute();
      await db.schema
        .createTable('equipment_budgets')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('equipment_budgets_pk', ['municipality_id', 'year'])
        .execute();
      await db.schema
        .createTable('equipment_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text', (c) => c.references('people.id'))
        .addColumn('approved_at', 'text')
        .execute();
      await db.schema.createIndex('equipment_orders_number').on('equipment_orders').columns(['municipality_id', 'number']).unique().execute();
      await db.schema.createIndex('equipment_orders_budget').on('equipment_orders').columns(['municipality_id', 'year', 'status']).execute();
      await db.schema.createIndex('equipment_orders_school').on('equipment_orders').columns(['structure_id', 'created_at']).execute();
      await db.schema
        .createTable('equipment_order_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().references('equipment_orders.id'))
        .addColumn('need_id', 'text', (c) => c.references('equipment_needs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
        .addColumn('supplier', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.references('equipment_places.id'))
        .addColumn('delivered_at', 'text')
        .addColumn('delivered_by', 'text', (c) => c.references('people.id'))
        .execute();
      await db.schema.createIndex('equipment_order_lines_order').on('equipment_order_lines').column('order_id').execute();
      await db.schema
        .createTable('equipment_installations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull().unique().references('equipment_orders.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('scheduled_for', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('scheduled_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('confirmed_by', 'text', (c) => c.references('people.id'))
        .addColumn('confirmed_at', 'text')
        .addColumn('training_on', 'text')
        .addColumn('training_notes', 'text')
        .addColumn('training_recorded_by', 'text', (c) => c.references('people.id'))
        .execute();
      await db.schema
        .createTable('equipment_training_attendees')
        .addColumn('installation_id', 'text', (c) => c.notNull().references('equipment_installations.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addPrimaryKeyConstraint('equipment_training_attendees_pk', ['installation_id', 'person_id'])
        .execute();
    },
  },
};
