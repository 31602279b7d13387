import { compareFrench, formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { LEVELS, type Basket, type BasketLine, type Licence } from '../schema.js';

export interface SchoolClass {
  id: string;
  name: string;
  level: string | null;
}

/** One select for a class (`group:<id>`) or a year-group (`level:<niveau>`). */
export function TargetSelect({ classes, value, error }: { classes: SchoolClass[]; value?: string; error?: string }) {
  const sorted = [...classes].sort((a, b) => compareFrench(a.name, b.name));
  return (
    <Field name="target" label={t('resources.basket.target')} error={error} required>
      <select id="field-target" name="target" required aria-invalid={error ? 'true' : undefined}>
        <optgroup label={t('resources.basket.classes')}>
          {sorted.map((c) => (
            <option value={`group:${c.id}`} selected={value === `group:${c.id}`}>
              {c.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('resources.basket.levels')}>
          {LEVELS.map((l) => (
            <option value={`level:${l}`} selected={value === `level:${l}`}>
              {t('resources.basket.level', l)}
            </option>
          ))}
        </optgroup>
      </select>
    </Field>
  );
}

const forWhom = (line: { group: { name: string } | null; level: string | null }) =>
  line.group?.name ?? (line.level ? t('resources.basket.level', line.level) : '');

function Decision({ line, csrf }: { line: BasketLine; csrf: string }) {
  return (
    <>
      {line.status !== 'validated' && (
        <form method="post" action={`/resources/basket-lines/${line.id}/decision`} class="inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="decision" value="validated" />
          <button type="submit" class="button button--small button--primary" aria-label={t('resources.basket.validateLabel', line.title)}>
            {t('resources.basket.validate')}
          </button>
        </form>
      )}{' '}
      {line.status !== 'refused' && (
        <form method="post" action={`/resources/basket-lines/${line.id}/decision`} class="inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="decision" value="refused" />
          <button type="submit" class="button button--small button--danger" aria-label={t('resources.basket.refuseLabel', line.title)}>
            {t('resources.basket.refuse')}
          </button>
        </form>
      )}
    </>
  );
}

export interface BasketFormValues {
  target?: string;
  quantity?: string;
  unitPrice?: string;
}

export function BasketPage(props: {
  csrf: string;
  school: { id: string; name: string };
  basket: Basket;
  decide: boolean;
  exportable: boolean;
  licences: boolean;
  propose: { classes: SchoolClass[]; resource: { id: string; title: string } | null } | null;
  values?: BasketFormValues;
  errors?: FieldErrors;
}) {
  const { basket, school } = props;
  const b = basket.budget;
  return (
    <>
      <div class="page-header">
        <h1>{`${t('resources.basket.title')} — ${school.name}`}</h1>
        <p>
          <a href="/resources/catalogue">{t('resources.catalogue.title')}</a>
          {props.licences && (
            <>
              {' · '}
              <a href={`/resources/schools/${school.id}/licences`}>{t('resources.licences.title')}</a>
            </>
          )}
        </p>
      </div>
      {props.errors?._form && <ErrorSummary errors={{ _form: props.errors._form }} />}
      <section class="card" aria-labelledby="budget-title">
        <h2 id="budget-title">{t('resources.basket.summary', b.schoolYear)}</h2>
        <dl class="summary">
          <dt>{t('resources.basket.budget')}</dt>
          <dd>{b.amountCents > 0 ? t('resources.money', b.amountCents) : t('resources.budgets.notSet')}</dd>
          <dt>{t('resources.basket.validated')}</dt>
          <dd>{t('resources.money', b.validatedCents)}</dd>
          <dt>{t('resources.basket.proposed')}</dt>
          <dd>{t('resources.money', b.proposedCents)}</dd>
          <dt>{t('resources.basket.remaining')}</dt>
          <dd>{t('resources.money', b.remainingCents)}</dd>
        </dl>
        {props.exportable && (
          <p>
            <a class="button button--small" href={`/api/resources/schools/${school.id}/basket/order.csv`} download>
              {t('resources.basket.export')}
            </a>
          </p>
        )}
      </section>
      <h2>{t('resources.basket.lines', basket.lines.length)}</h2>
      {basket.lines.length === 0 ? (
        <p>{t('resources.basket.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('resources.basket.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('resources.basket.resource')}</th>
                <th scope="col">{t('resources.basket.for')}</th>
                <th scope="col">{t('resources.basket.quantity')}</th>
                <th scope="col">{t('resources.basket.unitPrice')}</th>
                <th scope="col">{t('resources.basket.total')}</th>
                <th scope="col">{t('resources.basket.status')}</th>
              </tr>
            </thead>
            <tbody>
              {basket.lines.map((line) => (
                <tr>
                  <th scope="row">
                    {line.title}
                    <br />
                    <span class="muted">{`${t('resources.basket.by')} ${line.proposedBy}`}</span>
                  </th>
                  <td>{forWhom(line)}</td>
                  <td>{line.quantity}</td>
                  <td>{t('resources.money', line.unitPriceCents)}</td>
                  <td>{t('resources.money', line.totalCents)}</td>
                  <td>
                    {t(`resources.basket.status.${line.status}`)}
                    {props.decide && (
                      <div class="actions">
                        <Decision line={line} csrf={props.csrf} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.propose && (
        <section class="card" aria-labelledby="basket-form-title">
          <h2 id="basket-form-title">{t('resources.basket.form')}</h2>
          <ErrorSummary errors={props.errors} />
          {props.propose.resource ? (
            <form method="post" action={`/resources/schools/${school.id}/basket`}>
              <CsrfField token={props.csrf} />
              <input type="hidden" name="resourceId" value={props.propose.resource.id} />
              <p>{t('resources.basket.chosen', props.propose.resource.title)}</p>
              <TargetSelect classes={props.propose.classes} value={props.values?.target} error={props.errors?.target} />
              <Field
                name="quantity"
                label={t('resources.basket.quantityField')}
                value={props.values?.quantity ?? '1'}
                error={props.errors?.quantity}
                inputMode="numeric"
                required
              />
              <Field
                name="unitPrice"
                label={t('resources.basket.priceField')}
                value={props.values?.unitPrice}
                error={props.errors?.unitPrice}
                inputMode="decimal"
                required
              />
              <p class="actions">
                <button type="submit" class="button button--primary">
                  {t('resources.basket.submit')}
                </button>
              </p>
            </form>
          ) : (
            <p>
              <a href="/resources/catalogue">{t('resources.basket.choose')}</a>
            </p>
          )}
        </section>
      )}
    </>
  );
}

export interface LicenceFormValues {
  resourceId?: string;
  target?: string;
  startsOn?: string;
  endsOn?: string;
}

function LicenceRow({ licence, today }: { licence: Licence; today: string }) {
  return (
    <li class="card">
      <h3>{licence.title}</h3>
      <p>{`${forWhom(licence)} · ${t('resources.licences.period', formatDate(licence.startsOn), formatDate(licence.endsOn))}`}</p>
      {licence.renewalDue && <p class="badge badge--warn">{licence.endsOn < today ? t('resources.licences.ended') : t('resources.licences.ending')}</p>}
    </li>
  );
}

export function LicencesPage(props: {
  csrf: string;
  school: { id: string; name: string };
  licences: Licence[];
  renewalDays: number;
  today: string;
  classes: SchoolClass[];
  resources: { id: string; title: string }[];
  values?: LicenceFormValues;
  errors?: FieldErrors;
}) {
  const due = props.licences.filter((l) => l.renewalDue);
  const resources = [...props.resources].sort((a, b) => compareFrench(a.title, b.title));
  return (
    <>
      <div class="page-header">
        <h1>{`${t('resources.licences.title')} — ${props.school.name}`}</h1>
        <p>
          <a href={`/resources/schools/${props.school.id}/basket`}>{t('resources.basket.title')}</a>
        </p>
      </div>
      <section aria-labelledby="due-title">
        <h2 id="due-title">{t('resources.licences.due', props.renewalDays)}</h2>
        {due.length === 0 ? (
          <p>{t('resources.licences.noneDue')}</p>
        ) : (
          <ul class="list-plain">
            {due.map((l) => (
              <LicenceRow licence={l} today={props.today} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="all-title">
        <h2 id="all-title">{t('resources.licences.all', props.licences.length)}</h2>
        {props.licences.length === 0 ? (
          <p>{t('resources.licences.none')}</p>
        ) : (
          <ul class="list-plain">
            {props.licences.map((l) => (
              <LicenceRow licence={l} today={props.today} />
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="licence-form-title">
        <h2 id="licence-form-title">{t('resources.licences.form')}</h2>
        <ErrorSummary errors={props.errors} />
        {resources.length === 0 ? (
          <p>
            <a href="/resources/catalogue">{t('resources.licences.chooseResource')}</a>
          </p>
        ) : (
          <form method="post" action={`/resources/schools/${props.school.id}/licences`}>
            <CsrfField token={props.csrf} />
            <Field name="resourceId" label={t('resources.licences.resource')} error={props.errors?.resourceId} required>
              <select id="field-resourceId" name="resourceId" required>
                {resources.map((r) => (
                  <option value={r.id} selected={props.values?.resourceId === r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </Field>
            <TargetSelect classes={props.classes} value={props.values?.target} error={props.errors?.target} />
            <Field
              name="startsOn"
              type="date"
              label={t('resources.licences.startsOn')}
              value={props.values?.startsOn}
              error={props.errors?.startsOn}
              required
            />
            <Field name="endsOn" type="date" label={t('resources.licences.endsOn')} value={props.values?.endsOn} error={props.errors?.endsOn} required />
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('resources.licences.submit')}
              </button>
            </p>
          </form>
        )}
      </section>
    </>
  );
}

export function BudgetsPage(props: {
  csrf: string;
  year: string;
  schools: { structureId: string; name: string; amountCents: number | null }[];
  errors?: FieldErrors;
}) {
  const schools = [...props.schools].sort((a, b) => compareFrench(a.name, b.name));
  return (
    <>
      <h1>{t('resources.budgets.title')}</h1>
      <p>{t('resources.budgets.intro', props.year)}</p>
      <ErrorSummary errors={props.errors} />
      {schools.length === 0 ? (
        <p>{t('resources.budgets.none')}</p>
      ) : (
        <ul class="list-plain">
          {schools.map((s) => (
            <li class="card">
              <h2>{s.name}</h2>
              <p>{`${t('resources.budgets.amount')} : ${s.amountCents === null ? t('resources.budgets.notSet') : t('resources.money', s.amountCents)}`}</p>
              <form method="post" action={`/resources/schools/${s.structureId}/budget`}>
                <CsrfField token={props.csrf} />
                <div class="field">
                  <label for={`field-amount-${s.structureId}`}>{t('resources.budgets.field', s.name)}</label>
                  <input
                    id={`field-amount-${s.structureId}`}
                    name="amount"
                    inputMode="decimal"
                    required
                    value={s.amountCents === null ? '' : (s.amountCents / 100).toFixed(2).replace('.', ',')}
                  />
                </div>
                <p class="actions">
                  <button type="submit" class="button button--small button--primary" aria-label={t('resources.budgets.saveFor', s.name)}>
                    {t('resources.budgets.save')}
                  </button>{' '}
                  <a href={`/resources/schools/${s.structureId}/basket`}>{t('resources.budgets.basket', s.name)}</a>
                </p>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
