import type { Kysely } from 'kysely';
import type { Migrations } from '../../kernel/db/index.js';

export const pollsMigrations: Migrations = {
  '20261206-1000-polls-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('polls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('multiple', 'integer', (c) => c.notNull())
        .addColumn('per_family', 'integer', (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('results_live', 'integer', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_by', 'text')
        .execute();
      await db.schema.createIndex('polls_structure').on('polls').columns(['structure_id', 'created_at']).execute();
      await db.schema
        .createTable('poll_options')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('poll_options_poll').on('poll_options').column('poll_id').execute();
      await db.schema
        .createTable('poll_members')
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addPrimaryKeyConstraint('poll_members_pk', ['poll_id', 'person_id'])
        .execute();
      await db.schema.createIndex('poll_members_person').on('poll_members').column('person_id').execute();
      await db.schema
        .createTable('poll_ballots')
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
        .addColumn('voter_key', 'text', (c) => c.notNull())
        .addColumn('cast_by', 'text')
        .addColumn('cast_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('poll_ballots_pk', ['poll_id', 'voter_key'])
        .execute();
      await db.schema
        .createTable('poll_choices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id'))
        .addColumn('option_id', 'text', (c) => c.notNull().references('poll_options.id'))
        .addColumn('voter_key', 'text')
        .execute();
      await db.schema.createIndex('poll_choices_poll').on('poll_choices').columns(['poll_id', 'voter_key']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['poll_choices', 'poll_ballots', 'poll_members', 'poll_options', 'polls']) await db.schema.dropTable(table).execute();
    },
  },
};
