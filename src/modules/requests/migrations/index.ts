import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const requestsMigrations: Migrations = {
  '20261238-0900-requests-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('requests_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('student_id', 'text', (c) => c.references('people.id'))
        .addColumn('requester_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('school_year', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('attestation_kind', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('requests_requests_queue').on('requests_requests').columns(['municipality_id', 'status', 'updated_at']).execute();
      await db.schema.createIndex('requests_requests_requester').on('requests_requests').columns(['requester_id', 'created_at']).execute();
      await db.schema.createIndex('requests_requests_student').on('requests_requests').column('student_id').execute();
      await db.schema.createIndex('requests_requests_school').on('requests_requests').columns(['structure_id', 'origin']).execute();

      await db.schema
        .createTable('requests_status_changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('request_id', 'text', (c) => c.notNull().references('requests_requests.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addUniqueConstraint('requests_status_changes_order', ['request_id', 'position'])
        .execute();

      await db.schema
        .createTable('requests_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('request_id', 'text', (c) => c.notNull().references('requests_requests.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addUniqueConstraint('requests_messages_order', ['request_id', 'position'])
        .execute();

      await db.schema
        .createTable('requests_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('request_id', 'text', (c) => c.notNull().references('requests_requests.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('answer', 'integer', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('requests_files_request').on('requests_files').column('request_id').execute();
      await db.schema.createIndex('requests_files_blob').on('requests_files').column('blob_key').execute();

      await db.schema
        .createTable('requests_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('all_schools', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('requests_notes_municipality').on('requests_notes').columns(['municipality_id', 'created_at']).execute();

      await db.schema
        .createTable('requests_note_schools')
        .addColumn('note_id', 'text', (c) => c.notNull().references('requests_notes.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addPrimaryKeyConstraint('requests_note_schools_pk', ['note_id', 'structure_id'])
        .execute();
      await db.schema.createIndex('requests_note_schools_school').on('requests_note_schools').column('structure_id').execute();

      await db.schema
        .createTable('requests_note_reads')
        .addColumn('note_id', 'text', (c) => c.notNull().references('requests_notes.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('requests_note_reads_pk', ['note_id', 'person_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'requests_note_reads',
        'requests_note_schools',
        'requests_notes',
        'requests_files',
        'requests_messages',
        'requests_status_changes',
        'requests_requests',
      ])
        await db.schema.dropTable(table).execute();
    },
  },
};
