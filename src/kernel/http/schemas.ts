import { Type } from '@sinclair/typebox';

/** The body of every JSON error. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Code stable, par exemple `directory.error.uai`.' }),
      message: Type.String({ description: 'Message en français, à montrer tel quel.' }),
      details: Type.Any({ description: 'Détails : champs en erreur, lignes de fichier…' }),
    }),
  },
  { $id: 'ErrorResponse' },
);

/** Standard error responses to list on a route. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
} as const;

// ---------------------------------------------------------------------------------------------
// Building blocks for every module's schemas (params, query, JSON bodies and forms alike).
// ---------------------------------------------------------------------------------------------

/** A UUID, the shape of every id in Préau. */
export const Id = (description = 'Identifiant.') => Type.String({ format: 'uuid', description });

/** `{ id }` route parameters. */
export const IdParams = Type.Object({ id: Id() });

/** A UUID tested outside a schema (form fields that may be empty, tokens). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/**
 * A page size: a bounded, finite whole number (`Infinity`, `1e999`, `-1` and `2.5` are refused with
 * a 400, never reach a query).
 */
export const Limit = (max: number, fallback: number) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback, description: `Nombre d’éléments (1 à ${max}).` }));

/** Where a page starts: a bounded whole number. */
export const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'Rang du premier élément.' }));

/** `limit` and `offset` together, for list routes. */
export const Pagination = (max = 100, fallback = 25) => ({ limit: Limit(max, fallback), offset: Offset });

/** A calendar day, `AAAA-MM-JJ`. */
export const IsoDate = (description = 'Date, AAAA-MM-JJ.') => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

/** A school year, `2026-2027`. */
export const SchoolYear = (description = 'Année scolaire, par exemple 2026-2027.') => Type.String({ pattern: '^\\d{4}-\\d{4}$', description });

/** Free text with a maximum length (counted in UTF-16 units, as browsers count `maxlength`). */
export const Text = (maxLength: number, description: string, minLength = 0) => Type.String({ maxLength, minLength, description });

/** A form checkbox: present with any value when ticked. */
export const Checkbox = (description: string) => Type.Optional(Type.String({ maxLength: 10, description }));

/** Every form posts its CSRF token in `_csrf`. */
export const CsrfField = { _csrf: Type.Optional(Type.String({ maxLength: 200, description: 'Jeton CSRF du formulaire.' })) };
