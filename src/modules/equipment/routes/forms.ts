import type { FastifyRequest } from 'fastify';
import { fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { AssetInput } from '../schema.js';
import { ASSET_CATEGORIES, ASSET_STATUSES, type AssetCategory, type AssetStatus } from '../tables.js';

export const str = (v: unknown) => (typeof v === 'string' ? v : '');
export const strings = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>)
      .filter(([k]) => k !== '_csrf')
      .map(([k, v]) => [k, str(v)]),
  );

/** A refusal that is the person's input (400 or 409), field by field; anything else goes on. */
export function inputErrors(error: unknown): FieldErrors | null {
  const status = error instanceof Error ? (error as { statusCode?: number }).statusCode : undefined;
  if (status === 409 && (error as { details?: unknown }).details) {
    const details = (error as { details: { field: string; message: string }[] }).details;
    return Object.fromEntries(details.map((d) => [d.field, d.message]));
  }
  return status === 400 ? fieldErrors(error) : null;
}

/** A form's schema errors (`attachValidation`): the field is named, with the generic message. */
export function schemaErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || '_form';
    errors[field] = t('equipment.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('equipment.error.field') };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The asset form's strings as the use case's input, or the fields that cannot be read. */
export function parseAssetForm(v: Record<string, string>): { input: AssetInput; errors: FieldErrors | null } {
  const errors: FieldErrors = {};
  const text = (k: string) => (v[k]?.trim() ? v[k]!.trim() : null);
  const category = text('category');
  if (!category || !(ASSET_CATEGORIES as readonly string[]).includes(category)) errors.category = t('equipment.error.category');
  const status = text('status');
  if (status && !(ASSET_STATUSES as readonly string[]).includes(status)) errors.status = t('equipment.error.status');
  const date = (k: string) => {
    const d = text(k);
    if (d && !DATE.test(d)) errors[k] = t('equipment.error.date');
    return d && DATE.test(d) ? d : null;
  };
  const priceText = text('price');
  const price = priceText === null ? null : Number(priceText.replace(/\s/g, '').replace(',', '.'));
  if (price !== null && !Number.isFinite(price)) errors.price = t('equipment.error.price');
  const id = (k: string) => {
    const s = text(k);
    return s && /^[0-9a-f-]{36}$/i.test(s) ? s : null;
  };
  return {
    input: {
      category: (category ?? 'desktop') as AssetCategory,
      status: (status ?? 'inService') as AssetStatus,
      brand: text('brand'),
      model: text('model'),
      serialNumber: text('serialNumber'),
      inventoryNumber: text('inventoryNumber'),
      supplier: text('supplier'),
      purchaseOrder: text('purchaseOrder'),
      purchaseDate: date('purchaseDate'),
      price: price !== null && Number.isFinite(price) ? price : null,
      warrantyEnd: date('warrantyEnd'),
      placeId: id('placeId'),
      cartId: id('cartId'),
    },
    errors: Object.keys(errors).length > 0 ? errors : null,
  };
}
