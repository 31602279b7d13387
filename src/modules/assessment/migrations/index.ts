import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const assessmentMigrations: Migrations = {
  '20261203-0900-assessment-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('assessment_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('period_kind', 'text', (c) => c.notNull())
        .addColumn('publication_policy', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('assessment_periods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('school_year', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('publish_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('assessment_periods_position', ['structure_id', 'school_year', 'position'])
        .execute();

      await db.schema
        .createTable('assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('period_id', 'text', (c) => c.notNull().references('assessment_periods.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject_code', 'text', (c) => c.notNull())
        .addColumn('subject_label', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('assessed_on', 'text', (c) => c.notNull())
        .addColumn('scale', 'integer')
        .addColumn('coefficient_centi', 'integer', (c) => c.notNull())
        .addColumn('publish_at', 'text', (c) => c.notNull())
        .addColumn('held_at', 'text')
        .addColumn('held_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('assessments_group_period').on('assessments').columns(['group_id', 'period_id', 'assessed_on']).execute();
      await db.schema.createIndex('assessments_teacher').on('assessments').columns(['teacher_id', 'assessed_on']).execute();

      await db.schema
        .createTable('assessment_skills')
        .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
        .addColumn('skill_code', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_skills_pk', ['assessment_id', 'skill_code'])
        .execute();

      await db.schema
        .createTable('assessment_marks')
        .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('points_centi', 'integer')
        .addColumn('special', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_marks_pk', ['assessment_id', 'student_id'])
        .execute();
      await db.schema.createIndex('assessment_marks_student').on('assessment_marks').column('student_id').execute();

      await db.schema
        .createTable('assessment_levels')
        .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('skill_code', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_levels_pk', ['assessment_id', 'student_id', 'skill_code'])
        .execute();
      await db.schema.createIndex('assessment_levels_student').on('assessment_levels').column('student_id').execute();

      await db.schema
        .createTable('report_comments')
        .addColumn('period_id', 'text', (c) => c.notNull().references('assessment_periods.id').onDelete('cascade'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('subject_code', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_comments_pk', ['period_id', 'student_id', 'subject_code'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'report_comments',
        'assessment_levels',
        'assessment_marks',
        'assessment_skills',
        'assessments',
        'assessment_periods',
        'assessment_settings',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  '20261211-0900-assessment-notices': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('assessments').addColumn('families_notified_at', 'text').execute();
      await db.schema.createIndex('assessments_families_notified').on('assessments').column('families_notified_at').execute();
      // What families could already see before notices existed is not announced again: the rule of
      // the day (decision 0013) written out once here, so that this migration never changes.
      const now = new Date();
      const at = now.toISOString();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      await db
        .updateTable('assessments')
        .set({ families_notified_at: at })
        .where('held_at', 'is', null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('assessment_periods as p')
              .leftJoin('assessment_settings as s', 's.structure_id', 'p.structure_id')
              .select(eb.lit(1).as('one'))
              .whereRef('p.id', '=', 'assessments.period_id')
              .where((e) =>
                e.or([
                  e.and([
                    e.or([e('s.publication_policy', 'is', null), e('s.publication_policy', '=', 'perAssessment')]),
                    e('assessments.publish_at', '<=', at),
                  ]),
                  e.and([e('s.publication_policy', '=', 'perPeriod'), e('p.publish_at', '<=', at)]),
                  e.and([e('s.publication_policy', '=', 'periodEnd'), e('p.ends_on', '<', today)]),
                ]),
              ),
          ),
        )
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('assessments_families_notified').execute();
      await db.schema.alterTable('assessments').dropColumn('families_notified_at').execute();
    },
  },
};
