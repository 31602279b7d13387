import { InvalidInput } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { NEED_PRIORITIES, type NeedOutcome, type NeedPriority } from '../project-tables.js';
import type { CommissionInput, NeedInput } from '../schema-project.js';
import { ASSET_CATEGORIES, type AssetCategory } from '../tables.js';

const ID = /^[0-9a-f-]{36}$/i;
const whole = (s: string | undefined) => (s?.trim() && /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The need form's strings as the use case's input, and the fields that cannot be read. */
export function parseNeedForm(v: Record<string, string>): { input: NeedInput; errors: FieldErrors | null } {
  const errors: FieldErrors = {};
  const category = v.category?.trim() ?? '';
  if (!(ASSET_CATEGORIES as readonly string[]).includes(category)) errors.category = t('equipment.error.category');
  const quantity = whole(v.quantity);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 500) errors.quantity = t('equipment.error.quantity');
  const priority = v.priority?.trim() ?? '';
  if (!(NEED_PRIORITIES as readonly string[]).includes(priority)) errors.priority = t('equipment.error.priority');
  const placeId = v.placeId?.trim() && ID.test(v.placeId.trim()) ? v.placeId.trim() : null;
  if (v.placeId?.trim() && !placeId) errors.placeId = t('equipment.error.place');
  return {
    input: {
      category: (category || 'desktop') as AssetCategory,
      quantity: Number.isInteger(quantity) ? quantity : 1,
      priority: (priority || 'medium') as NeedPriority,
      justification: v.justification ?? '',
      placeId,
    },
    errors: Object.keys(errors).length > 0 ? errors : null,
  };
}

/** The commission form: one `outcome.<needId>` per decided need, with its `quantity.` and `comment.`. */
export function commissionFrom(v: Record<string, string>): CommissionInput {
  const decisions = Object.entries(v)
    .filter(([k, value]) => k.startsWith('outcome.') && value.trim() !== '')
    .map(([k, value]) => {
      const needId = k.slice('outcome.'.length);
      const q = v[`quantity.${needId}`];
      return {
        needId,
        outcome: value.trim() as NeedOutcome,
        quantity: q?.trim() ? whole(q) : undefined,
        comment: v[`comment.${needId}`] ?? undefined,
      };
    });
  return { heldOn: v.heldOn?.trim() ?? '', members: v.members ?? '', decisions };
}

/** The service names a decision's field by its rank (`decisions.2.quantity`); the form names it by its need. */
export function byNeed(error: unknown, input: CommissionInput): never {
  if (!(error instanceof InvalidInput)) throw error;
  const problems = error.problems.map((p) => {
    const m = /^decisions\.(\d+)\.(\w+)$/.exec(p.field);
    const needId = m ? input.decisions[Number(m[1])]?.needId : undefined;
    return needId ? { field: m![2] === 'quantity' ? `quantity.${needId}` : `outcome.${needId}`, message: p.message } : p;
  });
  throw new InvalidInput(problems, error.code);
}

/** The order form: one `include.<needId>` per need ordered, with its `quantity.`, `unitPrice.` and `supplier.`. */
export function orderFrom(v: Record<string, string>) {
  const euros = (s: string | undefined) => (s?.trim() ? Number(s.replace(/\s/g, '').replace(',', '.')) : NaN);
  const lines = Object.keys(v)
    .filter((k) => k.startsWith('include.') && v[k] === '1')
    .map((k) => {
      const needId = k.slice('include.'.length);
      return { needId, quantity: whole(v[`quantity.${needId}`]), unitPrice: euros(v[`unitPrice.${needId}`]), supplier: v[`supplier.${needId}`] ?? '' };
    });
  return {
    order: { lines },
    /** The service names a line's field by its rank; the form names it by its need. */
    byNeed(error: unknown): never {
      if (!(error instanceof InvalidInput)) throw error;
      const problems = error.problems.map((p) => {
        const m = /^lines\.(\d+)\.(\w+)$/.exec(p.field);
        const needId = m ? lines[Number(m[1])]?.needId : undefined;
        return needId ? { field: m![2] === 'needId' ? `quantity.${needId}` : `${m![2]}.${needId}`, message: p.message } : p;
      });
      throw new InvalidInput(problems, error.code);
    },
  };
}
