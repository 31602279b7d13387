import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const onerosterMigrations: Migrations = {
  '20261248-0900-oneroster-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('oneroster_clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('demographics', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('oneroster_client_schools')
        .addColumn('client_id', 'text', (c) => c.notNull().references('oneroster_clients.id').onDelete('cascade'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('oneroster_client_schools_pk', ['client_id', 'structure_id'])
        .execute();
      await db.schema
        .createTable('oneroster_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('oneroster_clients.id').onDelete('cascade'))
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oneroster_tokens_expires').on('oneroster_tokens').column('expires_at').execute();
      await db.schema.createIndex('oneroster_tokens_client').on('oneroster_tokens').column('client_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('oneroster_tokens').execute();
      await db.schema.dropTable('oneroster_client_schools').execute();
      await db.schema.dropTable('oneroster_clients').execute();
    },
  },
};
