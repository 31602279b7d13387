import type { FastifyInstance } from 'fastify';
import { generateSync } from 'otplib';
import { openSecret } from './crypto.js';
import { findTotp } from './repository.js';

/** The code an authenticator app would show now for the person's stored secret (test support). */
export async function currentCode(app: FastifyInstance, personId: string, offsetSeconds = 0): Promise<string> {
  const row = await findTotp(app.db, personId);
  if (!row) throw new Error(`no TOTP secret for ${personId}`);
  const secret = await openSecret(app.db, row.secret);
  return generateSync({ secret, epoch: Math.floor(app.clock.now().getTime() / 1000) + offsetSeconds });
}

/** The secret as the enrolment page shows it (data-secret), to compute codes like a phone would. */
export function secretOnPage(html: string): string {
  const found = /data-secret="([A-Z2-7]+)"/.exec(html)?.[1];
  if (!found) throw new Error('no secret on the enrolment page');
  return found;
}

export function codeFor(secret: string, at: Date, offsetSeconds = 0): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) + offsetSeconds });
}

/** The recovery codes of the page shown after enrolment. */
export function recoveryCodesOnPage(html: string): string[] {
  return [...html.matchAll(/<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
}
