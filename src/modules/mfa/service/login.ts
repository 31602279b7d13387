import { randomToken, sha256 } from '../../../kernel/auth/tokens.js';
import type { PasswordChecked } from '../../../kernel/auth/plugin.js';
import { loadActor } from '../../directory/index.js';
import { STAFF_PROFILES } from '../policy.js';
import * as repo from '../repository.js';
import type { MfaChallengesTable } from '../tables.js';
import type { Deps } from './deps.js';
import { readPolicy, requiredFor } from './settings.js';

/** How long the half-session between the password and the second step lasts. */
export const CHALLENGE_MINUTES = 10;

export type Decision = { kind: 'none' } | { kind: 'enrolLater'; until: string } | { kind: 'challenge'; purpose: MfaChallengesTable['purpose']; token: string };

/**
 * What follows a right password. Pupils and families never hold a factor: nothing is read for
 * them, so their sign-in costs what it did. Staff with an active factor get the code step; staff
 * the policy requires and who have none are sent to enrol, within their grace period or held.
 */
export async function afterPassword({ db, clock }: Deps, person: PasswordChecked, next: string | null): Promise<Decision> {
  if (!STAFF_PROFILES.has(person.profile)) return { kind: 'none' };
  const totp = await repo.findTotp(db, person.id);
  if (totp?.confirmedAt) return { kind: 'challenge', purpose: 'verify', token: await openChallenge({ db, clock }, person.id, 'verify', next) };
  const actor = await loadActor(db, person.id, null);
  const policy = await readPolicy(db);
  if (!actor || !requiredFor(policy, actor)) return { kind: 'none' };
  const now = clock.now();
  const since = await repo.requiredSince(db, person.id, now.toISOString());
  const until = new Date(Date.parse(since) + policy.graceDays * 24 * 60 * 60_000);
  if (until > now) return { kind: 'enrolLater', until: until.toISOString() };
  return { kind: 'challenge', purpose: 'enrol', token: await openChallenge({ db, clock }, person.id, 'enrol', next) };
}

async function openChallenge(
  { db, clock }: Pick<Deps, 'db' | 'clock'>,
  personId: string,
  purpose: MfaChallengesTable['purpose'],
  next: string | null,
): Promise<string> {
  const token = randomToken();
  const now = clock.now();
  await repo.insertChallenge(db, {
    id: sha256(token),
    personId,
    purpose,
    next,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
  });
  return token;
}

/** The half-session a cookie names, if it is still valid and for this purpose. */
export async function challengeOf({ db, clock }: Deps, token: string | undefined, purpose: MfaChallengesTable['purpose']): Promise<MfaChallengesTable | null> {
  if (!token) return null;
  const row = await repo.findChallenge(db, sha256(token));
  if (!row || row.purpose !== purpose || Date.parse(row.expiresAt) <= clock.now().getTime()) return null;
  return row;
}

/** Ends a half-session (the step is done): false when another request ended it first. */
export function closeChallenge({ db }: Deps, challenge: MfaChallengesTable): Promise<boolean> {
  return repo.takeChallenge(db, challenge.id);
}
