import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const forumMigrations: Migrations = {
  '20261213-0900-forum-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('forums')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_key', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('pupils_read', 'integer', (c) => c.notNull())
        .addColumn('parents_read', 'integer', (c) => c.notNull())
        .addColumn('pupils_write', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema.createIndex('forums_structure').on('forums').columns(['structure_id', 'school_year']).execute();

      await db.schema
        .createTable('forum_threads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_post_at', 'text', (c) => c.notNull())
        .addColumn('reply_count', 'integer', (c) => c.notNull())
        .addColumn('locked', 'integer', (c) => c.notNull())
        .addColumn('lock_reason', 'text')
        .addColumn('hidden', 'integer', (c) => c.notNull())
        .addColumn('hide_reason', 'text')
        .addColumn('moderated_by', 'text')
        .addColumn('moderated_at', 'text')
        .execute();
      await db.schema.createIndex('forum_threads_forum').on('forum_threads').columns(['forum_id', 'last_post_at']).execute();

      await db.schema
        .createTable('forum_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('thread_id', 'text', (c) => c.notNull().references('forum_threads.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('opening', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('hidden', 'integer', (c) => c.notNull())
        .addColumn('hide_reason', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_at', 'text')
        .execute();
      await db.schema.createIndex('forum_posts_thread').on('forum_posts').columns(['thread_id', 'created_at']).execute();

      await db.schema
        .createTable('forum_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull().references('forum_posts.id'))
        .addColumn('reporter_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolution', 'text')
        .execute();
      await db.schema.createIndex('forum_reports_post').on('forum_reports').columns(['post_id', 'resolved_at']).execute();

      await db.schema
        .createTable('forum_moderations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id'))
        .addColumn('thread_id', 'text', (c) => c.notNull().references('forum_threads.id'))
        .addColumn('post_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('moderator_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('forum_moderations_thread').on('forum_moderations').columns(['thread_id', 'at']).execute();

      await db.schema
        .createTable('forum_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('forum_id', 'text', (c) => c.notNull().references('forums.id'))
        .addColumn('thread_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('forum_subscriptions_forum').on('forum_subscriptions').columns(['forum_id', 'thread_id']).execute();

      await db.schema
        .createTable('forum_reads')
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('thread_id', 'text', (c) => c.notNull().references('forum_threads.id'))
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('forum_reads_pk', ['person_id', 'thread_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['forum_reads', 'forum_subscriptions', 'forum_moderations', 'forum_reports', 'forum_posts', 'forum_threads', 'forums'])
        await db.schema.dropTable(table).execute();
    },
  },
  '20261233-0900-forum-post-edits': {
    async up(db: Kysely<any>) {
      // When its author last corrected a post: readers see « modifié ».
      await db.schema.alterTable('forum_posts').addColumn('edited_at', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('forum_posts').dropColumn('edited_at').execute();
    },
  },
};
