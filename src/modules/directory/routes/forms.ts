import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

/**
 * The messages of a form that broke its schema, field by field (a missing or malformed value is
 * shown next to its field), for the page that re-renders the form with what was typed.
 */
export function schemaErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const field = v.instancePath.split('/')[1] || missing || '_form';
    errors[field] ??= t('directory.error.field');
  }
  if (request.validationError && Object.keys(errors).length === 0) errors._form = t('error.validation');
  return errors;
}

/** A form's fields as strings, to show back what the person typed. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string' && key !== '_csrf') values[key] = value;
  return values;
}
