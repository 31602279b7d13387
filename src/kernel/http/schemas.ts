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
 * A bounded, finite whole number. Ajv's coercion turns the query text `Infinity` or `1e999` into an
 * infinite number and then skips `minimum`/`maximum`; the second `integer` check (`allOf`) runs on
 * the coerced number and refuses it, so `Infinity`, `1e999`, `-1` and `2.5` are a 400.
 */
export const WholeNumber = (minimum: number, maximum: number, description: string, fallback?: number) =>
  Type.Integer({ minimum, maximum, description, ...(fallback === undefined ? {} : { default: fallback }), allOf: [{ type: 'integer' }] });

/** A page size, 1 to `max`. */
export const Limit = (max: number, fallback: number) => Type.Optional(WholeNumber(1, max, `Nombre d’éléments (1 à ${max}).`, fallback));

/** Where a page starts. */
export const Offset = Type.Optional(WholeNumber(0, 1_000_000, 'Rang du premier élément.', 0));

/** A page number, from 1. */
export const PageNumber = Type.Optional(WholeNumber(1, 10_000, 'Numéro de page.', 1));

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
