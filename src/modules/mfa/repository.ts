import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import type { MfaChallengesTable, MfaTotpTable } from './tables.js';
import './tables.js';

export async function findTotp(db: Db, personId: string): Promise<MfaTotpTable | undefined> {
  return db.selectFrom('mfaTotp').selectAll().where('personId', '=', personId).executeTakeFirst();
}

/** Starts (or restarts) an enrolment: the secret waits for its first code, unconfirmed. */
export async function putPendingTotp(db: Db, personId: string, secret: string, now: string): Promise<void> {
  await db
    .insertInto('mfaTotp')
    .values({ personId, secret, confirmedAt: null, lastTimeStep: 0, createdAt: now })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ secret, confirmedAt: null, lastTimeStep: 0, createdAt: now }))
    .execute();
}

/**
 * Records an accepted code's time step, only if it is later than the last one: of two requests
 * carrying the same code, one at most gets through. `confirm` also ends the enrolment.
 */
export async function acceptTimeStep(db: Db, personId: string, timeStep: number, confirmAt: string | null): Promise<boolean> {
  const result = await db
    .updateTable('mfaTotp')
    .set({ lastTimeStep: timeStep, ...(confirmAt ? { confirmedAt: confirmAt } : {}) })
    .where('personId', '=', personId)
    .where('lastTimeStep', '<', timeStep)
    .where('confirmedAt', confirmAt ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, personId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('mfaRecoveryCodes').where('personId', '=', personId).execute();
  if (hashes.length > 0) {
    await db
      .insertInto('mfaRecoveryCodes')
      .values(hashes.map((codeHash) => ({ id: newId(), personId, codeHash, usedAt: null })))
      .execute();
  }
}

export async function unusedRecoveryCodes(db: Db, personId: string): Promise<{ id: string; codeHash: string }[]> {
  return db.selectFrom('mfaRecoveryCodes').select(['id', 'codeHash']).where('personId', '=', personId).where('usedAt', 'is', null).execute();
}

/** Spends a recovery code once: answers false when another request spent it first. */
export async function spendRecoveryCode(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('mfaRecoveryCodes').set({ usedAt: now }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes every factor of a person (the administrator's reset). Answers whether one was confirmed. */
export async function removeFactors(db: Db, personId: string): Promise<boolean> {
  const existing = await findTotp(db, personId);
  await db.deleteFrom('mfaRecoveryCodes').where('personId', '=', personId).execute();
  await db.deleteFrom('mfaTotp').where('personId', '=', personId).execute();
  await db.deleteFrom('mfaChallenges').where('personId', '=', personId).execute();
  await db.deleteFrom('mfaRequiredSince').where('personId', '=', personId).execute();
  return !!existing?.confirmedAt;
}

export async function insertChallenge(db: Db, row: MfaChallengesTable): Promise<void> {
  await db.insertInto('mfaChallenges').values(row).execute();
}

export async function findChallenge(db: Db, id: string): Promise<MfaChallengesTable | undefined> {
  return db.selectFrom('mfaChallenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ends a half-session once: answers false when another request ended it first. */
export async function takeChallenge(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('mfaChallenges').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function purgeChallenges(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('mfaChallenges').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** When the person's grace period began, recording now if it had not. */
export async function requiredSince(db: Db, personId: string, now: string): Promise<string> {
  await db
    .insertInto('mfaRequiredSince')
    .values({ personId, since: now })
    .onConflict((oc) => oc.column('personId').doNothing())
    .execute();
  const row = await db.selectFrom('mfaRequiredSince').select('since').where('personId', '=', personId).executeTakeFirstOrThrow();
  return row.since;
}

/** The facts a reset needs about a person, null when nobody has this id. */
export async function factorOwner(db: Db, personId: string) {
  const person = await db
    .selectFrom('people')
    .select(['id', 'firstName', 'lastName', 'usageName', 'login', 'isSuperAdmin'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return null;
  const memberships = await db.selectFrom('structureMembers').select('structureId').where('personId', '=', personId).where('active', '=', 1).execute();
  const totp = await findTotp(db, personId);
  return { person, structureIds: memberships.map((m) => m.structureId), enrolledAt: totp?.confirmedAt ?? null };
}

/** Looks a person up by login (the reset page's search). */
export async function personIdByLogin(db: Db, login: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('id').where('login', '=', login).executeTakeFirst();
  return row?.id ?? null;
}
