import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';
import { createSearchIndex, dropSearchIndex } from '../../../kernel/search/index.js';
import { messagesSearchIndex } from '../search-index.js';

export const messagingMigrations: Migrations = {
  '20261123-1400-messaging-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('communication_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('from_audience', 'text', (c) => c.notNull())
        .addColumn('to_audience', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('communication_rules_unique', ['structure_id', 'from_audience', 'to_audience'])
        .execute();

      await db.schema
        .createTable('messaging_settings')
        .addColumn('structure_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('quiet_start', 'text', (c) => c.notNull())
        .addColumn('quiet_end', 'text', (c) => c.notNull())
        .addColumn('quiet_weekends', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('thread_id', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .addColumn('sender_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('sender_folder', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('to_json', 'text', (c) => c.notNull())
        .addColumn('cc_json', 'text', (c) => c.notNull())
        .addColumn('recipient_count', 'integer', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('messages_sender_folder').on('messages').columns(['sender_id', 'sender_folder', 'updated_at']).execute();
      await db.schema.createIndex('messages_sender_sent').on('messages').columns(['sender_id', 'sent_at']).execute();
      await db.schema.createIndex('messages_thread').on('messages').column('thread_id').execute();
      await db.schema.createIndex('messages_structure_state').on('messages').columns(['structure_id', 'state']).execute();

      await db.schema
        .createTable('message_recipients')
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text')
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_recipients_pk', ['message_id', 'person_id'])
        .execute();
      await db.schema.createIndex('message_recipients_box').on('message_recipients').columns(['person_id', 'folder', 'sent_at']).execute();
      await db.schema.createIndex('message_recipients_unread').on('message_recipients').columns(['person_id', 'folder', 'read_at']).execute();

      await db.schema
        .createTable('message_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('message_attachments_message').on('message_attachments').column('message_id').execute();

      await db.schema
        .createTable('messaging_preferences')
        .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
        .addColumn('email_mode', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mail_queue')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['sent_at', 'due_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'mail_queue',
        'messaging_preferences',
        'message_attachments',
        'message_recipients',
        'messages',
        'messaging_settings',
        'communication_rules',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  '20261125-0900-messaging-mail-claims': {
    // Several instances flush the queue: a notice is claimed by one flush before it is sent.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('mail_queue').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('mail_queue').addColumn('claimed_until', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('mail_queue').dropColumn('claimed_until').execute();
      await db.schema.alterTable('mail_queue').dropColumn('claimed_by').execute();
    },
  },
  '20261205-0811-messaging-search': {
    async up(db: Kysely<any>) {
      await createSearchIndex(db, messagesSearchIndex);
    },
    async down(db: Kysely<any>) {
      await dropSearchIndex(db, messagesSearchIndex);
    },
  },
  '20261240-0900-messaging-mail-notifications': {
    // The e-mail notices carry the other services' notifications too: a queued notice is of a message
    // or of a notification. SQLite cannot drop a NOT NULL in place, so the table is rebuilt there.
    async up(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        await rebuildMailQueue(db, 'next');
        return;
      }
      await sql`alter table mail_queue alter column message_id drop not null`.execute(db);
      await db.schema.alterTable('mail_queue').addColumn('notification_id', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.deleteFrom('mail_queue').where('message_id', 'is', null).execute();
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        await rebuildMailQueue(db, 'previous');
        return;
      }
      await db.schema.alterTable('mail_queue').dropColumn('notification_id').execute();
      await sql`alter table mail_queue alter column message_id set not null`.execute(db);
    },
  },
};

/** SQLite: the queue rebuilt with a nullable message and a notification column ('next'), or back as it was. */
async function rebuildMailQueue(db: Kysely<any>, to: 'next' | 'previous') {
  await db.schema
    .createTable('mail_queue_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('message_id', 'text', (c) => (to === 'next' ? c.references('messages.id') : c.notNull().references('messages.id')))
    .$call((b) => (to === 'next' ? b.addColumn('notification_id', 'text') : b))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .execute();
  const columns = ['id', 'person_id', 'message_id', 'due_at', 'sent_at', 'attempts', 'last_error', 'created_at', 'claimed_by', 'claimed_until'];
  await sql`insert into mail_queue_rebuilt (${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(columns.map((c) => sql.ref(c)))} from mail_queue`.execute(
    db,
  );
  await db.schema.dropTable('mail_queue').execute();
  await db.schema.alterTable('mail_queue_rebuilt').renameTo('mail_queue').execute();
  await db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['sent_at', 'due_at']).execute();
}
