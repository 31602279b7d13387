import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t, tf } from '../i18n/fr.js';
import type { InvoiceDetail } from '../service/accounts.js';
import { euros, monthName } from './format.js';

/** An invoice as the family prints it: issuer, addressee, lines by child, service and day, total, credit notes. */
export function InvoicePage(props: {
  invoice: InvoiceDetail;
  backHref: string;
  csrf?: string;
  creditForm?: { values: Record<string, string | undefined>; errors?: FieldErrors };
  /** What is left to pay online, when the municipality offers it and the invoice is not settled. */
  onlineOffer?: { amountCents: number } | null;
}) {
  const inv = props.invoice;
  const left = inv.totalCents - inv.creditedCents;
  return (
    <article class="billing-invoice">
      <link rel="stylesheet" href="/billing/invoice.css" />
      <div class="page-header">
        <h1>{tf('billing.invoice.title', inv.number)}</h1>
        <p class="muted">{tf('billing.invoice.of', monthName(inv.month))}</p>
      </div>
      <p>{tf('billing.invoice.issuer', isolate(inv.municipalityName))}</p>
      <p>{tf('billing.invoice.addressedTo', isolate(inv.family))}</p>
      <p>
        {tf('billing.invoice.issuedOn')} {formatDate(inv.issuedOn)}
      </p>
      <p class="actions billing-noprint">
        <a class="button button--primary" href={`/billing/invoices/${inv.id}/pdf`}>
          {tf('billing.invoice.pdf')}
        </a>
        <a class="button" href={props.backHref}>
          {tf('billing.invoice.back')}
        </a>
      </p>
      {props.onlineOffer && (
        <form method="post" action={`/billing/invoices/${inv.id}/pay-online`} class="card billing-noprint">
          <CsrfField token={props.csrf} />
          <p>{tf('billing.online.payAmount', euros(props.onlineOffer.amountCents))}</p>
          <button type="submit" class="button button--primary">
            {tf('billing.online.pay')}
          </button>
        </form>
      )}
      <p class="muted billing-noprint">{tf('billing.invoice.print')}</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={tf('billing.invoice.days', inv.lines.length)}>
        <table class="table">
          <caption>{tf('billing.invoice.days', inv.lines.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{tf('billing.invoice.child')}</th>
              <th scope="col">{tf('billing.invoice.service')}</th>
              <th scope="col">{tf('billing.invoice.day')}</th>
              <th scope="col" class="num">
                {tf('billing.invoice.unit')}
              </th>
              <th scope="col" class="num">
                {tf('billing.invoice.surcharge')}
              </th>
              <th scope="col" class="num">
                {tf('billing.invoice.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((l) => (
              <tr>
                <td>{l.child}</td>
                <td>
                  {l.service}
                  {l.kind === 'walkIn' && <span class="muted"> ({tf('billing.invoice.kind.walkIn')})</span>}
                </td>
                <td>{formatDate(l.day)}</td>
                <td class="num">{euros(l.unitCents)}</td>
                <td class="num">{l.surchargeCents > 0 ? euros(l.surchargeCents) : '—'}</td>
                <td class="num">{euros(l.amountCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {tf('billing.invoice.totalLine')}
              </th>
              <td class="num">
                <strong>{euros(inv.totalCents)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {inv.creditNotes.length > 0 && (
        <section>
          <h2>{tf('billing.invoice.creditNotes')}</h2>
          <ul>
            {inv.creditNotes.map((c) => (
              <li>{tf('billing.invoice.creditNote', c.number, euros(c.amountCents), c.reason)}</li>
            ))}
          </ul>
          <p>
            <strong>{tf('billing.invoice.left', euros(left))}</strong>
          </p>
        </section>
      )}
      {props.creditForm && (
        <section class="billing-noprint">
          <h2>{t('billing.agent.credit')}</h2>
          <ErrorSummary errors={props.creditForm.errors} />
          <form method="post" action={`/billing/invoices/${inv.id}/credit-notes`} class="card">
            <CsrfField token={props.csrf} />
            <Field
              name="amount"
              label={t('billing.agent.creditAmount')}
              value={props.creditForm.values.amount}
              error={props.creditForm.errors?.amountCents ?? props.creditForm.errors?.amount}
              inputMode="decimal"
              required
            />
            <Field
              name="reason"
              label={t('billing.agent.creditReason')}
              value={props.creditForm.values.reason}
              error={props.creditForm.errors?.reason}
              required
            />
            <button type="submit" class="button button--primary">
              {t('billing.agent.creditSubmit')}
            </button>
          </form>
        </section>
      )}
    </article>
  );
}
