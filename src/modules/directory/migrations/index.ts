import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';
import { normalizeKey } from '../../../kernel/text.js';
import { aafMigration } from './20261201-aaf.js';
import { createSearchIndex, dropSearchIndex } from '../../../kernel/search/index.js';
import { peopleSearchIndex } from '../search-index.js';

export const directoryMigrations: Migrations = {
  '20261123-1000-directory-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('structures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('uai', 'text', (c) => c.unique())
        .addColumn('parent_id', 'text', (c) => c.references('structures.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('civility', 'text')
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('usage_name', 'text')
        .addColumn('birth_date', 'text')
        .addColumn('sex', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('address', 'text')
        .addColumn('login', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('activation_code', 'text')
        .addColumn('activated_at', 'text')
        .addColumn('charter_accepted_at', 'text')
        .addColumn('photo_consent', 'integer')
        .addColumn('is_super_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deactivated_at', 'text')
        .execute();
      await db.schema.createIndex('people_search_key').on('people').column('search_key').execute();

      await db.schema
        .createTable('structure_members')
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('import_key', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('structure_members_pk', ['structure_id', 'person_id'])
        .execute();
      await db.schema.createIndex('structure_members_person').on('structure_members').column('person_id').execute();
      await db.schema.createIndex('structure_members_import_key').on('structure_members').columns(['structure_id', 'import_key']).execute();

      await db.schema
        .createTable('structure_roles')
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('structure_roles_pk', ['structure_id', 'person_id', 'role'])
        .execute();
      await db.schema.createIndex('structure_roles_person').on('structure_roles').column('person_id').execute();

      await db.schema
        .createTable('groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('groups_name_unique', ['structure_id', 'school_year', 'name'])
        .execute();

      await db.schema
        .createTable('group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'person_id'])
        .execute();
      await db.schema.createIndex('group_members_person').on('group_members').column('person_id').execute();

      await db.schema
        .createTable('relative_links')
        .addColumn('relative_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('legal_guardian', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('relative_links_pk', ['relative_id', 'student_id'])
        .execute();
      await db.schema.createIndex('relative_links_student').on('relative_links').column('student_id').execute();

      await db.schema
        .createTable('import_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_runs_structure').on('import_runs').columns(['structure_id', 'started_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['import_runs', 'relative_links', 'group_members', 'groups', 'structure_roles', 'structure_members', 'people', 'structures']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  '20261201-2100-directory-search-key-by-displayed-name': {
    // Lists sort by the search key: it now starts with the displayed surname (the usage name when
    // there is one). Keys of people without a usage name are unchanged. Names are camelCase: the
    // migrator's connection maps them, as the application's does.
    async up(db: Kysely<any>) {
      const rows: { id: string; firstName: string; lastName: string; usageName: string }[] = await db
        .selectFrom('people')
        .select(['id', 'firstName', 'lastName', 'usageName'])
        .where('usageName', 'is not', null)
        .where('usageName', '!=', '')
        .execute();
      for (const r of rows) {
        const parts = [r.usageName, r.firstName, r.usageName === r.lastName ? '' : r.lastName].filter(Boolean);
        await db
          .updateTable('people')
          .set({ searchKey: normalizeKey(parts.join(' ')) })
          .where('id', '=', r.id)
          .execute();
      }
    },
    async down(db: Kysely<any>) {
      const rows: { id: string; firstName: string; lastName: string; usageName: string | null }[] = await db
        .selectFrom('people')
        .select(['id', 'firstName', 'lastName', 'usageName'])
        .where('usageName', 'is not', null)
        .execute();
      for (const r of rows) {
        const parts = [r.lastName, r.usageName, r.firstName].filter(Boolean);
        await db
          .updateTable('people')
          .set({ searchKey: normalizeKey(parts.join(' ')) })
          .where('id', '=', r.id)
          .execute();
      }
    },
  },
  '20261201-2200-directory-aaf': aafMigration,
  '20261205-0810-directory-people-search': {
    async up(db: Kysely<any>) {
      await createSearchIndex(db, peopleSearchIndex);
    },
    async down(db: Kysely<any>) {
      await dropSearchIndex(db, peopleSearchIndex);
    },
  },
  // Set when a departed person's account is erased by the retention purge: the row stays as
  // "Compte supprimé" so what others still need (messages they received) keeps its sender.
  '20261227-0900-directory-erased-at': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('people').addColumn('erased_at', 'text').execute();
      await db.schema.createIndex('people_departed').on('people').columns(['status', 'deactivated_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('people_departed').execute();
      await db.schema.alterTable('people').dropColumn('erased_at').execute();
    },
  },
};
