import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const mfaMigrations: Migrations = {
  '20261229-0900-mfa-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('mfa_totp')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('last_time_step', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('mfa_recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('mfa_recovery_codes_person').on('mfa_recovery_codes').column('person_id').execute();
      await db.schema
        .createTable('mfa_challenges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('next', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mfa_challenges_expires').on('mfa_challenges').column('expires_at').execute();
      await db.schema
        .createTable('mfa_required_since')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .addColumn('since', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('mfa_required_since').execute();
      await db.schema.dropTable('mfa_challenges').execute();
      await db.schema.dropTable('mfa_recovery_codes').execute();
      await db.schema.dropTable('mfa_totp').execute();
    },
  },
};
