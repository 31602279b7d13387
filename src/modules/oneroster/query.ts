import { RosterError } from './status.js';
import { t } from './i18n/fr.js';

export type FilterOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~';

export interface Predicate {
  field: string;
  op: FilterOp;
  value: string;
}

/** A parsed `filter`: predicates joined by one logical operator, as OneRoster 1.2 allows. */
export interface Filter {
  join: 'AND' | 'OR';
  predicates: Predicate[];
}

const PREDICATE = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*/;

/**
 * Parses `role='student' AND dateLastModified>'2026-09-01'`. Values are quoted with single quotes
 * (a quote inside is doubled); AND and OR may not be mixed. Fields are checked against `allowed`.
 */
export function parseFilter(text: string | undefined, allowed: readonly string[]): Filter | null {
  if (text === undefined || text.trim() === '') return null;
  const predicates: Predicate[] = [];
  let join: 'AND' | 'OR' | null = null;
  let rest = text;
  for (;;) {
    const match = PREDICATE.exec(rest);
    if (!match) throw new RosterError(400, 'invalid_filter_field', t('oneroster.error.filter', rest.trim().slice(0, 60) || text.slice(0, 60)));
    const [whole, field, op, value] = match as unknown as [string, string, FilterOp, string];
    if (!allowed.includes(field)) throw new RosterError(400, 'invalid_filter_field', t('oneroster.error.filterField', field.slice(0, 60)));
    predicates.push({ field, op, value: value.replace(/''/g, "'") });
    rest = rest.slice(whole.length);
    if (rest.trim() === '') break;
    const logical = /^(AND|OR)\s+/.exec(rest);
    if (!logical || (join && join !== logical[1])) throw new RosterError(400, 'invalid_filter_field', t('oneroster.error.filter', rest.trim().slice(0, 60)));
    join = logical[1] as 'AND' | 'OR';
    rest = rest.slice(logical[0].length);
    if (predicates.length >= 10) throw new RosterError(400, 'invalid_filter_field', t('oneroster.error.filter', rest.trim().slice(0, 60)));
  }
  return { join: join ?? 'AND', predicates };
}

/** `fields=sourcedId,givenName`: the top-level members to keep, each one known. */
export function parseFields(text: string | undefined, known: readonly string[]): string[] | null {
  if (text === undefined || text.trim() === '') return null;
  const fields = text.split(',').map((f) => f.trim());
  const unknown = fields.find((f) => !known.includes(f));
  if (unknown !== undefined) throw new RosterError(400, 'invalid_selection_field', t('oneroster.error.fields', unknown.slice(0, 60)));
  return fields;
}

export function parseSort(text: string | undefined, allowed: readonly string[]): string | null {
  if (text === undefined || text.trim() === '') return null;
  if (!allowed.includes(text.trim())) throw new RosterError(400, 'invalid_sort_field', t('oneroster.error.sortField', text.trim().slice(0, 60)));
  return text.trim();
}

export function pick<T extends Record<string, unknown>>(item: T, fields: string[] | null): Partial<T> {
  if (!fields) return item;
  return Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])) as Partial<T>;
}
