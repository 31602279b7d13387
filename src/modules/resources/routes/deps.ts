import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Deps } from '../service/deps.js';

export function resourcesDeps(app: FastifyInstance): Deps {
  return { db: app.db, clock: app.clock, log: app.log };
}

/** A form's schema errors (`attachValidation`), field by field. */
export function schemaFieldErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || String((v.params as { missingProperty?: string })?.missingProperty ?? '_form');
    errors[field] = t('resources.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('error.validation') };
}
