import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Bracket } from '../tables.js';

export const BRACKET_ROWS = 5;

export interface TariffRow {
  serviceId: string;
  label: string;
  schoolName: string;
  tariff: { brackets: Bracket[]; walkInSurchargeCents: number } | null;
}

const price = (cents: number | undefined) => (cents === undefined ? '' : `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`);

/** The values a service's form shows: its tariff, or what the agent typed when it came back. */
export function tariffValues(row: TariffRow): Record<string, string> {
  const out: Record<string, string> = { surcharge: price(row.tariff?.walkInSurchargeCents) };
  row.tariff?.brackets.forEach((b, i) => {
    out[`b${i}upTo`] = b.upTo === null ? '' : String(b.upTo);
    out[`b${i}price`] = price(b.cents);
  });
  return out;
}

/** The municipality's services and their prices by bracket of quotient familial. */
export function TariffsPage(props: {
  town: { id: string; name: string };
  rows: TariffRow[];
  csrf: string;
  typed?: { serviceId: string; values: Record<string, string | undefined>; errors: FieldErrors };
}) {
  return (
    <>
      <div class="page-header">
        <h1>{t('billing.tariff.title', props.town.name)}</h1>
      </div>
      <p>{t('billing.tariff.intro')}</p>
      <p>
        <a href={`/billing/manage/${props.town.id}`}>{t('billing.tariff.back')}</a>
      </p>
      {props.rows.length === 0 && <p class="muted">{t('billing.tariff.none')}</p>}
      {props.rows.map((row) => {
        const mine = props.typed?.serviceId === row.serviceId ? props.typed : undefined;
        const values = mine?.values ?? tariffValues(row);
        const id = (name: string) => `${name}-${row.serviceId}`;
        return (
          <section class="card">
            <h2>
              {row.label} — {row.schoolName}
            </h2>
            <ErrorSummary errors={mine?.errors} />
            <form method="post" action={`/billing/services/${row.serviceId}/tariff`}>
              <CsrfField token={props.csrf} />
              <fieldset class="field-group">
                <legend>{t('billing.tariff.brackets')}</legend>
                <p class="field__hint">{t('billing.tariff.bracketsHint')}</p>
                {Array.from({ length: BRACKET_ROWS }, (_, i) => (
                  <div>
                    <div class="field">
                      <label for={id(`b${i}upTo`)}>{t('billing.tariff.upTo', i + 1)}</label>
                      <input id={id(`b${i}upTo`)} name={`b${i}upTo`} inputMode="numeric" value={values[`b${i}upTo`] ?? ''} />
                    </div>
                    <div class="field">
                      <label for={id(`b${i}price`)}>{t('billing.tariff.price', i + 1)}</label>
                      <input id={id(`b${i}price`)} name={`b${i}price`} inputMode="decimal" value={values[`b${i}price`] ?? ''} />
                    </div>
                  </div>
                ))}
              </fieldset>
              <Field name={id('surcharge')} label={t('billing.tariff.surcharge')} value={values.surcharge} error={mine?.errors.walkInSurchargeCents}>
                <input id={`field-${id('surcharge')}`} name="surcharge" inputMode="decimal" value={values.surcharge ?? ''} />
              </Field>
              <button type="submit" class="button button--primary">
                {t('billing.tariff.save')}
              </button>
            </form>
          </section>
        );
      })}
    </>
  );
}
