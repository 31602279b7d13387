import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { ts } from '../i18n/statistics.js';
import { describeRule, type DeadlineRule } from '../rules.js';
import type { Diet } from '../tables.js';

export interface ServiceLine {
  id: string;
  label: string;
  kind: string;
  weekdays: number[];
  capacity: number;
  bookingRule: DeadlineRule;
  cancellationRule: DeadlineRule;
}

const weekdayNames = (days: number[]) => days.map((d) => t(`canteen.weekday.${d}` as 'canteen.weekday.1')).join(', ');

export function AgentIndex({ schools, municipalities }: { schools: { id: string; name: string }[]; municipalities: { id: string; name: string }[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.agent.schools')}</h1>
      </div>
      {schools.length === 0 ? (
        <p class="muted">{t('canteen.agent.none')}</p>
      ) : (
        <ul class="list-plain">
          {schools.map((s) => (
            <li>
              <a href={`/canteen/schools/${s.id}`}>{s.name}</a> · <a href={`/canteen/schools/${s.id}/bookings`}>{t('canteen.school.bookings')}</a>
            </li>
          ))}
        </ul>
      )}
      {municipalities.map((m) => (
        <p>
          <a class="button" href={`/canteen/municipalities/${m.id}/kitchen`}>{`${t('canteen.agent.kitchen')} — ${m.name}`}</a>{' '}
          <a class="button" href={`/canteen/municipalities/${m.id}/kitchens`}>{`${t('canteen.kitchens.title')} — ${m.name}`}</a>{' '}
          <a class="button" href={`/canteen/municipalities/${m.id}/statistics`}>{`${ts('canteen.stats.link')} — ${m.name}`}</a>{' '}
          <a class="button" href={`/canteen/municipalities/${m.id}/terms`}>{`${t('canteen.terms.title')} — ${m.name}`}</a>
        </p>
      ))}
    </>
  );
}

const KINDS = ['canteen', 'morning', 'evening', 'wednesday', 'study'] as const;
const REASONS = ['holiday', 'bankHoliday', 'strike', 'other'] as const;

function RuleFields({ prefix, legend, values }: { prefix: 'booking' | 'cancel'; legend: string; values: Record<string, string | string[] | undefined> }) {
  const v = (k: string) => values[`${prefix}${k}`] as string | undefined;
  return (
    <fieldset class="field-group">
      <legend>{legend}</legend>
      <Field name={`${prefix}Kind`} label={t('canteen.service.ruleKind')}>
        <select id={`field-${prefix}Kind`} name={`${prefix}Kind`}>
          {(['weekBefore', 'dayBefore', 'workingDays'] as const).map((k) => (
            <option value={k} selected={(v('Kind') ?? 'dayBefore') === k}>
              {t(`canteen.rule.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name={`${prefix}Weekday`} label={t('canteen.service.ruleWeekday')}>
        <select id={`field-${prefix}Weekday`} name={`${prefix}Weekday`}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <option value={String(d)} selected={(v('Weekday') ?? '2') === String(d)}>
              {t(`canteen.weekday.${d}` as 'canteen.weekday.1')}
            </option>
          ))}
        </select>
      </Field>
      <Field name={`${prefix}Days`} label={t('canteen.service.ruleDays')} type="number" value={v('Days') ?? '2'} />
      <Field name={`${prefix}Time`} label={t('canteen.service.ruleTime')} type="time" value={v('Time') ?? '18:00'} />
    </fieldset>
  );
}

/** A service's fields: kind, name, days, places, booking period, the two deadlines, the waiting list. */
export function ServiceFields({ values, errors }: { values: Record<string, string | string[] | undefined>; errors?: FieldErrors }) {
  const days = [values.weekdays ?? ['1', '2', '4', '5']].flat();
  return (
    <>
      <Field name="kind" label={t('canteen.service.kind')}>
        <select id="field-kind" name="kind">
          {KINDS.map((k) => (
            <option value={k} selected={values.kind === k}>
              {t(`canteen.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="label" label={t('canteen.service.label')} value={values.label as string | undefined} error={errors?.label} required />
      <fieldset class="field-group">
        <legend>{t('canteen.service.weekdays')}</legend>
        {errors?.weekdays && <p class="field__error">{errors.weekdays}</p>}
        {[1, 2, 3, 4, 5, 6].map((d) => (
          <div class="field field--check">
            <input type="checkbox" id={`field-weekday-${d}`} name="weekdays" value={String(d)} checked={days.includes(String(d))} />
            <label for={`field-weekday-${d}`}>{t(`canteen.weekday.${d}` as 'canteen.weekday.1')}</label>
          </div>
        ))}
      </fieldset>
      <Field
        name="capacity"
        label={t('canteen.service.capacity')}
        type="number"
        value={(values.capacity as string | undefined) ?? '100'}
        error={errors?.capacity}
      />
      <Field name="period" label={t('canteen.service.period')}>
        <select id="field-period" name="period">
          {(['week', 'month', 'term', 'year'] as const).map((p) => (
            <option value={p} selected={(values.period ?? 'term') === p}>
              {t(`canteen.period.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <RuleFields prefix="booking" legend={t('canteen.service.bookingRule')} values={values} />
      <RuleFields prefix="cancel" legend={t('canteen.service.cancellationRule')} values={values} />
      <div class="field field--check">
        <input type="checkbox" id="field-waitingList" name="waitingList" value="on" checked={values.waitingList === 'on'} />
        <label for="field-waitingList">{t('canteen.service.waitingList')}</label>
      </div>
    </>
  );
}

/** A school's services and closed days, with the forms to add them. */
export function SchoolPage(props: {
  school: { structureId: string; name: string };
  services: ServiceLine[];
  closures: { label: string; startsOn: string; endsOn: string }[];
  csrf: string;
  values?: Record<string, string | string[] | undefined>;
  errors?: FieldErrors;
}) {
  const values = props.values ?? {};
  const base = `/canteen/schools/${props.school.structureId}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.school.title', props.school.name)}</h1>
        <p>
          <a href={`${base}/bookings`}>{t('canteen.school.bookings')}</a>
        </p>
      </div>
      <ErrorSummary errors={props.errors} />
      <section aria-labelledby="services">
        <h2 id="services">{t('canteen.school.services')}</h2>
        {props.services.length === 0 ? (
          <p class="muted">{t('canteen.school.noService')}</p>
        ) : (
          <ul class="list-plain">
            {props.services.map((s) => (
              <li>
                <strong>{s.label}</strong> —{' '}
                {t('canteen.service.line', weekdayNames(s.weekdays), s.capacity, describeRule(s.bookingRule), describeRule(s.cancellationRule))} ·{' '}
                <a href={`/canteen/services/${s.id}/attendance`}>{t('canteen.school.attendance')}</a> ·{' '}
                <a href={`/canteen/services/${s.id}/edit`}>
                  {t('canteen.service.edit')}
                  <span class="visually-hidden">{` — ${s.label}`}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form method="post" action={`${base}/services`} class="card">
        <CsrfField token={props.csrf} />
        <h2>{t('canteen.service.new')}</h2>
        <ServiceFields values={values} errors={props.errors} />
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('canteen.service.create')}
          </button>
        </p>
      </form>
      <section aria-labelledby="closures">
        <h2 id="closures">{t('canteen.closure.title')}</h2>
        <ul class="list-plain">
          {props.closures.map((c) => (
            <li>{t('canteen.closure.line', c.label, formatDate(c.startsOn), formatDate(c.endsOn))}</li>
          ))}
        </ul>
        <form method="post" action={`${base}/closures`} class="card">
          <CsrfField token={props.csrf} />
          <h3>{t('canteen.closure.add')}</h3>
          <Field name="startsOn" label={t('canteen.closure.startsOn')} type="date" error={props.errors?.startsOn} />
          <Field name="endsOn" label={t('canteen.closure.endsOn')} type="date" error={props.errors?.endsOn} />
          <Field name="reason" label={t('canteen.closure.reason')}>
            <select id="field-reason" name="reason">
              {REASONS.map((r) => (
                <option value={r}>{t(`canteen.closure.reason.${r}`)}</option>
              ))}
            </select>
          </Field>
          <Field name="closureLabel" label={t('canteen.closure.label')}>
            <input id="field-closureLabel" name="label" maxLength={120} />
          </Field>
          <div class="field field--check">
            <input type="checkbox" id="field-onlyHere" name="onlyHere" value="on" />
            <label for="field-onlyHere">{t('canteen.closure.allSchools')}</label>
          </div>
          <p class="actions">
            <button type="submit" class="button">
              {t('canteen.closure.add')}
            </button>
          </p>
        </form>
      </section>
    </>
  );
}

/** A school's bookings for a day and service, and the form to book for a family. */
export function BookingsPage(props: {
  school: { id: string; name: string };
  day: string;
  services: { id: string; label: string; capacity: number }[];
  service: { id: string; label: string; capacity: number } | null;
  bookings: { studentId: string; displayName: string; status: string; diet: Diet }[];
  others: { studentId: string; displayName: string }[];
  csrf: string;
  errors?: FieldErrors;
}) {
  const base = `/canteen/schools/${props.school.id}/bookings`;
  const booked = props.bookings.filter((b) => b.status === 'booked');
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.bookings.title', props.school.name)}</h1>
      </div>
      <ErrorSummary errors={props.errors} />
      <form method="get" action={base} class="search-form">
        <Field name="date" label={t('canteen.bookings.date')} type="date" value={props.day} />
        <Field name="serviceId" label={t('canteen.bookings.service')}>
          <select id="field-serviceId" name="serviceId">
            {props.services.map((s) => (
              <option value={s.id} selected={s.id === props.service?.id}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" class="button">
          {t('canteen.calendar.show')}
        </button>
      </form>
      {props.service && (
        <>
          <h2 id="list">{`${props.service.label}, ${formatDate(props.day)} — ${t('canteen.bookings.count', booked.length, props.service.capacity)}`}</h2>
          {props.bookings.length === 0 ? (
            <p class="muted">{t('canteen.bookings.none')}</p>
          ) : (
            <TableWrap labelledBy="list">
              <table class="table">
                <tbody>
                  {props.bookings.map((b) => (
                    <tr>
                      <th scope="row">
                        <a href={`/canteen/children/${b.studentId}/calendar?month=${props.day.slice(0, 7)}`}>{b.displayName}</a>
                      </th>
                      <td>{b.status === 'waiting' ? t('canteen.calendar.waiting') : t('canteen.calendar.booked')}</td>
                      <td>{t(`canteen.diet.${b.diet}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {props.others.length > 0 && (
            <form method="post" action={base} class="card">
              <CsrfField token={props.csrf} />
              <h2>{t('canteen.bookings.onBehalf')}</h2>
              <input type="hidden" name="date" value={props.day} />
              <input type="hidden" name="serviceId" value={props.service.id} />
              <Field name="studentId" label={t('canteen.bookings.child')}>
                <select id="field-studentId" name="studentId">
                  {props.others.map((o) => (
                    <option value={o.studentId}>{o.displayName}</option>
                  ))}
                </select>
              </Field>
              <Field name="reason" label={t('canteen.bookings.reason')} hint={t('canteen.bookings.reasonHint')} error={props.errors?.reason} />
              <p class="actions">
                <button type="submit" class="button button--primary">
                  {t('canteen.bookings.book')}
                </button>
              </p>
            </form>
          )}
        </>
      )}
    </>
  );
}

export function KitchenPage(props: { day: string; schools: { school: string; total: number; diets: Record<Diet, number> }[] }) {
  const diets: Diet[] = ['none', 'noPork', 'vegetarian', 'noMeat'];
  return (
    <>
      <div class="page-header">
        <h1 id="kitchen">{t('canteen.kitchen.title', formatDate(props.day))}</h1>
      </div>
      {props.schools.length === 0 ? (
        <p class="muted">{t('canteen.kitchen.none')}</p>
      ) : (
        <TableWrap labelledBy="kitchen">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('canteen.kitchen.school')}</th>
                {diets.map((d) => (
                  <th scope="col">{t(`canteen.diet.${d}`)}</th>
                ))}
                <th scope="col">{t('canteen.kitchen.total')}</th>
              </tr>
            </thead>
            <tbody>
              {props.schools.map((s) => (
                <tr>
                  <th scope="row">{s.school}</th>
                  {diets.map((d) => (
                    <td>{s.diets[d]}</td>
                  ))}
                  <td>{s.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/** Editing one service: the same fields as when it was added. */
export function ServiceEditPage(props: {
  service: { id: string; label: string; structureId: string };
  csrf: string;
  values: Record<string, string | string[] | undefined>;
  errors?: FieldErrors;
}) {
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.service.editTitle', props.service.label)}</h1>
        <p>
          <a href={`/canteen/schools/${props.service.structureId}`}>{t('canteen.service.back')}</a>
        </p>
      </div>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/canteen/services/${props.service.id}`} class="card">
        <CsrfField token={props.csrf} />
        <ServiceFields values={props.values} errors={props.errors} />
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('canteen.service.save')}
          </button>
        </p>
      </form>
    </>
  );
}

/** The municipality's terms of the year: what "book the whole term" books. */
export function TermsPage(props: {
  municipality: { id: string; name: string };
  schoolYear: string;
  csrf: string;
  values: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <>
      <div class="page-header">
        <h1>{`${t('canteen.terms.title')} — ${props.municipality.name}`}</h1>
        <p class="muted">{t('canteen.registration.year', props.schoolYear)}</p>
      </div>
      <ErrorSummary errors={props.errors} />
      <p>{t('canteen.terms.intro')}</p>
      <form method="post" action={`/canteen/municipalities/${props.municipality.id}/terms`}>
        <CsrfField token={props.csrf} />
        {[0, 1, 2, 3].map((i) => (
          <fieldset class="card field-group">
            <legend>{t('canteen.terms.row', i + 1)}</legend>
            <Field name={`t${i}label`} label={t('canteen.terms.label')} value={v[`t${i}label`]} error={e[`terms.${i}.label`]} />
            <Field name={`t${i}startsOn`} label={t('canteen.terms.startsOn')} type="date" value={v[`t${i}startsOn`]} error={e[`terms.${i}.startsOn`]} />
            <Field name={`t${i}endsOn`} label={t('canteen.terms.endsOn')} type="date" value={v[`t${i}endsOn`]} error={e[`terms.${i}.endsOn`]} />
          </fieldset>
        ))}
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('canteen.terms.save')}
          </button>
        </p>
      </form>
    </>
  );
}
