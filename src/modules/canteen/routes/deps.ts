import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Deps } from '../service/deps.js';

export function canteenDeps(app: FastifyInstance): Deps {
  return { db: app.db, dbKind: app.dbKind, clock: app.clock };
}

/** A form's schema errors (`attachValidation`), field by field. */
export function schemaFieldErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const v of request.validationError?.validation ?? []) {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((v.params as { missingProperty?: string })?.missingProperty ?? '_form');
    errors[field] = t('canteen.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : { _form: t('error.validation') };
}
