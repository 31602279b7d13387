import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';
import { createSearchIndex, dropSearchIndex } from '../../../kernel/search/index.js';
import { catalogueSearchIndex } from '../search-index.js';

export const resourcesMigrations: Migrations = {
  '20261205-0900-resources-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('resource_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('levels_json', 'text', (c) => c.notNull())
        .addColumn('subjects_json', 'text', (c) => c.notNull())
        .addColumn('tags_json', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('shared_with_school', 'integer', (c) => c.notNull())
        .addColumn('copied_from', 'text')
        .addColumn('check_status', 'text')
        .addColumn('checked_at', 'text')
        .addColumn('dead_since', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resource_links_owner').on('resource_links').columns(['owner_id', 'created_at']).execute();
      await db.schema.createIndex('resource_links_school').on('resource_links').columns(['structure_id', 'shared_with_school']).execute();
      await db.schema.createIndex('resource_links_checked').on('resource_links').column('checked_at').execute();
      await db.schema
        .createTable('resource_link_groups')
        .addColumn('link_id', 'text', (c) => c.notNull().references('resource_links.id').onDelete('cascade'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addPrimaryKeyConstraint('resource_link_groups_pk', ['link_id', 'group_id'])
        .execute();
      await db.schema.createIndex('resource_link_groups_group').on('resource_link_groups').columns(['group_id', 'link_id']).execute();
      await db.schema
        .createTable('catalogue_resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('levels_json', 'text', (c) => c.notNull())
        .addColumn('subjects_json', 'text', (c) => c.notNull())
        .addColumn('theme', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('publisher', 'text', (c) => c.notNull())
        .addColumn('licence', 'text', (c) => c.notNull())
        .addColumn('audience_json', 'text', (c) => c.notNull())
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('catalogue_resources_access').on('catalogue_resources').columns(['access', 'id']).execute();
      await db.schema
        .createTable('resource_uses')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull().references('catalogue_resources.id'))
        .addColumn('uses', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('resource_uses_pk', ['day', 'structure_id', 'resource_id'])
        .execute();
      await createSearchIndex(db, catalogueSearchIndex);
    },
    async down(db: Kysely<any>) {
      await dropSearchIndex(db, catalogueSearchIndex);
      for (const table of ['resource_uses', 'catalogue_resources', 'resource_link_groups', 'resource_links']) await db.schema.dropTable(table).execute();
    },
  },
};
