import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isUuid } from '../../../kernel/http/schemas.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { MessagingDeps } from '../service.js';

/** What the messaging routes share: the use cases' deps (database, clock, notice trigger). */
export type MessagingContext = MessagingDeps & Record<string, unknown>;

/** A form's schema errors, one message per field, for the page that re-renders the form. */
export function schemaErrors(validation: { validation?: { instancePath: string; params?: Record<string, unknown> }[] } | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const v of validation?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || String(v.params?.missingProperty ?? '_form');
    out[field] ??= t('messaging.error.field');
  }
  return Object.keys(out).length > 0 ? out : { _form: t('error.validation') };
}

/**
 * Checks fields read from a multipart stream against the form's schema, as Fastify checks an
 * urlencoded body; undefined when they pass, else errors in Fastify's shape for `schemaErrors`.
 */
export function multipartProblems(schema: TSchema, value: unknown): { validation: { instancePath: string }[] } | undefined {
  // TypeBox checks formats only when told what they mean; ids are UUIDs as everywhere in Préau.
  if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', isUuid);
  if (Value.Check(schema, value)) return undefined;
  return { validation: [...Value.Errors(schema, value)].map((e) => ({ instancePath: e.path })) };
}
