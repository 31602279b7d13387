import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const newsMigrations: Migrations = {
  '20261208-0900-news-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('news_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('publish_from', 'text', (c) => c.notNull())
        .addColumn('publish_to', 'text')
        .addColumn('pinned', 'integer', (c) => c.notNull())
        .addColumn('image_key', 'text')
        .addColumn('image_alt', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('news_items_publish').on('news_items').columns(['status', 'publish_from']).execute();
      await db.schema.createIndex('news_items_author').on('news_items').columns(['author_id', 'created_at']).execute();
      await db.schema
        .createTable('news_audiences')
        .addColumn('news_id', 'text', (c) => c.notNull().references('news_items.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('audience_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('news_audiences_pk', ['news_id', 'audience_key'])
        .execute();
      await db.schema.createIndex('news_audiences_key').on('news_audiences').columns(['audience_key', 'news_id']).execute();
      await db.schema
        .createTable('news_reads')
        .addColumn('news_id', 'text', (c) => c.notNull().references('news_items.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('news_reads_pk', ['news_id', 'person_id'])
        .execute();
      await db.schema.createIndex('news_reads_person').on('news_reads').columns(['person_id', 'news_id']).execute();
      await db.schema
        .createTable('news_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('news_id', 'text', (c) => c.notNull().references('news_items.id'))
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('news_attachments_news').on('news_attachments').column('news_id').execute();
      await db.schema.createIndex('news_attachments_blob').on('news_attachments').column('blob_key').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['news_attachments', 'news_reads', 'news_audiences', 'news_items']) await db.schema.dropTable(table).execute();
    },
  },
};
