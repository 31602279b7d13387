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
  '20261212-0900-resources-budgets-licences': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('resource_budgets')
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('resource_budgets_pk', ['structure_id', 'school_year'])
        .execute();
      await db.schema
        .createTable('resource_basket_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull().references('catalogue_resources.id'))
        .addColumn('proposed_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('level', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.references('people.id'))
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resource_basket_lines_school').on('resource_basket_lines').columns(['structure_id', 'school_year', 'status']).execute();
      await db.schema
        .createTable('resource_licences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull().references('catalogue_resources.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('level', 'text')
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resource_licences_school').on('resource_licences').columns(['structure_id', 'ends_on']).execute();
      await db.schema.createIndex('resource_licences_resource').on('resource_licences').columns(['resource_id', 'ends_on']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['resource_licences', 'resource_basket_lines', 'resource_budgets']) await db.schema.dropTable(table).execute();
    },
  },
};
