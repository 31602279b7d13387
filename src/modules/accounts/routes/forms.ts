import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, DEVICE_DAYS } from '../../../kernel/auth/devices.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { AccountsDeps } from '../service.js';

/** The services' deps from the app: its database and its clock. */
export const accountsDeps = (app: FastifyInstance): AccountsDeps => ({ db: app.db, clock: app.clock });

/** A form field as a string, whatever the body held (a repeated field arrives as an array). */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * The schema's complaints as field errors (a field too long, sent twice…), so the page re-renders
 * with a message beside each field; the generic message when none names a field.
 */
export function schemaErrors(request: FastifyRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of request.validationError?.validation ?? []) {
    const name = problem.instancePath.replace(/^\//, '').split('/')[0];
    if (name && !(name in errors)) errors[name] = t('accounts.form.invalid');
  }
  if (request.validationError && Object.keys(errors).length === 0) errors._form = t('error.validation');
  return errors;
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

/** The browser's device cookie, when its signature holds (see kernel/auth/devices). */
export function deviceCookie(request: FastifyRequest): string | null {
  const raw = request.cookies[DEVICE_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

/** Keeps the device cookie after a sign-in: signed, HttpOnly, for DEVICE_DAYS. */
export function setDeviceCookie(app: FastifyInstance, reply: FastifyReply, value: string): void {
  reply.setCookie(DEVICE_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.publicUrl.startsWith('https://'),
    signed: true,
    maxAge: DEVICE_DAYS * 24 * 60 * 60,
  });
}
