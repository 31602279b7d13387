import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';
import { loanMigrations } from './loans.js';
import { projectMigrations } from './project.js';
import { targetMigrations } from './targets.js';

export const equipmentMigrations: Migrations = {
  '20261220-0900-equipment-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('equipment_places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('building_id', 'text', (c) => c.references('equipment_places.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('equipment_places_structure').on('equipment_places').columns(['structure_id', 'name']).execute();

      await db.schema
        .createTable('equipment_assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('brand', 'text')
        .addColumn('model', 'text')
        .addColumn('serial_number', 'text', (c) => c.unique())
        .addColumn('inventory_number', 'text')
        .addColumn('supplier', 'text')
        .addColumn('purchase_order', 'text')
        .addColumn('purchase_date', 'text')
        .addColumn('price_cents', 'integer')
        .addColumn('warranty_end', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.references('equipment_places.id'))
        .addColumn('holder_id', 'text', (c) => c.references('people.id'))
        .addColumn('cart_id', 'text', (c) => c.references('equipment_assets.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('equipment_assets_structure').on('equipment_assets').columns(['structure_id', 'category', 'status']).execute();
      await db.schema.createIndex('equipment_assets_place').on('equipment_assets').column('place_id').execute();
      await db.schema.createIndex('equipment_assets_cart').on('equipment_assets').column('cart_id').execute();

      await db.schema
        .createTable('equipment_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('asset_id', 'text', (c) => c.notNull().references('equipment_assets.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .execute();
      await db.schema.createIndex('equipment_events_asset').on('equipment_events').columns(['asset_id', 'at']).execute();

      await db.schema
        .createTable('equipment_tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('asset_id', 'text', (c) => c.references('equipment_assets.id'))
        .addColumn('place_id', 'text', (c) => c.references('equipment_places.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('reporter_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('since', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee_id', 'text', (c) => c.references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema.createIndex('equipment_tickets_structure').on('equipment_tickets').columns(['structure_id', 'status', 'due_at']).execute();
      await db.schema.createIndex('equipment_tickets_reporter').on('equipment_tickets').columns(['reporter_id', 'created_at']).execute();
      await db.schema.createIndex('equipment_tickets_asset').on('equipment_tickets').column('asset_id').execute();

      await db.schema
        .createTable('equipment_ticket_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('equipment_tickets.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('status_from', 'text')
        .addColumn('status_to', 'text')
        .execute();
      await db.schema.createIndex('equipment_ticket_notes_ticket').on('equipment_ticket_notes').columns(['ticket_id', 'at']).execute();
    },
  },
  '20261232-0900-equipment-warranty-alerts': {
    async up(db: Kysely<any>) {
      // The warranty end the technician was last told about: a new end date is told again.
      await db.schema.alterTable('equipment_assets').addColumn('warranty_alerted_for', 'text').execute();
      await db.schema.createIndex('equipment_assets_warranty').on('equipment_assets').column('warranty_end').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('equipment_assets_warranty').execute();
      await db.schema.alterTable('equipment_assets').dropColumn('warranty_alerted_for').execute();
    },
  },
  ...projectMigrations,
  ...loanMigrations,
  ...targetMigrations,
};
