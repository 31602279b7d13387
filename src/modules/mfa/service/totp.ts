import QRCode from 'qrcode';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { audit } from '../../../kernel/audit.js';
import { hashPassword, verifyPassword } from '../../../kernel/auth/password.js';
import { openSecret, normalizeCode, recoveryCodes, sealSecret } from '../crypto.js';
import * as repo from '../repository.js';
import type { Deps } from './deps.js';

// One 30-second step either side: a phone a little off the hour still works, and no more.
const TOLERANCE_SECONDS = 30;
// An enrolment page left open longer than this shows a new secret.
const PENDING_MINUTES = 30;

export interface Enrolment {
  secret: string;
  /** The otpauth:// address, also drawn as the QR code. */
  uri: string;
  qrSvg: string;
}

/**
 * The secret to show on the enrolment page: the pending one if the page was opened a moment ago
 * (a reload keeps the code already scanned), else a new one. Null when a factor is already active.
 */
export async function pendingEnrolment({ db, clock }: Deps, person: { id: string; login: string }): Promise<Enrolment | null> {
  const existing = await repo.findTotp(db, person.id);
  if (existing?.confirmedAt) return null;
  const now = clock.now();
  let secret: string;
  if (existing && now.getTime() - Date.parse(existing.createdAt) < PENDING_MINUTES * 60_000) {
    secret = await openSecret(db, existing.secret);
  } else {
    secret = generateSecret();
    await repo.putPendingTotp(db, person.id, await sealSecret(db, secret), now.toISOString());
  }
  const uri = generateURI({ issuer: 'Préau', label: person.login, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/** The time step a code matches for this secret, now, within the window; null when none. */
function matchingStep(secret: string, code: string, now: Date, after: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOLERANCE_SECONDS, afterTimeStep: after });
  // A TOTP result carries its time step (the HOTP variant of the union does not).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export type Confirmed = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid' | 'expired' | 'already' };

/**
 * Ends an enrolment with the first code from the app, and makes the ten recovery codes (returned
 * once in clear, stored hashed). Throttled like the second step, so the pending secret cannot be guessed.
 */
export async function confirmEnrolment(
  deps: Deps,
  personId: string,
  code: string,
  ip: string,
): Promise<Confirmed | { ok: false; reason: 'throttled'; retryAfterSeconds: number }> {
  const { db, clock, throttle } = deps;
  const attempt = { login: `person:${personId}`, ip, device: null };
  const verdict = await throttle.check(attempt, clock.now());
  if (!verdict.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
  const row = await repo.findTotp(db, personId);
  if (!row) return { ok: false, reason: 'expired' };
  if (row.confirmedAt) return { ok: false, reason: 'already' };
  const step = matchingStep(await openSecret(db, row.secret), normalizeCode(code), clock.now(), row.lastTimeStep);
  const now = clock.now().toISOString();
  if (step === null || !(await repo.acceptTimeStep(db, personId, step, now))) {
    await throttle.failed(attempt, clock.now());
    return { ok: false, reason: 'invalid' };
  }
  await throttle.succeeded(attempt);
  const codes = recoveryCodes();
  await repo.replaceRecoveryCodes(db, personId, await Promise.all(codes.map((c) => hashPassword(normalizeCode(c)))));
  await audit(db, { action: 'mfa.totp.enrol', actorId: personId, subjectId: personId, ip });
  return { ok: true, recoveryCodes: codes };
}

export type StepCheck =
  { ok: true; recoveryLeft: number | null } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The second step: a code from the app (within the window, never one already used) or an unused
 * recovery code (spent by this use). Throttled per person and address like the password.
 */
export async function checkSecondFactor(deps: Deps, personId: string, input: string, ip: string): Promise<StepCheck> {
  const { db, clock, throttle } = deps;
  const attempt = { login: `person:${personId}`, ip, device: null };
  const verdict = await throttle.check(attempt, clock.now());
  if (!verdict.ok) {
    await audit(db, { action: 'mfa.throttled', subjectId: personId, ip, details: { rule: verdict.rule } });
    return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const code = normalizeCode(input);
  const row = await repo.findTotp(db, personId);
  let recoveryLeft: number | null = null;
  let accepted = false;
  if (row?.confirmedAt && /^\d{6}$/.test(code)) {
    const step = matchingStep(await openSecret(db, row.secret), code, clock.now(), row.lastTimeStep);
    accepted = step !== null && (await repo.acceptTimeStep(db, personId, step, null));
  } else if (row?.confirmedAt && code.length === 10) {
    const unused = await repo.unusedRecoveryCodes(db, personId);
    for (const candidate of unused) {
      if (await verifyPassword(candidate.codeHash, code)) {
        accepted = await repo.spendRecoveryCode(db, candidate.id, clock.now().toISOString());
        recoveryLeft = unused.length - 1;
        break;
      }
    }
  }
  if (!accepted) {
    await throttle.failed(attempt, clock.now());
    await audit(db, { action: 'mfa.failure', subjectId: personId, ip });
    return { ok: false, reason: 'invalid' };
  }
  await throttle.succeeded(attempt);
  await audit(db, { action: 'mfa.success', actorId: personId, subjectId: personId, ip, details: { recovery: recoveryLeft !== null } });
  return { ok: true, recoveryLeft };
}

/** When the person's factor became active, or null. */
export async function enrolledAt({ db }: Deps, personId: string): Promise<string | null> {
  return (await repo.findTotp(db, personId))?.confirmedAt ?? null;
}
