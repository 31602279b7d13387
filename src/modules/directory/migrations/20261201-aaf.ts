import type { Kysely } from 'kysely';
import type { Migration } from 'kysely';

/**
 * The AAF import (collèges and lycées): the feed's stable ids for structures and people, the
 * feed's class and group codes, subjects, who teaches which subject to which group, the
 * professeur principal of a class, pupils' contacts who are not their parents, and the runs.
 */
export const aafMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('aaf_structures')
      .addColumn('jointure', 'text', (c) => c.primaryKey())
      .addColumn('structure_id', 'text', (c) => c.notNull().unique().references('structures.id'))
      .addColumn('academy', 'text')
      .addColumn('address', 'text')
      .execute();

    await db.schema
      .createTable('aaf_people')
      .addColumn('jointure', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().unique().references('people.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('mef_code', 'text')
      .addColumn('mef_label', 'text')
      .addColumn('regime', 'text')
      .addColumn('transport', 'text')
      .addColumn('other_first_names', 'text')
      .execute();

    await db.schema
      .createTable('aaf_groups')
      .addColumn('group_id', 'text', (c) => c.primaryKey().references('groups.id'))
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
      .addColumn('school_year', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addUniqueConstraint('aaf_groups_code', ['structure_id', 'school_year', 'kind', 'code'])
      .execute();

    await db.schema
      .createTable('directory_subjects')
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('directory_subjects_pk', ['structure_id', 'code'])
      .execute();

    await db.schema
      .createTable('teaching_assignments')
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('subject_code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('teaching_assignments_pk', ['group_id', 'person_id', 'subject_code'])
      .execute();
    await db.schema.createIndex('teaching_assignments_person').on('teaching_assignments').column('person_id').execute();

    await db.schema
      .createTable('group_roles')
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('group_roles_pk', ['group_id', 'person_id', 'role'])
      .execute();
    await db.schema.createIndex('group_roles_person').on('group_roles').column('person_id').execute();

    await db.schema
      .createTable('student_contacts')
      .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('relative_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('relation', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('student_contacts_pk', ['student_id', 'relative_id'])
      .execute();
    await db.schema.createIndex('student_contacts_relative').on('student_contacts').column('relative_id').execute();

    await db.schema
      .createTable('aaf_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('school_year', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('aaf_runs_started').on('aaf_runs').column('started_at').execute();
  },
  async down(db: Kysely<any>) {
    for (const table of [
      'aaf_runs',
      'student_contacts',
      'group_roles',
      'teaching_assignments',
      'directory_subjects',
      'aaf_groups',
      'aaf_people',
      'aaf_structures',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
