import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { RETURN_CONDITIONS } from '../loan-tables.js';
import type { LoanView } from '../service/loans.js';
import { Pager, Select } from './common.js';

const conditionName = (c: string) => t(`equipment.loan.condition.${c}` as 'equipment.loan.condition.good');
const STATES = ['open', 'overdue', 'returned'] as const;

function LoanState({ loan }: { loan: LoanView }) {
  if (loan.returnedAt) return <span>{t('equipment.loan.returned')}</span>;
  return loan.overdue ? <strong class="badge">{t('equipment.loan.overdue')}</strong> : <span>{t('equipment.loan.open')}</span>;
}

function Acknowledgement({ loan }: { loan: LoanView }) {
  return loan.acknowledgedAt ? (
    <p>{t('equipment.loan.acknowledged', loan.acknowledgedBy ?? '', formatDateTime(loan.acknowledgedAt))}</p>
  ) : (
    <p class="muted">{t('equipment.loan.ackPending')}</p>
  );
}

export interface SchoolLoansData {
  school: { structureId: string; name: string };
  items: LoanView[];
  total: number;
  state?: string;
  limit: number;
  offset: number;
  assets: { id: string; label: string }[];
  pupils: { id: string; name: string }[];
}

/** The lender's page: the school's loans, filtered, and the form to lend a device. */
export function SchoolLoansPage(props: { data: SchoolLoansData; csrf: string; values?: Record<string, string>; errors?: FieldErrors }) {
  const { data } = props;
  const base = `/equipment/schools/${data.school.structureId}/loans`;
  const v = props.values ?? {};
  return (
    <>
      <h1>{t('equipment.loans.schoolTitle', data.school.name)}</h1>
      <p>{t('equipment.loans.intro')}</p>
      <p>
        <a href={`/equipment/schools/${data.school.structureId}`}>{t('equipment.assets.title')}</a>
      </p>
      <form method="get" action={base} class="filters">
        <Select
          name="state"
          label={t('equipment.field.status')}
          options={STATES.map((s) => ({ value: s, label: t(`equipment.loans.state.${s}`) }))}
          value={data.state}
          empty={t('equipment.loans.all')}
        />
        <button type="submit" class="button">
          {t('equipment.filter')}
        </button>
      </form>
      <p>{t('equipment.loans.count', data.total)}</p>
      {data.items.length === 0 ? (
        <p>{t('equipment.loans.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('equipment.loans.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('equipment.loan.asset')}</th>
              <th scope="col">{t('equipment.loan.pupil')}</th>
              <th scope="col">{t('equipment.loan.dueOn')}</th>
              <th scope="col">{t('equipment.field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((l) => (
              <tr>
                <td>
                  <a href={`/equipment/loans/${l.id}`}>{l.asset}</a>
                </td>
                <td>{l.pupil}</td>
                <td>{formatDate(l.dueOn)}</td>
                <td>
                  <LoanState loan={l} />
                  {!l.returnedAt && !l.acknowledgedAt && <span class="muted"> · {t('equipment.loan.ackPending')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base={base} query={data.state ? { state: data.state } : {}} total={data.total} limit={data.limit} offset={data.offset} />
      <h2 id="lend">{t('equipment.loans.new')}</h2>
      {data.assets.length === 0 && <p>{t('equipment.loans.noAsset')}</p>}
      {(data.assets.length > 0 || props.errors) && (
        <form method="post" action={base} class="card">
          <ErrorSummary errors={props.errors} />
          <CsrfField token={props.csrf} />
          <Select
            name="assetId"
            label={t('equipment.loan.asset')}
            options={data.assets.map((a) => ({ value: a.id, label: a.label }))}
            value={v.assetId}
            empty=""
            error={props.errors?.assetId}
            required
          />
          <Select
            name="pupilId"
            label={t('equipment.loan.pupil')}
            options={data.pupils.map((p) => ({ value: p.id, label: p.name }))}
            value={v.pupilId}
            empty=""
            error={props.errors?.pupilId}
            required
          />
          <Field name="startsOn" type="date" label={t('equipment.loan.startsOn')} value={v.startsOn} error={props.errors?.startsOn} />
          <Field name="dueOn" type="date" label={t('equipment.loan.dueOn')} value={v.dueOn} error={props.errors?.dueOn} required />
          <Field name="conditions" label={t('equipment.loan.conditions')} hint={t('equipment.loan.conditions.hint')} error={props.errors?.conditions} required>
            <textarea
              id="field-conditions"
              name="conditions"
              rows={5}
              maxLength={4000}
              required
              aria-describedby={props.errors?.conditions ? 'field-conditions-hint field-conditions-error' : 'field-conditions-hint'}
            >
              {v.conditions ?? ''}
            </textarea>
          </Field>
          <button type="submit" class="button button--primary">
            {t('equipment.loans.new')}
          </button>
        </form>
      )}
    </>
  );
}

function AckForm({ loan, csrf, back }: { loan: LoanView; csrf: string; back: 'mine' | 'loan' }) {
  return (
    <form method="post" action={`/equipment/loans/${loan.id}/acknowledge`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" class="button button--primary">
        {t('equipment.loan.acknowledge')}
      </button>
    </form>
  );
}

function LoanFacts({ loan }: { loan: LoanView }) {
  return (
    <>
      <dl>
        <dt>{t('equipment.loan.pupil')}</dt>
        <dd>{loan.pupil}</dd>
        <dt>{t('equipment.loan.startsOn')}</dt>
        <dd>{formatDate(loan.startsOn)}</dd>
        <dt>{t('equipment.loan.dueOn')}</dt>
        <dd>
          {formatDate(loan.dueOn)} · <LoanState loan={loan} />
        </dd>
        <dt>{t('equipment.loan.lender')}</dt>
        <dd>
          {loan.lender} ({loan.schoolName})
        </dd>
      </dl>
      <h3>{t('equipment.loan.conditions')}</h3>
      <p class="liaison-text">{loan.conditions}</p>
      <Acknowledgement loan={loan} />
      {loan.returnedAt && (
        <p>
          {t('equipment.loan.returnedOn', formatDateTime(loan.returnedAt), conditionName(loan.returnCondition ?? 'good'))}
          {loan.returnComment && <> {loan.returnComment}</>}
        </p>
      )}
    </>
  );
}

/** One loan: the lender records the return; a parent acknowledges it. */
export function LoanPage(props: { loan: LoanView; csrf: string; lender: boolean; family: boolean; values?: Record<string, string>; errors?: FieldErrors }) {
  const { loan } = props;
  const v = props.values ?? {};
  return (
    <>
      <h1>{t('equipment.loan.title', loan.asset)}</h1>
      {props.lender && (
        <p>
          <a href={`/equipment/schools/${loan.structureId}/loans`}>{t('equipment.loans.title')}</a>
          {' · '}
          <a href={`/equipment/assets/${loan.assetId}`}>{t('equipment.history')}</a>
        </p>
      )}
      {!props.lender && <ErrorSummary errors={props.errors?.loan ? { _form: props.errors.loan } : undefined} />}
      <LoanFacts loan={loan} />
      {props.family && !loan.acknowledgedAt && !loan.returnedAt && <AckForm loan={loan} csrf={props.csrf} back="loan" />}
      {props.lender && !loan.returnedAt && (
        <form method="post" action={`/equipment/loans/${loan.id}/return`} class="card">
          <h2>{t('equipment.loan.returnTitle')}</h2>
          <ErrorSummary errors={props.errors} />
          <CsrfField token={props.csrf} />
          <Select
            name="condition"
            label={t('equipment.loan.condition')}
            options={RETURN_CONDITIONS.map((c) => ({ value: c, label: conditionName(c) }))}
            value={v.condition}
            empty=""
            error={props.errors?.condition}
            required
          />
          <Field name="comment" label={t('equipment.loan.returnComment')} value={v.comment} error={props.errors?.comment} />
          <button type="submit" class="button button--primary">
            {t('equipment.loan.return')}
          </button>
        </form>
      )}
    </>
  );
}

/** A parent's page: the loans of their children, each with its acknowledgement. */
export function MyLoansPage(props: { items: LoanView[]; csrf: string }) {
  return (
    <>
      <h1>{t('equipment.loans.mine')}</h1>
      <p>{t('equipment.loans.mine.intro')}</p>
      {props.items.length === 0 ? (
        <p>{t('equipment.loans.mine.none')}</p>
      ) : (
        <ul class="list-plain">
          {props.items.map((l) => (
            <li class="card">
              <h2>
                <a href={`/equipment/loans/${l.id}`}>{l.asset}</a>
              </h2>
              <LoanFacts loan={l} />
              {!l.acknowledgedAt && !l.returnedAt && <AckForm loan={l} csrf={props.csrf} back="mine" />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
