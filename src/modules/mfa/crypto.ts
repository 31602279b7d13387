import type { Db } from '../../kernel/db/index.js';
import { instanceSecret, seal, unseal } from '../../kernel/secrets.js';
import { activationCode } from '../../kernel/auth/tokens.js';

/**
 * TOTP secrets are kept encrypted (the kernel's `seal`) under a secret made once per instance, so
 * the factor rows alone (a table copied out, a log, an export) do not give anyone a person's codes.
 */
export async function sealSecret(db: Db, secret: string): Promise<string> {
  return seal(await instanceSecret(db, 'mfa_secret_key'), secret);
}

export async function openSecret(db: Db, stored: string): Promise<string> {
  return unseal(await instanceSecret(db, 'mfa_secret_key'), stored);
}

export const RECOVERY_CODES = 10;

/** Ten codes of ten characters without look-alikes (about 49 bits each), grouped for reading. */
export function recoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => activationCode());
}

/** What a person may type for a code: spaces and dashes do not matter, nor case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
