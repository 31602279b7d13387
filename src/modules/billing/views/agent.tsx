import { compareFrench, formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { InvoiceSummary } from '../service/accounts.js';
import { PAYMENT_METHODS } from '../service/accounts.js';
import { euros, monthName } from './format.js';

export interface DeskProps {
  town: { id: string; name: string };
  month: string;
  runs: { month: string; runAt: string; invoiceCount: number }[];
  invoices: InvoiceSummary[];
  families: { payerId: string; family: string }[];
  pending: { id: string; family: string; quotient: number; declaredAt: string; fileName: string }[];
  today: string;
  csrf: string;
  form?: { name: 'run' | 'payment'; values: Record<string, string | undefined>; errors: FieldErrors };
}

/** The agents' entry: their municipalities. */
export function TownsPage({ towns }: { towns: { id: string; name: string }[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('billing.agent.title')}</h1>
      </div>
      <p>{t('billing.agent.intro')}</p>
      {towns.length === 0 ? (
        <p class="muted">{t('billing.agent.none')}</p>
      ) : (
        <ul>
          {towns.map((m) => (
            <li>
              <a href={`/billing/manage/${m.id}`}>{t('billing.agent.town', m.name)}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The billing desk of a municipality: run a month, its invoices, quotients to review, payments, export. */
export function DeskPage(p: DeskProps) {
  const errors = (name: 'run' | 'payment') => (p.form?.name === name ? p.form.errors : undefined);
  const values = (name: 'run' | 'payment') => (p.form?.name === name ? p.form.values : {});
  const pay = values('payment');
  const families = [...p.families].sort((a, b) => compareFrench(a.family, b.family));
  return (
    <>
      <div class="page-header">
        <h1>{t('billing.agent.town', p.town.name)}</h1>
      </div>
      <p>
        <a href={`/billing/manage/${p.town.id}/tariffs`}>{t('billing.agent.tariffs')}</a> ·{' '}
        <a href={`/billing/manage/${p.town.id}/online`}>{t('billing.agent.online')}</a>
      </p>
      <section>
        <h2>{t('billing.agent.run')}</h2>
        <ErrorSummary errors={errors('run')} />
        <form method="post" action={`/billing/manage/${p.town.id}/runs`} class="card">
          <CsrfField token={p.csrf} />
          <Field name="month" label={t('billing.agent.runMonth')} type="month" value={values('run').month ?? p.month} error={errors('run')?.month} required />
          <button type="submit" class="button button--primary">
            {t('billing.agent.runSubmit')}
          </button>
        </form>
        {p.runs.length > 0 && (
          <>
            <h3>{t('billing.agent.runs')}</h3>
            <ul>
              {p.runs.map((r) => (
                <li>
                  <a href={`/billing/manage/${p.town.id}?month=${r.month}`}>{t('billing.agent.runLine', monthName(r.month), r.invoiceCount)}</a>{' '}
                  <span class="muted">({formatDateTime(r.runAt)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section>
        <h2>
          {t('billing.agent.invoices')} — {monthName(p.month)}
        </h2>
        {p.invoices.length === 0 ? (
          <p class="muted">{t('billing.agent.noInvoices')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('billing.agent.invoices')}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('billing.invoice.number')}</th>
                  <th scope="col">{t('billing.agent.family')}</th>
                  <th scope="col" class="num">
                    {t('billing.invoice.total')}
                  </th>
                  <th scope="col" class="num">
                    {t('billing.agent.credited')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.invoices.map((i) => (
                  <tr>
                    <td>
                      <a href={`/billing/invoices/${i.id}`}>{i.number}</a>
                    </td>
                    <td>{i.family}</td>
                    <td class="num">{euros(i.totalCents)}</td>
                    <td class="num">{i.creditedCents > 0 ? euros(i.creditedCents) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {p.pending.length > 0 && (
        <section>
          <h2>{t('billing.quotient.title')}</h2>
          <ul class="cards">
            {p.pending.map((q) => (
              <li class="card">
                <p>
                  <strong>{q.family}</strong> — {t('billing.quotient.line', String(q.quotient), t('billing.quotient.status.pending'))}
                </p>
                <p class="muted">{formatDate(q.declaredAt)}</p>
                <p>
                  <a href={`/api/billing/quotients/${q.id}/proof`}>{q.fileName}</a>
                </p>
                <form method="post" action={`/billing/quotients/${q.id}/review`} class="actions">
                  <CsrfField token={p.csrf} />
                  <button type="submit" name="decision" value="validate" class="button button--primary">
                    {t('billing.agent.validate')}
                  </button>
                  <button type="submit" name="decision" value="refuse" class="button">
                    {t('billing.agent.refuse')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      {families.length > 0 && (
        <section>
          <h2>{t('billing.agent.payment')}</h2>
          <ErrorSummary errors={errors('payment')} />
          <form method="post" action={`/billing/manage/${p.town.id}/payments`} class="card">
            <CsrfField token={p.csrf} />
            <Field name="payerId" label={t('billing.agent.family')} error={errors('payment')?.payerId}>
              <select id="field-payerId" name="payerId" required>
                {families.map((f) => (
                  <option value={f.payerId} selected={pay.payerId === f.payerId}>
                    {f.family}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              name="amount"
              label={t('billing.agent.paymentAmount')}
              value={pay.amount}
              error={errors('payment')?.amountCents ?? errors('payment')?.amount}
              inputMode="decimal"
              required
            />
            <Field name="method" label={t('billing.agent.paymentMethod')} error={errors('payment')?.method}>
              <select id="field-method" name="method">
                {PAYMENT_METHODS.map((m) => (
                  <option value={m} selected={pay.method === m}>
                    {t(`billing.method.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="reference" label={t('billing.agent.paymentReference')} value={pay.reference} error={errors('payment')?.reference} />
            <Field name="receivedOn" label={t('billing.agent.paymentOn')} type="date" value={pay.receivedOn ?? p.today} error={errors('payment')?.receivedOn} />
            <button type="submit" class="button button--primary">
              {t('billing.agent.paymentSubmit')}
            </button>
          </form>
        </section>
      )}
      <section>
        <h2>{t('billing.agent.export')}</h2>
        <form method="get" action={`/api/billing/municipalities/${p.town.id}/export.csv`} class="card">
          <Field name="from" label={t('billing.agent.exportFrom')} type="date" value={`${p.today.slice(0, 4)}-01-01`} required />
          <Field name="to" label={t('billing.agent.exportTo')} type="date" value={p.today} required />
          <button type="submit" class="button">
            {t('billing.agent.exportSubmit')}
          </button>
        </form>
      </section>
    </>
  );
}
