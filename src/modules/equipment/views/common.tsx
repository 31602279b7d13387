import type { ComponentChildren } from 'preact';
import { t } from '../i18n/fr.js';
import { ASSET_CATEGORIES, ASSET_STATUSES, TICKET_STATUSES } from '../tables.js';

export const categoryName = (c: string) => t(`equipment.category.${c}` as 'equipment.category.desktop');
export const statusName = (s: string) => t(`equipment.status.${s}` as 'equipment.status.inService');
export const ticketStatusName = (s: string) => t(`equipment.ticketStatus.${s}` as 'equipment.ticketStatus.new');

/** A select with an empty first option (all / none), its label, and the chosen value kept. */
export function Select(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null;
  empty?: string;
  error?: string;
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const categoryOptions = () => ASSET_CATEGORIES.map((c) => ({ value: c, label: categoryName(c) }));
export const statusOptions = () => ASSET_STATUSES.map((s) => ({ value: s, label: statusName(s) }));
export const ticketStatusOptions = () => TICKET_STATUSES.map((s) => ({ value: s, label: ticketStatusName(s) }));

/** Previous and next links: lists work without JavaScript. */
export function Pager({ base, query, total, limit, offset }: { base: string; query: Record<string, string>; total: number; limit: number; offset: number }) {
  if (total <= limit) return null;
  const link = (o: number) => `${base}?${new URLSearchParams({ ...query, offset: String(o), limit: String(limit) }).toString()}`;
  return (
    <nav aria-label={t('equipment.pages.label')} class="actions">
      {offset > 0 && (
        <a class="button" href={link(Math.max(0, offset - limit))} rel="prev">
          {t('equipment.pages.previous')}
        </a>
      )}
      <span>{t('equipment.pages.of', Math.floor(offset / limit) + 1, Math.ceil(total / limit))}</span>
      {offset + limit < total && (
        <a class="button" href={link(offset + limit)} rel="next">
          {t('equipment.pages.next')}
        </a>
      )}
    </nav>
  );
}

/** A term and its value, skipped when there is no value. */
export function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
