import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { AssetView } from '../service/present.js';
import { categoryName, categoryOptions, Pager, Select, statusName, statusOptions } from './common.js';

type Place = { id: string; kind: string; name: string; buildingId: string | null; className: string | null };

export function SchoolsPage({ schools, canTickets, canRenewal }: { schools: { id: string; name: string }[]; canTickets: boolean; canRenewal: boolean }) {
  return (
    <>
      <h1>{t('equipment.title')}</h1>
      <p>{t('equipment.intro')}</p>
      {canTickets && (
        <p>
          <a href="/equipment/tickets">{t('equipment.tickets')}</a>
          {canRenewal && (
            <>
              {' · '}
              <a href="/equipment/renewal">{t('equipment.renewal.link')}</a>
            </>
          )}
        </p>
      )}
      <h2>{t('equipment.schools')}</h2>
      {schools.length === 0 ? (
        <p>{t('equipment.schools.none')}</p>
      ) : (
        <ul>
          {schools.map((s) => (
            <li>
              <a href={`/equipment/schools/${s.id}`}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const placeLabel = (p: Place) => (p.className ? `${p.name} (${t('equipment.place.classOf', p.className)})` : p.name);

export interface SchoolPageData {
  school: { structureId: string; name: string };
  places: Place[];
  assets: { items: AssetView[]; total: number };
  filter: Record<string, string>;
  limit: number;
  offset: number;
  manage: boolean;
  /** May read the school's renewal plan (director, municipality). */
  plan: boolean;
  /** May lend devices to families (director, municipality). */
  lend?: boolean;
  classes: { id: string; name: string }[];
}

export function SchoolPage({
  data,
  csrf,
  placeValues,
  placeErrors,
}: {
  data: SchoolPageData;
  csrf: string;
  placeValues?: Record<string, string>;
  placeErrors?: FieldErrors;
}) {
  const base = `/equipment/schools/${data.school.structureId}`;
  const buildings = data.places.filter((p) => p.kind === 'building');
  return (
    <>
      <h1>{data.school.name}</h1>
      <p>
        <a href="/equipment/tickets">{t('equipment.tickets')}</a>
        {' · '}
        <a href={`${base}/assets.csv`}>{t('equipment.export')}</a>
        {' · '}
        <a href={`${base}/project`}>{t('equipment.project.link')}</a>
        {data.plan && (
          <>
            {' · '}
            <a href={`${base}/renewal`}>{t('equipment.renewal.link')}</a>
          </>
        )}
        {data.lend && (
          <>
            {' · '}
            <a href={`${base}/loans`}>{t('equipment.loans.link')}</a>
          </>
        )}
        {data.manage && (
          <>
            {' · '}
            <a href={`${base}/assets/new`}>{t('equipment.assets.new')}</a>
            {' · '}
            <a href={`${base}/import`}>{t('equipment.import.title')}</a>
          </>
        )}
      </p>
      <h2 id="assets-title">{t('equipment.assets.title')}</h2>
      <form method="get" action={base} class="filters">
        <Select
          name="category"
          label={t('equipment.field.category')}
          options={categoryOptions()}
          value={data.filter.category}
          empty={t('equipment.filter.all')}
        />
        <Select
          name="status"
          label={t('equipment.field.status')}
          options={statusOptions()}
          value={data.filter.status}
          empty={t('equipment.filter.allStatuses')}
        />
        <Select
          name="placeId"
          label={t('equipment.field.placeId')}
          options={data.places.map((p) => ({ value: p.id, label: placeLabel(p) }))}
          value={data.filter.placeId}
          empty={t('equipment.filter.all')}
        />
        <Field name="q" label={t('equipment.filter.q')} value={data.filter.q} type="search" />
        <button type="submit" class="button">
          {t('equipment.filter')}
        </button>
      </form>
      <p>{t('equipment.assets', data.assets.total)}</p>
      {data.assets.items.length === 0 ? <p>{t('equipment.assets.none')}</p> : <AssetTable assets={data.assets.items} labelledBy="assets-title" />}
      <Pager base={base} query={data.filter} total={data.assets.total} limit={data.limit} offset={data.offset} />
      <h2>{t('equipment.places')}</h2>
      {data.places.length === 0 ? (
        <p>{t('equipment.places.none')}</p>
      ) : (
        <ul>
          {data.places.map((p) => (
            <li>{p.kind === 'building' ? <strong>{p.name}</strong> : placeLabel(p)}</li>
          ))}
        </ul>
      )}
      {data.manage && (
        <form method="post" action={`${base}/places`} class="card">
          <h3>{t('equipment.places.new')}</h3>
          <ErrorSummary errors={placeErrors} />
          <CsrfField token={csrf} />
          <Select
            name="kind"
            label={t('equipment.place.kind')}
            options={[
              { value: 'room', label: t('equipment.place.room') },
              { value: 'building', label: t('equipment.place.building') },
            ]}
            value={placeValues?.kind}
            error={placeErrors?.kind}
          />
          <Field name="name" label={t('equipment.place.name')} value={placeValues?.name} error={placeErrors?.name} required />
          <Select
            name="buildingId"
            label={t('equipment.place.in')}
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={placeValues?.buildingId}
            empty={t('equipment.none')}
            error={placeErrors?.buildingId}
          />
          <Select
            name="groupId"
            label={t('equipment.place.class')}
            options={data.classes.map((c) => ({ value: c.id, label: c.name }))}
            value={placeValues?.groupId}
            empty={t('equipment.none')}
            error={placeErrors?.groupId}
          />
          <button type="submit" class="button">
            {t('equipment.places.new')}
          </button>
        </form>
      )}
    </>
  );
}

export function AssetTable({ assets, labelledBy, school }: { assets: AssetView[]; labelledBy: string; school?: boolean }) {
  return (
    <TableWrap labelledBy={labelledBy}>
      <table class="table">
        <thead>
          <tr>
            {school && <th scope="col">{t('equipment.field.school')}</th>}
            <th scope="col">{t('equipment.field.category')}</th>
            <th scope="col">{t('equipment.field.inventoryNumber')}</th>
            <th scope="col">{t('equipment.field.placeId')}</th>
            <th scope="col">{t('equipment.field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((a) => (
            <tr>
              {school && <td>{a.schoolName}</td>}
              <td>
                <a href={`/equipment/assets/${a.id}`}>{[categoryName(a.category), a.brand, a.model].filter(Boolean).join(' ')}</a>
              </td>
              <td>{a.inventoryNumber ?? t('equipment.none')}</td>
              <td>{a.placeName ?? t('equipment.none')}</td>
              <td>
                {statusName(a.status)}
                {a.outOfWarranty && <> · {t('equipment.outOfWarranty')}</>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const ASSET_FORM_FIELDS = ['brand', 'model', 'serialNumber', 'inventoryNumber', 'supplier', 'purchaseOrder', 'purchaseDate', 'price', 'warrantyEnd'] as const;

export function AssetFormPage(props: {
  school: { structureId: string; name: string };
  places: Place[];
  carts: { id: string; label: string }[];
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const labels = Object.fromEntries(
    [...ASSET_FORM_FIELDS, 'category', 'status', 'placeId', 'cartId'].map((f) => [f, t(`equipment.field.${f}` as 'equipment.field.brand')]),
  );
  return (
    <>
      <h1>{t('equipment.assets.new')}</h1>
      <p>{props.school.name}</p>
      <form method="post" action={`/equipment/schools/${props.school.structureId}/assets`}>
        <ErrorSummary errors={props.errors} labels={labels} />
        <CsrfField token={props.csrf} />
        <Select name="category" label={labels.category!} options={categoryOptions()} value={v.category} error={e.category} required />
        <Select name="status" label={labels.status!} options={statusOptions()} value={v.status ?? 'inService'} error={e.status} />
        <Select
          name="placeId"
          label={labels.placeId!}
          options={props.places.map((p) => ({ value: p.id, label: placeLabel(p) }))}
          value={v.placeId}
          empty={t('equipment.none')}
          error={e.placeId}
        />
        <Select
          name="cartId"
          label={labels.cartId!}
          options={props.carts.map((c) => ({ value: c.id, label: c.label }))}
          value={v.cartId}
          empty={t('equipment.none')}
          error={e.cartId}
        />
        {ASSET_FORM_FIELDS.map((f) => (
          <Field
            name={f}
            label={labels[f]!}
            value={v[f]}
            error={e[f]}
            type={f === 'purchaseDate' || f === 'warrantyEnd' ? 'date' : 'text'}
            inputMode={f === 'price' ? 'decimal' : undefined}
          />
        ))}
        <button type="submit" class="button">
          {t('equipment.assets.new')}
        </button>
      </form>
    </>
  );
}
