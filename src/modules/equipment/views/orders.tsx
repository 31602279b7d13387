import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { NeedView } from '../service/needs.js';
import type { OrderView } from '../service/orders.js';
import { categoryName } from './common.js';
import type { FormState } from './needs.js';

export interface OrdersData {
  schoolId: string;
  budget: { year: number; amount: number; committed: number; left: number } | null;
  canSetBudget: boolean;
  canOrder: boolean;
  canApprove: boolean;
  canDeliver: boolean;
  canConfirm: boolean;
  canTrain: boolean;
  approvedNeeds: NeedView[];
  orders: OrderView[];
  staff: { id: string; name: string }[];
}
type Props = { data: OrdersData; csrf: string | undefined; forms: Record<string, FormState> };
const orderStatusName = (s: string) => t(`equipment.orderStatus.${s}` as 'equipment.orderStatus.draft');
// Paris wall-clock time as typed (AAAA-MM-JJTHH:MM), shown in French.
const wallClock = (s: string) => `${formatDate(s.slice(0, 10))} ${s.slice(11, 16).replace(':', ' h ')}`;

function BudgetBlock({ data, csrf, forms }: Props) {
  if (!data.budget) return null;
  const b = data.budget;
  const f = forms.budget;
  return (
    <>
      <h3>{t('equipment.budget.title', b.year)}</h3>
      <p>{t('equipment.budget.figures', b.amount, b.committed, b.left)}</p>
      {data.canSetBudget && (
        <form method="post" action={`/equipment/schools/${data.schoolId}/budget`} id="budget-form">
          <CsrfField token={csrf} />
          <ErrorSummary errors={f?.errors} />
          <Field
            name="amount"
            label={t('equipment.budget.amount')}
            inputMode="decimal"
            value={f?.values.amount ?? String(b.amount)}
            error={f?.errors.amount}
            required
          />
          <button type="submit">{t('equipment.budget.set')}</button>
        </form>
      )}
    </>
  );
}

function OrderForm({ data, csrf, forms }: Props) {
  if (!data.canOrder || data.approvedNeeds.length === 0) return null;
  const f = forms.order;
  const v = f?.values ?? {};
  return (
    <form method="post" action={`/equipment/schools/${data.schoolId}/orders`} id="order-form">
      <h3>{t('equipment.order.new')}</h3>
      <ErrorSummary errors={f?.errors} />
      <CsrfField token={csrf} />
      {data.approvedNeeds.map((n) => (
        <fieldset>
          <legend>{t('equipment.need.asked', n.grantedQuantity ?? n.quantity, categoryName(n.category))}</legend>
          <div class="field">
            <input type="checkbox" id={`field-include.${n.id}`} name={`include.${n.id}`} value="1" checked={!f || v[`include.${n.id}`] === '1'} />
            <label for={`field-include.${n.id}`}>{t('equipment.order.include')}</label>
          </div>
          <Field
            name={`quantity.${n.id}`}
            label={t('equipment.need.quantity')}
            inputMode="numeric"
            value={v[`quantity.${n.id}`] ?? String(n.grantedQuantity ?? n.quantity)}
            error={f?.errors[`quantity.${n.id}`]}
          />
          <Field
            name={`unitPrice.${n.id}`}
            label={t('equipment.order.unitPrice')}
            inputMode="decimal"
            value={v[`unitPrice.${n.id}`]}
            error={f?.errors[`unitPrice.${n.id}`]}
          />
          <Field name={`supplier.${n.id}`} label={t('equipment.order.supplier')} value={v[`supplier.${n.id}`]} error={f?.errors[`supplier.${n.id}`]} />
        </fieldset>
      ))}
      <button type="submit">{t('equipment.order.create')}</button>
    </form>
  );
}

