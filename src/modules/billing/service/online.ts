import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can, Forbidden, NotFound } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Conflict, Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as invoices from '../repository/invoices.js';
import * as online from '../repository/online.js';
import { today, type Deps } from './deps.js';
import { managedMunicipality } from './run.js';
import { sign, verify } from './signature.js';

/**
 * Online card payment of an invoice through the municipality's provider (PayFiP-like): the family
 * is sent to the provider's page with signed parameters; the provider's signed server-to-server
 * notification, not the browser's return, is what records the payment. docs/billing.md describes
 * the parameters, docs/decisions/0043-online-payment.md the choices.
 */

/** Where the provider sends its notification, to give it when the municipality subscribes. */
export const notificationPath = '/api/billing/online/notify';
export const returnPath = (attemptId: string) => `/billing/online/${attemptId}`;

/** The municipality's provider settings, the secret left out (only whether one is set). */
export async function onlineSettings(deps: Deps, actor: Actor, municipalityId: string) {
  await managedMunicipality(deps, actor, municipalityId);
  const s = await online.settingsOf(deps.db, municipalityId);
  return {
    providerUrl: s?.providerUrl ?? '',
    clientNumber: s?.clientNumber ?? '',
    enabled: !!s?.enabled,
    secretSet: !!s?.secret,
    notificationUrl: `${deps.publicUrl}${notificationPath}`,
  };
}

export interface OnlineSettingsInput {
  providerUrl: string;
  clientNumber: string;
  /** Write-only: empty or absent keeps the secret already set. */
  secret?: string;
  enabled: boolean;
}

const isProviderUrl = (text: string) => {
  try {
    const u = new URL(text);
    // Plain http only for a provider on this machine (a test stand-in).
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(u.hostname));
  } catch {
    return false;
  }
};

export async function saveOnlineSettings(deps: Deps, actor: Actor, municipalityId: string, input: OnlineSettingsInput) {
  await managedMunicipality(deps, actor, municipalityId);
  const current = await online.settingsOf(deps.db, municipalityId);
  const secret = input.secret?.trim() || current?.secret || '';
  const p = new Problems();
  p.check(isProviderUrl(input.providerUrl.trim()), 'providerUrl', t('billing.error.providerUrl'));
  p.check(/^[A-Za-z0-9-]{1,32}$/.test(input.clientNumber.trim()), 'clientNumber', t('billing.error.clientNumber'));
  p.check(secret.length >= 16 && secret.length <= 200, 'secret', t('billing.error.secret'));
  p.throwIfAny('billing.invalid_online_settings');
  await online.saveSettings(deps.db, {
    municipalityId,
    providerUrl: input.providerUrl.trim(),
    clientNumber: input.clientNumber.trim(),
    secret,
    enabled: input.enabled ? 1 : 0,
    updatedBy: actor.personId,
    updatedAt: deps.clock.now().toISOString(),
  });
  return onlineSettings(deps, actor, municipalityId);
}

/** What the invoice page offers its family: the amount online payment would take, or null. */
export async function onlineOffer(deps: Deps, actor: Actor, invoice: { id: string; municipalityId: string; payerId: string }) {
  if (!can(actor, 'billing.online.pay', invoice)) return null;
  const s = await online.settingsOf(deps.db, invoice.municipalityId);
  if (!s?.enabled) return null;
  const left = await online.leftOn(deps.db, invoice.id);
  return left > 0 ? { amountCents: left } : null;
}

/**
 * Opens (or reuses) the invoice's pending attempt and returns the provider's URL to send the
 * family to. A pending attempt for another amount (a desk payment came in since) is cancelled
 * and a new one opened; the unique index on pending attempts settles two clicks at once.
 */
