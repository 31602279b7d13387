import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Deps } from '../service/deps.js';

export function liaisonDeps(app: FastifyInstance): Deps {
  return { db: app.db, clock: app.clock };
}

/** A form's schema errors (`attachValidation`), field by field, for the form shown again. */
export function schemaFieldErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').split('/')[0] || String((v.params as { missingProperty?: string } | undefined)?.missingProperty ?? '_form');
    errors[field] = t('liaison.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('error.validation') };
}
