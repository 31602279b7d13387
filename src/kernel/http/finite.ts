import type { TSchema } from '@sinclair/typebox';

/**
 * Makes an integer schema refuse `Infinity`, `1e999` and `-Infinity` in query strings. Ajv's type
 * coercion turns the string "Infinity" into the number Infinity and then skips `minimum`/`maximum`
 * on non-finite numbers; a second `integer` check after coercion sees the number and refuses it.
 * (`Limit` and `Offset` in schemas.ts have this gap; wrap them until they carry the check.)
 */
export const finite = <T extends TSchema>(schema: T): T => ({ ...schema, allOf: [{ type: 'integer' }] });
