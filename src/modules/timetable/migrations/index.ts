import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const timetableMigrations: Migrations = {
  '20261209-0900-timetable-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('timetable_rooms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('timetable_rooms_structure_name', ['structure_id', 'name'])
        .execute();

      await db.schema
        .createTable('timetable_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('a_weeks', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('timetable_slots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('room_id', 'text', (c) => c.references('timetable_rooms.id'))
        .addColumn('subject_code', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('day_of_week', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text', (c) => c.notNull())
        .addColumn('weeks', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('timetable_slots_group').on('timetable_slots').columns(['group_id', 'day_of_week']).execute();
      await db.schema.createIndex('timetable_slots_teacher').on('timetable_slots').columns(['teacher_id', 'day_of_week']).execute();
      await db.schema.createIndex('timetable_slots_room').on('timetable_slots').columns(['room_id', 'day_of_week']).execute();
      await db.schema.createIndex('timetable_slots_structure').on('timetable_slots').columns(['structure_id', 'school_year']).execute();

      await db.schema
        .createTable('timetable_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slot_id', 'text', (c) => c.notNull().references('timetable_slots.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('new_date', 'text')
        .addColumn('new_start', 'text')
        .addColumn('new_end', 'text')
        .addColumn('new_teacher_id', 'text', (c) => c.references('people.id'))
        .addColumn('new_room_id', 'text', (c) => c.references('timetable_rooms.id'))
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('timetable_changes_slot_date', ['slot_id', 'date'])
        .execute();
      await db.schema.createIndex('timetable_changes_date').on('timetable_changes').columns(['date']).execute();
      await db.schema.createIndex('timetable_changes_new_date').on('timetable_changes').columns(['new_date']).execute();
      await db.schema.createIndex('timetable_changes_new_teacher').on('timetable_changes').columns(['new_teacher_id']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['timetable_changes', 'timetable_slots', 'timetable_settings', 'timetable_rooms']) await db.schema.dropTable(table).execute();
    },
  },
};
