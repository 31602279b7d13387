import { formatDate, formatDateTime, formatNumber } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { AssetView } from '../service/present.js';
import { assetLabel } from '../service/present.js';
import { categoryName, Fact, statusName, ticketStatusName } from './common.js';
import { AssetTable } from './inventory.js';

export interface AssetPageData {
  asset: AssetView;
  children: AssetView[];
  history: { at: string; actor: string; kind: string; changes: Record<string, unknown[]>; ticketId: string | null }[];
  tickets: { id: string; status: string; createdAt: string; overdue: boolean; readable: boolean }[];
  /** Faults within a year, when enough to flag the asset for renewal (0 otherwise). */
  repeatedFaults: number;
}

const euros = (n: number | null) => (n === null ? null : `${formatNumber(n, 2)} €`);

export function AssetPage(props: { data: AssetPageData; csrf: string; canReport: boolean; values?: Record<string, string>; errors?: FieldErrors }) {
  const { asset: a, children, history, tickets } = props.data;
  return (
    <>
      <h1>{assetLabel(a)}</h1>
      <p>
        {a.schoolName}
        {a.placeName && <> · {a.placeName}</>} · {statusName(a.status)}
        {a.outOfWarranty && <> · {t('equipment.outOfWarranty')}</>}
      </p>
      {props.data.repeatedFaults > 0 && (
        <p class="flash flash--warn">
          <a href="#tickets">{t('equipment.asset.repeatedFaults', props.data.repeatedFaults)}</a>
        </p>
      )}
      {props.canReport && (
        <form method="post" action={`/equipment/assets/${a.id}/tickets`} class="card" id="report">
          <h2>{t('equipment.ticket.report')}</h2>
          <ErrorSummary errors={props.errors} />
          <CsrfField token={props.csrf} />
          <div class={props.errors?.description ? 'field field--error' : 'field'}>
            <label for="field-description">
              {t('equipment.ticket.description')}
              <span aria-hidden="true"> *</span>
            </label>
            {props.errors?.description && (
              <p class="field__error" id="field-description-error">
                {props.errors.description}
              </p>
            )}
            <textarea
              id="field-description"
              name="description"
              rows={4}
              required
              aria-invalid={props.errors?.description ? 'true' : undefined}
              aria-describedby={props.errors?.description ? 'field-description-error' : undefined}
            >
              {props.values?.description ?? ''}
            </textarea>
          </div>
          <Field
            name="since"
            label={t('equipment.ticket.since')}
            hint={t('equipment.ticket.sinceHint')}
            value={props.values?.since}
            error={props.errors?.since}
          />
          <button type="submit" class="button">
            {t('equipment.ticket.submit')}
          </button>
        </form>
      )}
      <dl>
        <Fact label={t('equipment.field.serialNumber')}>{a.serialNumber}</Fact>
        <Fact label={t('equipment.field.inventoryNumber')}>{a.inventoryNumber}</Fact>
        <Fact label={t('equipment.field.supplier')}>{a.supplier}</Fact>
        <Fact label={t('equipment.field.purchaseOrder')}>{a.purchaseOrder}</Fact>
        <Fact label={t('equipment.field.purchaseDate')}>{a.purchaseDate && formatDate(a.purchaseDate)}</Fact>
        <Fact label={t('equipment.field.price')}>{euros(a.price)}</Fact>
        <Fact label={t('equipment.field.warrantyEnd')}>{a.warrantyEnd && formatDate(a.warrantyEnd)}</Fact>
      </dl>
      <p>
        <a href={`/equipment/assets/${a.id}/label`}>{t('equipment.label')}</a>
        {a.cartId && (
          <>
            {' · '}
            <a href={`/equipment/assets/${a.cartId}`}>{t('equipment.category.cart')}</a>
          </>
        )}
      </p>
      {children.length > 0 && (
        <>
          <h2 id="children-title">{t('equipment.children', children.length)}</h2>
          <AssetTable assets={children} labelledBy="children-title" />
        </>
      )}
      {tickets.length > 0 && (
        <>
          <h2 id="tickets">{t('equipment.tickets')}</h2>
          <ul>
            {tickets.map((k) => (
              <li>
                {formatDate(k.createdAt)} · {ticketStatusName(k.status)}
                {k.overdue && <> · {t('equipment.tickets.overdue')}</>}
                {k.readable && (
                  <>
                    {' · '}
                    <a href={`/equipment/tickets/${k.id}`}>{t('equipment.ticket.openPage')}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('equipment.history')}</h2>
      <ol class="list-plain">
        {history.map((e) => (
          <li>
            <strong>{t(`equipment.event.${e.kind}` as 'equipment.event.created')}</strong> — {t('equipment.event.by', e.actor, formatDateTime(e.at))}
            {Object.keys(e.changes).length > 0 && (
              <ul>
                {Object.entries(e.changes).map(([field, [before, after]]) => (
                  <li>
                    {changeLabel(field)} : {changeValue(field, before)} → {changeValue(field, after)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

const changeLabel = (field: string) => (field === 'priceCents' ? t('equipment.field.price') : t(`equipment.field.${field}` as 'equipment.field.brand'));
function changeValue(field: string, v: unknown): string {
  if (v === null || v === undefined) return t('equipment.none');
  if (field === 'status' && typeof v === 'string')
    return ['new', 'assigned', 'inProgress', 'waiting', 'resolved', 'rejected'].includes(v) ? ticketStatusName(v) : statusName(v);
  if (field === 'category' && typeof v === 'string') return categoryName(v);
  if (field === 'priceCents' && typeof v === 'number') return euros(v / 100) ?? '';
  return String(v);
}

export function LabelPage({
  label,
}: {
  label: { id: string; name: string; inventoryNumber: string | null; serialNumber: string | null; schoolName: string; url: string; svg: string };
}) {
  return (
    <>
      <h1>{t('equipment.label.title', label.name)}</h1>
      <p>{t('equipment.label.print')}</p>
      <div class="card equipment-label">
        <div role="img" aria-label={t('equipment.label.qr', label.name)} style="max-width:12rem" dangerouslySetInnerHTML={{ __html: label.svg }} />
        <p>
          <strong>{label.name}</strong>
          <br />
          {label.schoolName}
          {label.serialNumber && (
            <>
              <br />
              {t('equipment.field.serialNumber')} : {label.serialNumber}
            </>
          )}
          <br />
          {t('equipment.label.scan')}
        </p>
        <p class="muted" style="overflow-wrap:anywhere">
          {label.url}
        </p>
      </div>
    </>
  );
}
