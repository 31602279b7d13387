import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const liaisonMigrations: Migrations = {
  '20261206-0900-liaison-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('liaison_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('requires_signature', 'integer', (c) => c.notNull())
        .addColumn('reply_kind', 'text', (c) => c.notNull())
        .addColumn('reply_question', 'text', (c) => c.notNull())
        .addColumn('reply_options', 'text', (c) => c.notNull())
        .addColumn('show_to_pupils', 'integer', (c) => c.notNull())
        .addColumn('whole_class', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addColumn('withdrawn_by', 'text')
        .addColumn('reminded_at', 'text')
        .execute();
      await db.schema.createIndex('liaison_notes_group').on('liaison_notes').columns(['group_id', 'created_at']).execute();
      await db.schema.createIndex('liaison_notes_author').on('liaison_notes').columns(['author_id', 'created_at']).execute();

      await db.schema
        .createTable('liaison_note_children')
        .addColumn('note_id', 'text', (c) => c.notNull().references('liaison_notes.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addPrimaryKeyConstraint('liaison_note_children_pk', ['note_id', 'student_id'])
        .execute();
      await db.schema.createIndex('liaison_note_children_student').on('liaison_note_children').column('student_id').execute();

      await db.schema
        .createTable('liaison_answers')
        .addColumn('note_id', 'text', (c) => c.notNull().references('liaison_notes.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('answered_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('answer', 'text')
        .addColumn('answered_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('liaison_answers_pk', ['note_id', 'student_id'])
        .execute();

      await db.schema
        .createTable('liaison_family_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .execute();
      await db.schema.createIndex('liaison_family_notes_group').on('liaison_family_notes').columns(['group_id', 'created_at']).execute();
      await db.schema.createIndex('liaison_family_notes_author').on('liaison_family_notes').columns(['author_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['liaison_family_notes', 'liaison_answers', 'liaison_note_children', 'liaison_notes']) await db.schema.dropTable(table).execute();
    },
  },
};
