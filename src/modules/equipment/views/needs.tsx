import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { NEED_OUTCOMES, NEED_PRIORITIES } from '../project-tables.js';
import type { NeedView } from '../service/needs.js';
import { categoryName, categoryOptions, Select } from './common.js';

/** A form's state when it comes back: what was typed and what is wrong. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

const priorityName = (p: string) => t(`equipment.priority.${p}` as 'equipment.priority.high');
export const needStatusName = (s: string) => t(`equipment.needStatus.${s}` as 'equipment.needStatus.submitted');
const noteKindName = (k: string) => t(`equipment.noteKind.${k}` as 'equipment.noteKind.comment');
const OPEN = ['submitted', 'reviewed'];

export interface NeedsData {
  schoolId: string;
  items: NeedView[];
  commissions: { id: string; heldOn: string; members: string }[];
  places: { id: string; name: string }[];
  canSubmit: boolean;
  canComment: boolean;
  canReview: boolean;
}

function Need({ need, data, csrf, forms }: { need: NeedView; data: NeedsData; csrf: string | undefined; forms: Record<string, FormState> }) {
  const comment = forms[`comment:${need.id}`];
  const review = forms[`review:${need.id}`];
  return (
    <article class="card" id={`need-${need.id}`} aria-labelledby={`need-${need.id}-title`}>
      <h3 id={`need-${need.id}-title`}>{t('equipment.need.asked', need.quantity, categoryName(need.category))}</h3>
      <p>
        {t('equipment.need.priority')} : {priorityName(need.priority)} · <strong>{needStatusName(need.status)}</strong>
        {need.grantedQuantity !== null && need.grantedQuantity !== need.quantity && <> · {t('equipment.need.granted', need.grantedQuantity)}</>}
        {need.placeName && <> · {need.placeName}</>}
      </p>
      <p>{need.justification}</p>
      {need.decisionComment && <p>{need.decisionComment}</p>}
      <details>
        <summary>{t('equipment.need.history')}</summary>
        <ol>
          {need.notes.map((n) => (
            <li>
              <time dateTime={n.at}>{formatDateTime(n.at)}</time> · {n.author} · {noteKindName(n.kind)}
              {n.statusTo && n.kind !== 'submitted' && <> → {needStatusName(n.statusTo)}</>}
              {n.body && <> : {n.body}</>}
            </li>
          ))}
        </ol>
      </details>
      {data.canComment && (
        <form method="post" action={`/equipment/needs/${need.id}/comments`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={comment?.errors} />
          <Field name={`body-${need.id}`} label={t('equipment.need.comment')} value={comment?.values.body} error={comment?.errors.body} required>
            <textarea id={`field-body-${need.id}`} name="body" rows={2} maxLength={2000} required>
              {comment?.values.body ?? ''}
            </textarea>
          </Field>
          <button type="submit">{t('equipment.need.addComment')}</button>
        </form>
      )}
      {data.canReview && OPEN.includes(need.status) && (
        <form method="post" action={`/equipment/needs/${need.id}/review`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={review?.errors} />
          <Field name={`review-${need.id}`} label={t('equipment.need.review')} error={review?.errors.body} required>
            <textarea id={`field-review-${need.id}`} name="body" rows={2} maxLength={2000} required>
              {review?.values.body ?? ''}
            </textarea>
          </Field>
          <button type="submit">{t('equipment.need.reviewSubmit')}</button>
        </form>
      )}
    </article>
  );
}

function NeedForm({ data, csrf, state }: { data: NeedsData; csrf: string | undefined; state?: FormState }) {
  const v = state?.values ?? {};
  const e = state?.errors;
  return (
    <form method="post" action={`/equipment/schools/${data.schoolId}/needs`} id="need-form">
      <h3>{t('equipment.need.new')}</h3>
      <ErrorSummary errors={e} />
      <CsrfField token={csrf} />
      <Select name="category" label={t('equipment.need.category')} options={categoryOptions()} value={v.category} error={e?.category} required />
      <Field name="quantity" label={t('equipment.need.quantity')} type="number" inputMode="numeric" value={v.quantity ?? '1'} error={e?.quantity} required />
      <Select
        name="priority"
        label={t('equipment.need.priority')}
        options={NEED_PRIORITIES.map((p) => ({ value: p, label: priorityName(p) }))}
        value={v.priority ?? 'medium'}
        error={e?.priority}
        required
      />
      <Select
        name="placeId"
        label={t('equipment.need.place')}
        empty={t('equipment.need.anyPlace')}
        options={data.places.map((p) => ({ value: p.id, label: p.name }))}
        value={v.placeId}
        error={e?.placeId}
      />
      <Field name="justification" label={t('equipment.need.justification')} error={e?.justification} required>
        <textarea id="field-justification" name="justification" rows={3} maxLength={2000} required>
          {v.justification ?? ''}
        </textarea>
      </Field>
      <button type="submit">{t('equipment.need.submit')}</button>
    </form>
  );
}

function CommissionForm({ data, csrf, state }: { data: NeedsData; csrf: string | undefined; state?: FormState }) {
  const open = data.items.filter((n) => OPEN.includes(n.status));
  if (open.length === 0) return null;
  const v = state?.values ?? {};
  const e = state?.errors;
  return (
    <form method="post" action={`/equipment/schools/${data.schoolId}/commissions`} id="commission-form">
      <h3>{t('equipment.commission.title')}</h3>
      <p>{t('equipment.commission.intro')}</p>
      <ErrorSummary errors={e} />
      <CsrfField token={csrf} />
      <Field name="heldOn" label={t('equipment.commission.heldOn')} type="date" value={v.heldOn} error={e?.heldOn} required />
      <Field
        name="members"
        label={t('equipment.commission.members')}
        hint={t('equipment.commission.membersHint')}
        value={v.members}
        error={e?.members}
        required
      />
      {open.map((n) => (
        <fieldset>
          <legend>{t('equipment.need.asked', n.quantity, categoryName(n.category))}</legend>
          <Select
            name={`outcome.${n.id}`}
            label={t('equipment.commission.outcome')}
            empty={t('equipment.commission.undecided')}
            options={NEED_OUTCOMES.map((o) => ({ value: o, label: t(`equipment.outcome.${o}`) }))}
            value={v[`outcome.${n.id}`]}
            error={e?.[`outcome.${n.id}`]}
          />
          <Field
            name={`quantity.${n.id}`}
            label={t('equipment.commission.grantedQuantity')}
            type="number"
            inputMode="numeric"
            value={v[`quantity.${n.id}`]}
            error={e?.[`quantity.${n.id}`]}
          />
          <Field name={`comment.${n.id}`} label={t('equipment.commission.comment')} value={v[`comment.${n.id}`]} />
        </fieldset>
      ))}
      <button type="submit">{t('equipment.commission.submit')}</button>
    </form>
  );
}

/** Step 2: the needs, their history and the forms each person may use. */
export function NeedsSection({ data, csrf, forms }: { data: NeedsData; csrf: string | undefined; forms: Record<string, FormState> }) {
  return (
    <section aria-labelledby="step-needs">
      <h2 id="step-needs">{t('equipment.project.step2')}</h2>
      {data.commissions.map((c) => (
        <p>{t('equipment.commission.held', formatDate(c.heldOn), c.members)}</p>
      ))}
      {data.items.length === 0 ? <p>{t('equipment.need.none')}</p> : data.items.map((n) => <Need need={n} data={data} csrf={csrf} forms={forms} />)}
      {data.canSubmit && <NeedForm data={data} csrf={csrf} state={forms.need} />}
      {data.canReview && <CommissionForm data={data} csrf={csrf} state={forms.commission} />}
    </section>
  );
}
