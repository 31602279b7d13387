import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const casMigrations: Migrations = {
  '20261225-0900-cas-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('cas_services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url_pattern', 'text', (c) => c.notNull().unique())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('trusted', 'integer', (c) => c.notNull())
        .addColumn('proxy', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema
        .createTable('cas_tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull().references('cas_services.id').onDelete('cascade'))
        .addColumn('service_url', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('fresh', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('cas_tickets_expires').on('cas_tickets').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('cas_tickets').execute();
      await db.schema.dropTable('cas_services').execute();
    },
  },
};
