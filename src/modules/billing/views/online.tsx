import { tf } from '../i18n/fr.js';
import type { OnlineAttemptStatus } from '../tables.js';
import { euros } from './format.js';

/** Where the provider sends the family back: the attempt as the notification left it. */
export function OnlineResultPage(props: { result: { status: OnlineAttemptStatus; invoiceId: string; invoiceNumber: string; amountCents: number } }) {
  const r = props.result;
  const message =
    r.status === 'paid'
      ? tf('billing.online.paid', euros(r.amountCents), r.invoiceNumber)
      : r.status === 'pending'
        ? tf('billing.online.pending')
        : tf('billing.online.refused');
  return (
    <article>
      <div class="page-header">
        <h1>{tf('billing.online.title')}</h1>
      </div>
      <p role="status" class={r.status === 'paid' ? 'flash' : 'flash flash--warn'} data-status={r.status}>
        {message}
      </p>
      <p class="actions">
        <a class="button" href={`/billing/invoices/${r.invoiceId}`}>
          {tf('billing.online.back')}
        </a>
      </p>
    </article>
  );
}
