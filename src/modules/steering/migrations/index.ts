import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const steeringMigrations: Migrations = {
  '20261226-0900-steering-init': {
    async up(db: Kysely<any>) {
      // Raw tables: keyed hashes only, emptied by the rollup (see kernel/activity.ts).
      await db.schema
        .createTable('steering_raw_days')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('person_hash', 'text', (c) => c.notNull())
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_raw_days_pk', ['day', 'structure_id', 'profile', 'service', 'person_hash', 'session_hash'])
        .execute();
      await db.schema
        .createTable('steering_raw_months')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('person_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_raw_months_pk', ['month', 'structure_id', 'profile', 'service', 'person_hash'])
        .execute();
      await db.schema
        .createTable('steering_raw_families')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('family_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_raw_families_pk', ['month', 'structure_id', 'family_hash'])
        .execute();
      await db.schema
        .createTable('steering_actions')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_actions_pk', ['day', 'structure_id', 'profile', 'service', 'action'])
        .execute();
      await db.schema
        .createTable('steering_secrets')
        .addColumn('period', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .execute();

      // Rolled-up figures: what the dashboards read. `service` '*' is "any service" (distinct people over all).
      await db.schema
        .createTable('steering_daily')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('people', 'integer', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_daily_pk', ['structure_id', 'day', 'profile', 'service'])
        .execute();
      await db.schema
        .createTable('steering_monthly')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('people', 'integer', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull())
        .addColumn('actions', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_monthly_pk', ['structure_id', 'month', 'profile', 'service'])
        .execute();
      await db.schema.createIndex('steering_monthly_month').on('steering_monthly').columns(['month', 'service']).execute();
      await db.schema
        .createTable('steering_monthly_actions')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_monthly_actions_pk', ['structure_id', 'month', 'action'])
        .execute();
      await db.schema
        .createTable('steering_families')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('reached', 'integer', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_families_pk', ['structure_id', 'month'])
        .execute();
      // Accounts activated, per school, profile and class (pupils and their parents), refreshed by the rollup.
      await db.schema
        .createTable('steering_adoption')
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('class_name', 'text', (c) => c.notNull())
        .addColumn('accounts', 'integer', (c) => c.notNull())
        .addColumn('activated', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('steering_adoption_pk', ['structure_id', 'profile', 'class_name'])
        .execute();

      // Levels above schools: a school's circonscription (which points to its académie by `parent_id`).
      await db.schema.alterTable('structures').addColumn('inspection_id', 'text').execute();
      await db.schema.createIndex('steering_structures_inspection').on('structures').column('inspection_id').execute();
      await db.schema.createIndex('steering_structures_parent').on('structures').column('parent_id').execute();
    },
  },
};
