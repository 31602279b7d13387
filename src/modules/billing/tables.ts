/** How a family pays: at the desk (cash, cheque, CESU, card) or online through the payment provider. */
export type PaymentMethod = 'cash' | 'cheque' | 'cesu' | 'card' | 'online';
/** An online payment attempt: waiting for the provider's notification, paid, refused, or replaced by a newer one. */
export type OnlineAttemptStatus = 'pending' | 'paid' | 'refused' | 'cancelled';
export type QuotientStatus = 'pending' | 'validated' | 'refused';
/** A billed day: booked (present, or absent without justification) or present without booking (with the surcharge). */
export type LineKind = 'booked' | 'walkIn';

/** One bracket of a tariff: up to a quotient familial (included), the price of a day. */
export interface Bracket {
  /** Highest quotient of the bracket, null for the last (open) bracket. */
  upTo: number | null;
  cents: number;
}

/** The price of a canteen service per day, by bracket of quotient familial, and the walk-in surcharge. */
export interface BillingTariffsTable {
  serviceId: string;
  municipalityId: string;
  /** JSON `Bracket[]`, ascending, the last one open (`upTo: null`). */
  brackets: string;
  /** Added to the day's price when the child was present without booking. */
  walkInSurchargeCents: number;
  updatedBy: string;
  updatedAt: string;
}

/** A family's declared quotient familial with its proof; it applies from the day an agent validates it. */
export interface BillingQuotientsTable {
  id: string;
  relativeId: string;
  municipalityId: string;
  quotient: number;
  blobKey: string;
  fileName: string;
  contentType: string;
  size: number;
  status: QuotientStatus;
  declaredAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** Paris day of the validation: the bracket applies to service days from this one. */
  validFrom: string | null;
}

/** An agent-recorded justification (medical certificate…): the booked day is not billed. */
export interface BillingJustificationsTable {
  serviceId: string;
  studentId: string;
  day: string;
  reason: string;
  recordedBy: string;
  recordedAt: string;
}

/** One invoice run per municipality and month: its row makes a second run of the month a no-op. */
export interface BillingRunsTable {
  id: string;
  municipalityId: string;
  /** `YYYY-MM`. */
  month: string;
  runBy: string;
  runAt: string;
  invoiceCount: number;
}

/** The last number given per municipality, series (invoice, credit note) and year: locked while numbers are taken. */
export interface BillingSequencesTable {
  municipalityId: string;
  series: 'invoice' | 'credit';
  year: number;
  lastNumber: number;
}

/** An issued invoice: never edited; corrected by credit notes. */
export interface BillingInvoicesTable {
  id: string;
  municipalityId: string;
  runId: string;
  /** `2027-000123`, gapless per municipality and year. */
  number: string;
  year: number;
  sequence: number;
  /** The responsible parent the invoice is addressed to. */
  payerId: string;
  month: string;
  issuedOn: string;
  totalCents: number;
  createdAt: string;
}

/** One billed day of one child for one service. */
export interface BillingInvoiceLinesTable {
  id: string;
  invoiceId: string;
  studentId: string;
  serviceId: string;
  day: string;
  kind: LineKind;
  /** The quotient the price came from, null when none was validated (highest bracket). */
  quotient: number | null;
  unitCents: number;
  surchargeCents: number;
  amountCents: number;
}

/** A credit note (avoir): a correction of an invoice, with its own gapless numbers `AV-2027-000012`. */
export interface BillingCreditNotesTable {
  id: string;
  municipalityId: string;
  invoiceId: string;
  payerId: string;
  number: string;
  year: number;
  sequence: number;
  issuedOn: string;
  amountCents: number;
  reason: string;
  issuedBy: string;
  createdAt: string;
}

/** A payment received at the desk, or confirmed by the online payment provider. */
export interface BillingPaymentsTable {
  id: string;
  municipalityId: string;
  payerId: string;
  /** The invoice it settles, when the family said which. */
  invoiceId: string | null;
  amountCents: number;
  method: PaymentMethod;
  /** Cheque number, CESU numbers, card receipt… */
  reference: string;
  receivedOn: string;
  recordedBy: string;
  recordedAt: string;
}

/** The municipality's online payment provider (PayFiP-like): one row per municipality. */
export interface BillingOnlineSettingsTable {
  municipalityId: string;
  /** The provider's payment page, where the family is sent. */
  providerUrl: string;
  /** The municipality's client number at the provider. */
  clientNumber: string;
  /** Shared secret of the HMAC-SHA256 signatures; never shown back. */
  secret: string;
  enabled: number;
  updatedBy: string;
  updatedAt: string;
}

/** One online payment attempt of an invoice; at most one pending per invoice. */
export interface BillingOnlineAttemptsTable {
  id: string;
  municipalityId: string;
  invoiceId: string;
  payerId: string;
  amountCents: number;
  status: OnlineAttemptStatus;
  /** The provider's transaction number, from its notification. */
  transaction: string | null;
  /** The payment recorded on the provider's confirmation. */
  paymentId: string | null;
  createdAt: string;
  settledAt: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    billingTariffs: BillingTariffsTable;
    billingQuotients: BillingQuotientsTable;
    billingJustifications: BillingJustificationsTable;
    billingRuns: BillingRunsTable;
    billingSequences: BillingSequencesTable;
    billingInvoices: BillingInvoicesTable;
    billingInvoiceLines: BillingInvoiceLinesTable;
    billingCreditNotes: BillingCreditNotesTable;
    billingPayments: BillingPaymentsTable;
    billingOnlineSettings: BillingOnlineSettingsTable;
    billingOnlineAttempts: BillingOnlineAttemptsTable;
  }
}
