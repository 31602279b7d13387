import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

/** A form field as a string, whatever the body held (a repeated field arrives as an array). */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The generic message when the body broke the schema bounds; the page still re-renders. */
export function schemaErrors(request: FastifyRequest): FieldErrors {
  return request.validationError ? { _form: t('error.validation') } : {};
}

/**
 * A place to go back to after signing in: a same-site path only. `//host`, `/\host`, absolute
 * URLs and control characters are refused, since browsers read them as other sites.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}
