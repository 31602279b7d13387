import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const attendanceMigrations: Migrations = {
  '20261204-0900-attendance-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('attendance_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('notices_in_quiet_hours', 'integer', (c) => c.notNull())
        .addColumn('wednesday', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('attendance_roll_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('slot_key', 'text', (c) => c.notNull())
        .addColumn('half_day', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text')
        .addColumn('end_time', 'text')
        .addColumn('slot_id', 'text')
        .addColumn('called_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('called_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('attendance_roll_calls_slot', ['group_id', 'date', 'slot_key'])
        .execute();
      await db.schema.createIndex('attendance_roll_calls_day').on('attendance_roll_calls').columns(['structure_id', 'date']).execute();

      await db.schema
        .createTable('attendance_marks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('roll_call_id', 'text', (c) => c.notNull().references('attendance_roll_calls.id').onDelete('cascade'))
        .addColumn('structure_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('half_day', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('late_minutes', 'integer')
        .addColumn('announced_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('attendance_marks_pupil', ['roll_call_id', 'student_id'])
        .execute();
      await db.schema.createIndex('attendance_marks_student_date').on('attendance_marks').columns(['student_id', 'date']).execute();
      await db.schema.createIndex('attendance_marks_day').on('attendance_marks').columns(['structure_id', 'date']).execute();

      await db.schema
        .createTable('attendance_announced')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('half_day', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attendance_announced_student').on('attendance_announced').columns(['student_id', 'from_date']).execute();

      await db.schema
        .createTable('attendance_justifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('submitted_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('blob_key', 'text')
        .addColumn('file_name', 'text')
        .addColumn('content_type', 'text')
        .addColumn('size', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('review_comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attendance_justifications_student').on('attendance_justifications').columns(['student_id', 'from_date']).execute();
      await db.schema.createIndex('attendance_justifications_school').on('attendance_justifications').columns(['structure_id', 'status']).execute();
    },
  },
  '20261211-0900-attendance-deadline': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('attendance_settings').addColumn('roll_call_deadline', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('attendance_settings').dropColumn('roll_call_deadline').execute();
    },
  },
};