function Installation({ order, data, csrf, forms }: Props & { order: OrderView }) {
  const i = order.installation;
  const delivered = order.lines.some((l) => l.deliveredAt);
  if (!delivered) return null;
  const sf = forms[`schedule:${order.id}`];
  const tf = forms[`training:${order.id}`];
  return (
    <>
      <h4>{t('equipment.installation.title')}</h4>
      {i && (
        <p>
          {t('equipment.installation.proposed', wallClock(i.scheduledFor))}
          {i.note && <> · {i.note}</>} ·{' '}
          {i.confirmedAt && i.confirmedBy ? t('equipment.installation.confirmedBy', i.confirmedBy) : t('equipment.installation.waiting')}
        </p>
      )}
      {i?.trainingOn && <p>{t('equipment.training.held', formatDate(i.trainingOn), i.attendees.join(', '))}</p>}
      {data.canDeliver && (
        <form method="post" action={`/equipment/orders/${order.id}/installation`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={sf?.errors} />
          <Field name={`scheduledFor-${order.id}`} label={t('equipment.installation.scheduledFor')} error={sf?.errors.scheduledFor} required>
            <input
              id={`field-scheduledFor-${order.id}`}
              name="scheduledFor"
              type="datetime-local"
              value={sf?.values.scheduledFor ?? i?.scheduledFor ?? ''}
              required
            />
          </Field>
          <Field name={`note-${order.id}`} label={t('equipment.installation.note')}>
            <input id={`field-note-${order.id}`} name="note" value={sf?.values.note ?? i?.note ?? ''} />
          </Field>
          <button type="submit">{t('equipment.installation.schedule')}</button>
        </form>
      )}
      {data.canConfirm && i && !i.confirmedAt && (
        <form method="post" action={`/equipment/orders/${order.id}/installation/confirm`}>
          <CsrfField token={csrf} />
          <button type="submit">{t('equipment.installation.confirm')}</button>
        </form>
      )}
      {data.canTrain && i?.confirmedAt && (
        <form method="post" action={`/equipment/orders/${order.id}/installation/training`}>
          <CsrfField token={csrf} />
          <ErrorSummary errors={tf?.errors} />
          <Field name={`heldOn-${order.id}`} label={t('equipment.training.on')} error={tf?.errors.heldOn} required>
            <input id={`field-heldOn-${order.id}`} name="heldOn" type="date" value={tf?.values.heldOn ?? i.trainingOn ?? ''} required />
          </Field>
          <fieldset>
            <legend>{t('equipment.training.attendees')}</legend>
            {data.staff.map((p) => (
              <div class="field">
                <input type="checkbox" id={`attendee-${order.id}-${p.id}`} name="attendeeIds" value={p.id} />
                <label for={`attendee-${order.id}-${p.id}`}>{p.name}</label>
              </div>
            ))}
          </fieldset>
          <Field name={`notes-${order.id}`} label={t('equipment.training.notes')}>
            <input id={`field-notes-${order.id}`} name="notes" value={tf?.values.notes ?? i.trainingNotes ?? ''} />
          </Field>
          <button type="submit">{t('equipment.training.record')}</button>
        </form>
      )}
    </>
  );
}

function Order(props: Props & { order: OrderView }) {
  const { order, data, csrf, forms } = props;
  const af = forms[`approve:${order.id}`];
  return (
    <article class="card" id={`order-${order.id}`} aria-labelledby={`order-${order.id}-title`}>
      <h3 id={`order-${order.id}-title`}>{t('equipment.order.number', order.number)}</h3>
      <p>
        <strong>{orderStatusName(order.status)}</strong> · {t('equipment.order.total', order.total)}
        {order.approvedAt && order.approvedBy && <> · {`${order.approvedBy}, ${formatDateTime(order.approvedAt)}`}</>}
      </p>
      <ErrorSummary errors={af?.errors} />
      <ul>
        {order.lines.map((l) => {
          const df = forms[`deliver:${l.id}`];
          return (
            <li>
              {t('equipment.order.line', l.quantity, categoryName(l.category))} · {l.supplier} · {l.unitPrice.toLocaleString('fr-FR')}&nbsp;€
              {l.placeName && <> · {l.placeName}</>}
              {l.deliveredAt ? (
                <> · {t('equipment.order.deliveredOn', formatDate(l.deliveredAt))}</>
              ) : (
                data.canDeliver &&
                order.status !== 'draft' && (
                  <form method="post" action={`/equipment/orders/${order.id}/lines/${l.id}/delivery`}>
                    <CsrfField token={csrf} />
                    <ErrorSummary errors={df?.errors} />
                    <Field name={`warrantyEnd-${l.id}`} label={t('equipment.order.warrantyEnd')} error={df?.errors.warrantyEnd}>
                      <input id={`field-warrantyEnd-${l.id}`} name="warrantyEnd" type="date" value={df?.values.warrantyEnd ?? ''} />
                    </Field>
                    <button type="submit">{t('equipment.order.deliver')}</button>
                  </form>
                )
              )}
            </li>
          );
        })}
      </ul>
      {data.canApprove && order.status === 'draft' && (
        <form method="post" action={`/equipment/orders/${order.id}/approve`}>
          <CsrfField token={csrf} />
          <button type="submit">{t('equipment.order.approve')}</button>
        </form>
      )}
      <Installation {...props} />
    </article>
  );
}

/** Steps 3 and 4: the budget, the orders and their installation. */
export function OrdersSections(props: Props) {
  const { data } = props;
  return (
    <>
      <section aria-labelledby="step-orders">
        <h2 id="step-orders">{t('equipment.project.step3')}</h2>
        <BudgetBlock {...props} />
        <OrderForm {...props} />
        <h3>{t('equipment.order.title')}</h3>
        {data.orders.length === 0 ? <p>{t('equipment.order.none')}</p> : data.orders.map((o) => <Order {...props} order={o} />)}
      </section>
      <section aria-labelledby="step-installation">
        <h2 id="step-installation">{t('equipment.project.step4')}</h2>
        <p>{t('equipment.installation.intro')}</p>
      </section>
    </>
  );
}
