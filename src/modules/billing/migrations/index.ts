import { sql, type Kysely } from 'kysely';
import type { Migrations } from '../../../kernel/db/index.js';

export const billingMigrations: Migrations = {
  '20261237-0900-billing-init': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('billing_tariffs')
        .addColumn('service_id', 'text', (c) => c.primaryKey().references('canteen_services.id'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('brackets', 'text', (c) => c.notNull())
        .addColumn('walk_in_surcharge_cents', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('billing_quotients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('relative_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('quotient', 'integer', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('declared_at', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text', (c) => c.references('people.id'))
        .addColumn('reviewed_at', 'text')
        .addColumn('valid_from', 'text')
        .execute();
      await db.schema.createIndex('billing_quotients_family').on('billing_quotients').columns(['municipality_id', 'relative_id', 'status']).execute();

      await db.schema
        .createTable('billing_justifications')
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('billing_justifications_pk', ['service_id', 'student_id', 'day'])
        .execute();

      await db.schema
        .createTable('billing_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('run_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('invoice_count', 'integer', (c) => c.notNull())
        .addUniqueConstraint('billing_runs_one', ['municipality_id', 'month'])
        .execute();

      await db.schema
        .createTable('billing_sequences')
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('series', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('billing_sequences_pk', ['municipality_id', 'series', 'year'])
        .execute();

      await db.schema
        .createTable('billing_invoices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('run_id', 'text', (c) => c.notNull().references('billing_runs.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('payer_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('billing_invoices_number', ['municipality_id', 'number'])
        .addUniqueConstraint('billing_invoices_one', ['run_id', 'payer_id'])
        .execute();
      await db.schema.createIndex('billing_invoices_payer').on('billing_invoices').columns(['payer_id', 'issued_on']).execute();
      await db.schema.createIndex('billing_invoices_month').on('billing_invoices').columns(['municipality_id', 'month']).execute();

      await db.schema
        .createTable('billing_invoice_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('billing_invoices.id'))
        .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('service_id', 'text', (c) => c.notNull().references('canteen_services.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('quotient', 'integer')
        .addColumn('unit_cents', 'integer', (c) => c.notNull())
        .addColumn('surcharge_cents', 'integer', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('billing_invoice_lines_invoice').on('billing_invoice_lines').columns(['invoice_id', 'student_id', 'day']).execute();

      await db.schema
        .createTable('billing_credit_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('billing_invoices.id'))
        .addColumn('payer_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('billing_credit_notes_number', ['municipality_id', 'number'])
        .execute();
      await db.schema.createIndex('billing_credit_notes_invoice').on('billing_credit_notes').column('invoice_id').execute();

      await db.schema
        .createTable('billing_payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('payer_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('invoice_id', 'text', (c) => c.references('billing_invoices.id'))
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('billing_payments_payer').on('billing_payments').columns(['municipality_id', 'payer_id']).execute();
    },
  },
  '20261242-0900-billing-online-payment': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('billing_online_settings')
        .addColumn('municipality_id', 'text', (c) => c.primaryKey().references('structures.id'))
        .addColumn('provider_url', 'text', (c) => c.notNull())
        .addColumn('client_number', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('billing_online_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('municipality_id', 'text', (c) => c.notNull().references('structures.id'))
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('billing_invoices.id'))
        .addColumn('payer_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('transaction', 'text')
        .addColumn('payment_id', 'text', (c) => c.references('billing_payments.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('settled_at', 'text')
        .execute();
      // One pending attempt per invoice: two clicks at once cannot open two.
      await db.schema
        .createIndex('billing_online_attempts_pending')
        .on('billing_online_attempts')
        .column('invoice_id')
        .unique()
        .where(sql.ref('status'), '=', 'pending')
        .execute();
    },
  },
};
