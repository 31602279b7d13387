import type { Kysely } from 'kysely';
import type { Migrations } from '../../kernel/db/index.js';

export const calendarMigrations: Migrations = {
  '20261208-1000-calendar-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('calendar_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description_html', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('start_day', 'text', (c) => c.notNull())
        .addColumn('end_day', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text')
        .addColumn('ends_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calendar_events_days').on('calendar_events').columns(['start_day', 'end_day']).execute();
      await db.schema
        .createTable('calendar_audiences')
        .addColumn('event_id', 'text', (c) => c.notNull().references('calendar_events.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('audience_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('calendar_audiences_pk', ['event_id', 'audience_key'])
        .execute();
      await db.schema.createIndex('calendar_audiences_key').on('calendar_audiences').columns(['audience_key', 'event_id']).execute();
      await db.schema
        .createTable('calendar_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('zone', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['calendar_settings', 'calendar_audiences', 'calendar_events']) await db.schema.dropTable(table).execute();
    },
  },
  '20261241-0900-calendar-attachments': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('calendar_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('calendar_events.id'))
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('calendar_attachments_event').on('calendar_attachments').column('event_id').execute();
      await db.schema.createIndex('calendar_attachments_blob').on('calendar_attachments').column('blob_key').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_attachments').execute();
    },
  },
};
