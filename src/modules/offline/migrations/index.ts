import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const offlineMigrations: Migrations = {
  '20261231-0900-offline-push': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('push_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('endpoint', 'text', (c) => c.notNull().unique())
        .addColumn('p256dh', 'text', (c) => c.notNull())
        .addColumn('auth', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_sent_at', 'text')
        .execute();
      await db.schema.createIndex('push_subscriptions_person').on('push_subscriptions').column('person_id').execute();
      await db.schema
        .createTable('push_sent')
        .addColumn('notification_id', 'text', (c) => c.primaryKey())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('push_sent_at').on('push_sent').column('sent_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('push_sent').execute();
      await db.schema.dropTable('push_subscriptions').execute();
    },
  },
};
