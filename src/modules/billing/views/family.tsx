import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { tf } from '../i18n/fr.js';
import type { InvoiceSummary } from '../service/accounts.js';
import type { QuotientStatus } from '../tables.js';
import { euros, monthName } from './format.js';

export interface FamilyTown {
  municipalityId: string;
  municipalityName: string;
  invoicedCents: number;
  creditedCents: number;
  paidCents: number;
  balanceCents: number;
  quotients: { id: string; quotient: number; status: QuotientStatus; validFrom: string | null }[];
}

export interface QuotientFormState {
  municipalityId: string;
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

function QuotientForm({ town, csrf, state }: { town: FamilyTown; csrf: string; state?: QuotientFormState }) {
  const errors = state?.municipalityId === town.municipalityId ? state.errors : undefined;
  const id = (name: string) => `${name}-${town.municipalityId}`;
  return (
    <form method="post" action={`/billing/municipalities/${town.municipalityId}/quotient`} enctype="multipart/form-data" class="card">
      <CsrfField token={csrf} />
      <ErrorSummary errors={errors} />
      <div class={errors?.quotient ? 'field field--error' : 'field'}>
        <label for={id('quotient')}>{tf('billing.quotient.value')}</label>
        {errors?.quotient && <p class="field__error">{errors.quotient}</p>}
        <input
          id={id('quotient')}
          name="quotient"
          inputMode="numeric"
          pattern="[0-9]*"
          required
          value={errors ? (state?.values.quotient ?? '') : ''}
          autocomplete="off"
        />
      </div>
      <div class={errors?.proof ? 'field field--error' : 'field'}>
        <label for={id('proof')}>{tf('billing.quotient.proof')}</label>
        {errors?.proof && <p class="field__error">{errors.proof}</p>}
        <input id={id('proof')} name="proof" type="file" accept="application/pdf,image/*" required />
      </div>
      <button type="submit" class="button button--primary">
        {tf('billing.quotient.send')}
      </button>
    </form>
  );
}

/** The family's page: balance per town, invoices, quotient familial. */
export function FamilyPage(props: { invoices: InvoiceSummary[]; towns: FamilyTown[]; csrf: string; state?: QuotientFormState }) {
  return (
    <>
      <div class="page-header">
        <h1>{tf('billing.title')}</h1>
      </div>
      <p>{tf('billing.family.intro')}</p>
      {props.towns.map((town) => (
        <section class="card">
          <h2>{tf('billing.family.balanceOf', isolate(town.municipalityName))}</h2>
          <p>
            <strong>
              {town.balanceCents > 0
                ? tf('billing.family.owed', euros(town.balanceCents))
                : town.balanceCents < 0
                  ? tf('billing.family.credit', euros(-town.balanceCents))
                  : tf('billing.family.settled')}
            </strong>
          </p>
          <dl class="billing-figures">
            <dt>{tf('billing.family.invoiced')}</dt>
            <dd>{euros(town.invoicedCents)}</dd>
            <dt>{tf('billing.family.credited')}</dt>
            <dd>{euros(town.creditedCents)}</dd>
            <dt>{tf('billing.family.paid')}</dt>
            <dd>{euros(town.paidCents)}</dd>
          </dl>
        </section>
      ))}
      <h2>{tf('billing.family.invoices')}</h2>
      {props.invoices.length === 0 ? (
        <p class="muted">{tf('billing.family.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={tf('billing.family.invoices')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{tf('billing.invoice.number')}</th>
                <th scope="col">{tf('billing.invoice.month')}</th>
                <th scope="col">{tf('billing.invoice.issuedOn')}</th>
                <th scope="col" class="num">
                  {tf('billing.invoice.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.invoices.map((i) => (
                <tr>
                  <td>
                    <a href={`/billing/invoices/${i.id}`} aria-label={tf('billing.invoice.open', i.number)}>
                      {i.number}
                    </a>
                  </td>
                  <td>{monthName(i.month)}</td>
                  <td>{formatDate(i.issuedOn)}</td>
                  <td class="num">{euros(i.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{tf('billing.quotient.title')}</h2>
      <p>{tf('billing.quotient.intro')}</p>
      {props.towns.map((town) => (
        <section>
          <h3>{tf('billing.quotient.for', isolate(town.municipalityName))}</h3>
          {town.quotients.length > 0 && (
            <ul>
              {town.quotients.map((q) => (
                <li>
                  {tf('billing.quotient.line', String(q.quotient), tf(`billing.quotient.status.${q.status}`))}
                  {q.validFrom && ` — ${tf('billing.quotient.validFrom', formatDate(q.validFrom))}`}
                </li>
              ))}
            </ul>
          )}
          <QuotientForm town={town} csrf={props.csrf} state={props.state} />
        </section>
      ))}
    </>
  );
}