export async function startOnlinePayment(deps: Deps, actor: Actor, invoiceId: string): Promise<string> {
  const invoice = await invoices.findInvoice(deps.db, invoiceId);
  authorize(actor, 'billing.online.pay', invoice);
  const s = await online.settingsOf(deps.db, invoice.municipalityId);
  if (!s?.enabled) throw new Conflict('billing.online_disabled', t('billing.error.onlineDisabled'));
  const left = await online.leftOn(deps.db, invoiceId);
  if (left <= 0) throw new Conflict('billing.invoice_settled', t('billing.error.invoiceSettled'));
  const now = deps.clock.now().toISOString();
  let attempt = await online.pendingAttempt(deps.db, invoiceId);
  if (attempt && attempt.amountCents !== left) {
    await online.closeAttempt(deps.db, attempt.id, 'cancelled', now, null);
    attempt = null;
  }
  if (!attempt) {
    const row = {
      id: newId(),
      municipalityId: invoice.municipalityId,
      invoiceId,
      payerId: invoice.payerId,
      amountCents: left,
      status: 'pending' as const,
      transaction: null,
      paymentId: null,
      createdAt: now,
      settledAt: null,
    };
    try {
      await online.insertAttempt(deps.db, row);
      attempt = row;
    } catch (error) {
      attempt = await online.pendingAttempt(deps.db, invoiceId);
      if (!attempt) throw error;
    }
  }
  const params: Record<string, string> = {
    client: s.clientNumber,
    amount: String(attempt.amountCents),
    reference: `${invoice.number}/${attempt.id}`,
    returnUrl: `${deps.publicUrl}${returnPath(attempt.id)}`,
    notifyUrl: `${deps.publicUrl}${notificationPath}`,
  };
  const url = new URL(s.providerUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('signature', sign(params, s.secret));
  return url.toString();
}

/** The provider's notification: `reference`, `amount` (cents), `result` (`paid` or `refused`), `transaction`, `signature`. */
export interface Notification {
  reference?: string;
  amount?: string;
  result?: string;
  transaction?: string;
  signature?: string;
}

/**
 * Verifies and applies the provider's notification. Unknown attempt → 404; bad signature → 403,
 * nothing changed; an amount other than the attempt's, or a refusal → the attempt is refused;
 * a confirmed payment is recorded once, however many times it is notified.
 */
export async function applyNotification(deps: Deps, n: Notification): Promise<{ status: string }> {
  const reference = n.reference ?? '';
  const attemptId = reference.slice(reference.lastIndexOf('/') + 1);
  const attempt = /^[0-9a-f-]{36}$/.test(attemptId) ? await online.findAttempt(deps.db, attemptId) : null;
  if (!attempt || reference !== `${attempt.invoiceNumber}/${attempt.id}`) throw new NotFound();
  const s = await online.settingsOf(deps.db, attempt.municipalityId);
  const signed: Record<string, string> = {};
  for (const k of ['reference', 'amount', 'result', 'transaction'] as const) if (n[k] !== undefined) signed[k] = n[k];
  if (!s || !verify(signed, n.signature ?? '', s.secret)) throw new Forbidden(t('billing.error.signature'), 'billing.bad_signature');
  if (attempt.status === 'paid') return { status: 'paid' };
  const now = deps.clock.now().toISOString();
  const transaction = (n.transaction ?? '').slice(0, 100);
  if (n.result !== 'paid' || n.amount !== String(attempt.amountCents)) {
    await online.closeAttempt(deps.db, attempt.id, 'refused', now, transaction || null);
    return { status: (await online.findAttempt(deps.db, attempt.id))!.status };
  }
  const payment = {
    id: newId(),
    municipalityId: attempt.municipalityId,
    payerId: attempt.payerId,
    invoiceId: attempt.invoiceId,
    amountCents: attempt.amountCents,
    method: 'online' as const,
    reference: transaction,
    receivedOn: today(deps).day,
    recordedBy: attempt.payerId,
    recordedAt: now,
  };
  await online.settlePaid(deps.db, attempt.id, payment, transaction);
  return { status: (await online.findAttempt(deps.db, attempt.id))!.status };
}

/** An attempt as its family sees it on the return page. */
export async function attemptResult(deps: Deps, actor: Actor, attemptId: string) {
  const a = await online.findAttempt(deps.db, attemptId);
  authorize(actor, 'billing.account.read', a);
  return { id: a.id, status: a.status, invoiceId: a.invoiceId, invoiceNumber: a.invoiceNumber, amountCents: a.amountCents };
}
