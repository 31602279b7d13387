import { t } from '../i18n/fr.js';

/** An error a user can cause: it carries an HTTP status, a stable code and a message in the request's language. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export class BadRequest extends AppError {
  constructor(code: string, message: string, details: unknown = null) {
    super(400, code, message, details);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string, details: unknown = null) {
    super(409, code, message, details);
  }
}

export class Unauthorized extends AppError {
  constructor(message = t('error.unauthenticated')) {
    super(401, 'unauthenticated', message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

export function errorBody(code: string, message: string, details: unknown = null): ErrorBody {
  return { error: { code, message, details } };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Input that breaks a rule, field by field; forms show each message next to its field. */
export class InvalidInput extends AppError {
  constructor(
    readonly problems: FieldProblem[],
    code = 'validation',
  ) {
    super(400, code, problems.map((p) => p.message).join(' '), problems);
  }
}

/** Collects field problems and throws them together. */
export class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }
  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.add(field, message);
    return this;
  }
  throwIfAny(code?: string): void {
    if (this.list.length > 0) throw new InvalidInput(this.list, code);
  }
}

export function fieldErrors(error: unknown): Record<string, string> | null {
  if (error instanceof InvalidInput) return Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
  if (error instanceof AppError) return { _form: error.message };
  return null;
}
