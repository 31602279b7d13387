import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

/** A form's schema errors (`attachValidation`), field by field. */
export function schemaFieldErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || String((v.params as { missingProperty?: string } | undefined)?.missingProperty ?? '_form');
    errors[field] = t('requests.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('error.validation') };
}

/** A refusal the person can act on (bad input, a file refused): its messages and status; anything else is rethrown. */
export function formRefusal(error: unknown): { errors: FieldErrors; status: number } {
  if (error instanceof AppError && error.statusCode >= 400 && error.statusCode < 500 && ![401, 403, 404].includes(error.statusCode)) {
    const errors = error.code.startsWith('storage.') ? { files: error.message } : (fieldErrors(error) ?? { _form: error.message });
    return { errors, status: error.statusCode };
  }
  throw error;
}

export type Reply = FastifyReply;
