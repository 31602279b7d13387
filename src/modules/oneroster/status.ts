import { AppError } from '../../kernel/http/errors.js';

/** The OneRoster 1.2 minor codes Préau answers with. */
export type CodeMinor =
  | 'unauthorisedrequest'
  | 'forbidden'
  | 'unknownobject'
  | 'invaliddata'
  | 'invalid_filter_field'
  | 'invalid_selection_field'
  | 'invalid_sort_field'
  | 'server_busy';

/** A refusal of the rostering API: an HTTP status, a OneRoster minor code and a French description. */
export class RosterError extends AppError {
  constructor(
    statusCode: number,
    readonly codeMinor: CodeMinor,
    message: string,
    details: unknown = null,
  ) {
    super(statusCode, `oneroster.${codeMinor}`, message, details);
  }
}

/**
 * The error payload: OneRoster's status information (`imsx_codeMajor`, `imsx_severity`,
 * `imsx_description`, `imsx_CodeMinor`) and, beside it, Préau's error envelope, so that a OneRoster
 * consumer and a client of Préau's API both read it. Extra members are ignored by each.
 */
export function statusPayload(codeMinor: CodeMinor, message: string, details: unknown = null) {
  return {
    imsx_codeMajor: 'failure' as const,
    imsx_severity: 'error' as const,
    imsx_description: message,
    imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
    error: { code: `oneroster.${codeMinor}`, message, details },
  };
}

/** The minor code for an HTTP status the framework or the kernel chose. */
export function codeMinorOf(status: number): CodeMinor {
  if (status === 401) return 'unauthorisedrequest';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'unknownobject';
  if (status === 429 || status >= 500) return 'server_busy';
  return 'invaliddata';
}
