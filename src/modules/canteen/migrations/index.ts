import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const canteenMigrations: Migrations = {
  '20261210-0900-canteen-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('canteen_services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('weekdays', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('booking_rule', 'text', (c) => c.notNull())
        .addColumn('cancellation_rule', 'text', (c) => c.notNull())
        .addColumn('waiting_list', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_services_school').on('canteen_services').columns(['structure_id', 'school_year']).execute();
      await db.schema.createIndex('canteen_services_municipality').on('canteen_services').columns(['municipality_id', 'school_year']).execute();

      await db.schema
        .createTable('canteen_closures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('structure_id', 'text', (c) => c.references('structures.id'))
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_closures_municipality').on('canteen_closures').columns(['municipality_id', 'starts_on']).execute();

      await db.schema
        .createTable('canteen_terms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_terms_municipality').on('canteen_terms').columns(['municipality_id', 'school_year']).execute();

      await db.schema
        .createTable('canteen_registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('diet', 'text', (c) => c.notNull())
        .addColumn('careplan', 'text')
        .addColumn('emergency_contacts', 'text', (c) => c.notNull())
        .addColumn('pickup_people', 'text', (c) => c.notNull())
        .addColumn('consent_at', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('canteen_registrations_student_year', ['student_id', 'school_year'])
        .execute();
      await db.schema.createIndex('canteen_registrations_school').on('canteen_registrations').columns(['structure_id', 'school_year']).execute();

      await db.schema
        .createTable('canteen_day_counters')
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('booked', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('canteen_day_counters_pk', ['service_id', 'day'])
        .execute();

      await db.schema
        .createTable('canteen_bookings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('waiting_since', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('canteen_bookings_one', ['service_id', 'student_id', 'day'])
        .execute();
      await db.schema.createIndex('canteen_bookings_day').on('canteen_bookings').columns(['service_id', 'day', 'status']).execute();
      await db.schema.createIndex('canteen_bookings_student').on('canteen_bookings').columns(['student_id', 'day']).execute();

      await db.schema
        .createTable('canteen_booking_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('reason', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_booking_history_student').on('canteen_booking_history').columns(['student_id', 'at']).execute();

      await db.schema
        .createTable('canteen_attendance')
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('present', 'integer', (c) => c.notNull())
        .addColumn('booked', 'integer', (c) => c.notNull())
        .addColumn('marked_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('marked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('canteen_attendance_pk', ['service_id', 'day', 'student_id'])
        .execute();
    },
  },
  '20261214-0900-canteen-menus': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('canteen_kitchens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_kitchens_municipality').on('canteen_kitchens').column('municipality_id').execute();
      await db.schema
        .createTable('canteen_kitchen_schools')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('kitchen_id', 'text', (c) => c.notNull().references('canteen_kitchens.id'))
        .execute();
      await db.schema.createIndex('canteen_kitchen_schools_kitchen').on('canteen_kitchen_schools').column('kitchen_id').execute();
      await db.schema
        .createTable('canteen_menu_days')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kitchen_id', 'text', (c) => c.notNull().references('canteen_kitchens.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('canteen_menu_days_one', ['kitchen_id', 'day'])
        .execute();
      await db.schema
        .createTable('canteen_dishes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('menu_day_id', 'text', (c) => c.notNull().references('canteen_menu_days.id'))
        .addColumn('course', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('allergens', 'text', (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('protein', 'text', (c) => c.notNull())
        .addColumn('alternative', 'integer', (c) => c.notNull())
        .addColumn('purchase_cents', 'integer')
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canteen_dishes_day').on('canteen_dishes').columns(['menu_day_id', 'position']).execute();
    },
  },
};
