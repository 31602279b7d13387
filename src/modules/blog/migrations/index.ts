import { sql, SqliteAdapter, type Kysely } from 'kysely';
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
  '20261243-0900-blog-school': {
    async up(db: Kysely<any>) {
      // A post belongs to a class (group_id) or, with no class, to its school's blog (structure_id).
      if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildPosts(db, 'nullable');
      else await sql`alter table blog_posts alter column group_id drop not null`.execute(db);
      await db.schema.createIndex('blog_posts_structure_published').on('blog_posts').columns(['structure_id', 'published_at']).execute();
      await db.schema
        .createTable('blog_schools')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('pupils_write', 'integer', (c) => c.notNull())
        .addColumn('parents_comment', 'integer', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('blog_schools').execute();
      await db.schema.dropIndex('blog_posts_structure_published').execute();
      const school = db.selectFrom('blog_posts').select('id').where('group_id', 'is', null);
      for (const table of ['blog_comments', 'blog_media_tags', 'blog_media'] as const) {
        if (table === 'blog_media_tags')
          await db
            .deleteFrom(table)
            .where('media_id', 'in', db.selectFrom('blog_media').select('id').where('post_id', 'in', school))
            .execute();
        else await db.deleteFrom(table).where('post_id', 'in', school).execute();
      }
      await db.deleteFrom('blog_posts').where('group_id', 'is', null).execute();
      if (db.getExecutor().adapter instanceof SqliteAdapter) await rebuildPosts(db, 'required');
      else await sql`alter table blog_posts alter column group_id set not null`.execute(db);
    },
  },
};

/**
 * SQLite cannot relax a NOT NULL: the posts table is rebuilt, foreign keys off meanwhile (the
 * media and comments rows keep pointing at the same ids). SQLite migrations run outside a transaction.
 */
async function rebuildPosts(db: Kysely<any>, group: 'nullable' | 'required') {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.schema
      .createTable('blog_posts_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
      .addColumn('group_id', 'text', (c) => (group === 'nullable' ? c.references('groups.id') : c.notNull().references('groups.id')))
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
    await sql`insert into blog_posts_rebuilt select id, structure_id, group_id, author_id, title, body, status, audience, published_at, published_by, families_hidden_at, deleted_at, deleted_by, created_at, updated_at from blog_posts`.execute(
      db,
    );
    await db.schema.dropTable('blog_posts').execute();
    await db.schema.alterTable('blog_posts_rebuilt').renameTo('blog_posts').execute();
    await db.schema.createIndex('blog_posts_group_published').on('blog_posts').columns(['group_id', 'published_at']).execute();
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
