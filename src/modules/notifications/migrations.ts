import type { Kysely } from 'kysely';
import type { Migrations } from '../../kernel/db/index.js';

export const notificationsMigrations: Migrations = {
  '20261123-1300-notifications-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recipient_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('visible_at', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .execute();
      await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_id', 'visible_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('notifications').execute();
    },
  },
  '20261201-1200-notifications-source': {
    // What a notification comes from (`homework.published:<lesson>`): a retried delivery inserts nothing twice.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('notifications').addColumn('source', 'text').execute();
      await db.schema.createIndex('notifications_recipient_source').on('notifications').columns(['recipient_id', 'source']).unique().execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('notifications_recipient_source').execute();
      await db.schema.alterTable('notifications').dropColumn('source').execute();
    },
  },
};
