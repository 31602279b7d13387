import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const privacyMigrations: Migrations = {
  '20261224-0900-privacy-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('privacy_exports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('requested_by', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text')
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('ready_at', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('privacy_exports_person').on('privacy_exports').columns(['person_id', 'created_at']).execute();
      await db.schema.createIndex('privacy_exports_expires').on('privacy_exports').column('expires_at').execute();
      // The audit viewer filters a school's entries by date.
      await db.schema.createIndex('audit_log_structure').on('audit_log').columns(['structure_id', 'at']).execute();
      await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('audit_log_actor').execute();
      await db.schema.dropIndex('audit_log_structure').execute();
      await db.schema.dropTable('privacy_exports').execute();
    },
  },
  '20261227-0900-privacy-retention': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('privacy_retention_settings')
        .addColumn('kind', 'text', (c) => c.primaryKey())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema
        .createTable('privacy_purge_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dry_run', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('report', 'text')
        .execute();
      await db.schema.createIndex('privacy_purge_runs_created').on('privacy_purge_runs').column('created_at').execute();
      await db.schema
        .createTable('privacy_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('handled_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('privacy_requests_person').on('privacy_requests').columns(['person_id', 'created_at']).execute();
      await db.schema.createIndex('privacy_requests_status').on('privacy_requests').columns(['status', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('privacy_requests').execute();
      await db.schema.dropTable('privacy_purge_runs').execute();
      await db.schema.dropTable('privacy_retention_settings').execute();
    },
  },
};
