import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const blogMigrations: Migrations = {
  '20261207-0900-blog-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('blog_settings')
        .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id'))
        .addColumn('pupils_write', 'integer', (c) => c.notNull())
        .addColumn('parents_comment', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema
        .createTable('blog_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('families_hidden_at', 'text')
        .addColumn('deleted_at', 'text')
        .addColumn('deleted_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blog_posts_group_published').on('blog_posts').columns(['group_id', 'published_at']).execute();
      await db.schema
        .createTable('blog_media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull().references('blog_posts.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('thumb_key', 'text')
        .addColumn('thumb_size', 'integer')
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('thumb_width', 'integer')
        .addColumn('thumb_height', 'integer')
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .addColumn('removed_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blog_media_post').on('blog_media').column('post_id').execute();
      await db.schema
        .createTable('blog_media_tags')
        .addColumn('media_id', 'text', (c) => c.notNull().references('blog_media.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addPrimaryKeyConstraint('blog_media_tags_pk', ['media_id', 'student_id'])
        .execute();
      await db.schema.createIndex('blog_media_tags_student').on('blog_media_tags').column('student_id').execute();
      await db.schema
        .createTable('blog_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull().references('blog_posts.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('moderated_by', 'text')
        .addColumn('moderated_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blog_comments_post').on('blog_comments').column('post_id').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['blog_comments', 'blog_media_tags', 'blog_media', 'blog_posts', 'blog_settings']) await db.schema.dropTable(table).execute();
    },
  },
};
