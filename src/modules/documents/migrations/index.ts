import type { Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const documentsMigrations: Migrations = {
  '20261123-1500-documents-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('document_nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('parent_id', 'text', (c) => c.references('document_nodes.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('class_id', 'text', (c) => c.references('groups.id'))
        .addColumn('parents_can_read', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('blob_key', 'text')
        .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('sha256', 'text')
        .addColumn('content_type', 'text')
        .addColumn('trashed_at', 'text')
        .addColumn('trash_root', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_nodes_owner_parent').on('document_nodes').columns(['owner_id', 'parent_id']).execute();
      await db.schema.createIndex('document_nodes_parent').on('document_nodes').column('parent_id').execute();
      await db.schema.createIndex('document_nodes_class').on('document_nodes').columns(['class_id', 'parent_id']).execute();
      await db.schema.createIndex('document_nodes_path').on('document_nodes').column('path').execute();

      await db.schema
        .createTable('document_shares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('node_id', 'text', (c) => c.notNull().references('document_nodes.id'))
        .addColumn('grantee_kind', 'text', (c) => c.notNull())
        .addColumn('grantee_id', 'text', (c) => c.notNull())
        .addColumn('can_edit', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('document_shares_node_grantee', ['node_id', 'grantee_kind', 'grantee_id'])
        .execute();
      await db.schema.createIndex('document_shares_grantee').on('document_shares').columns(['grantee_id', 'grantee_kind']).execute();

      await db.schema
        .createTable('hand_in_boxes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('assignment_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('instructions', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('accept_late', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hand_in_boxes_group').on('hand_in_boxes').column('group_id').execute();

      await db.schema
        .createTable('hand_ins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('box_id', 'text', (c) => c.notNull().references('hand_in_boxes.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull())
        .addUniqueConstraint('hand_ins_box_student', ['box_id', 'student_id'])
        .execute();

      await db.schema
        .createTable('hand_in_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hand_in_id', 'text', (c) => c.notNull().references('hand_ins.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hand_in_files_hand_in').on('hand_in_files').column('hand_in_id').execute();

      await db.schema
        .createTable('hand_in_returns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hand_in_id', 'text', (c) => c.notNull().references('hand_ins.id'))
        .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('blob_key', 'text')
        .addColumn('size', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('sha256', 'text')
        .addColumn('content_type', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hand_in_returns_hand_in').on('hand_in_returns').column('hand_in_id').execute();
    },
  },
};
