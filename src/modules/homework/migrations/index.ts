import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const homeworkMigrations: Migrations = {
  '20261123-1310-homework-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('subjects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('subjects_structure_code', ['structure_id', 'code'])
        .execute();

      await db.schema
        .createTable('homework_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('open_to_students', 'integer', (c) => c.notNull())
        .addColumn('open_to_relatives', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('lessons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('lesson_date', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text')
        .addColumn('end_time', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('visible_from', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('edited_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lessons_group_date').on('lessons').columns(['group_id', 'lesson_date']).execute();
      await db.schema.createIndex('lessons_teacher_date').on('lessons').columns(['teacher_id', 'lesson_date']).execute();

      await db.schema
        .createTable('assignments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('instructions', 'text', (c) => c.notNull())
        .addColumn('given_on', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('estimated_minutes', 'integer')
        .addColumn('to_hand_in', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assignments_group_due').on('assignments').columns(['group_id', 'due_on']).execute();
      await db.schema.createIndex('assignments_lesson').on('assignments').column('lesson_id').execute();

      await db.schema
        .createTable('assignment_done')
        .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('done_at', 'text', (c) => c.notNull())
        .addColumn('done_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assignment_done_pk', ['student_id', 'assignment_id'])
        .execute();

      await db.schema
        .createTable('homework_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
        .addColumn('assignment_id', 'text')
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('homework_attachments_lesson').on('homework_attachments').column('lesson_id').execute();

      await db.schema
        .createTable('homework_calendar_tokens')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['homework_calendar_tokens', 'homework_attachments', 'assignment_done', 'assignments', 'lessons', 'homework_settings', 'subjects']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  '20261201-0900-homework-assignment-sequence': {
    // Calendar clients see an edit of a piece of work through its SEQUENCE (RFC 5545 §3.8.7.4).
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('assignments')
        .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('assignments').dropColumn('sequence').execute();
    },
  },
  '20261205-0920-homework-resources': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('homework_resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
        .addColumn('assignment_id', 'text', (c) => c.references('assignments.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ref_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('homework_resources_lesson').on('homework_resources').column('lesson_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('homework_resources').execute();
    },
  },
};
