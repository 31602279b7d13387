import type { Insertable } from 'kysely';
import type { Database, Db } from '../../kernel/db/index.js';

type PeopleTable = Database['people'];

/** What sign-in and activation need to know about a person. */
export type AccountRow = Pick<
  PeopleTable,
  'id' | 'profile' | 'firstName' | 'lastName' | 'usageName' | 'login' | 'passwordHash' | 'activationCode' | 'status' | 'charterAcceptedAt'
>;

const accountColumns = [
  'id',
  'profile',
  'firstName',
  'lastName',
  'usageName',
  'login',
  'passwordHash',
  'activationCode',
  'status',
  'charterAcceptedAt',
] as const;

export async function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  return db.selectFrom('people').select(accountColumns).where('login', '=', login).executeTakeFirst();
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('people').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * Sets the first password and consumes the activation code, only if the code is still the one
 * that was checked (an administrator may have issued a new one meanwhile). Answers whether it did.
 */
export async function completeActivation(
  db: Db,
  id: string,
  expectedCode: string,
  passwordHash: string,
  charterAccepted: boolean,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set({ passwordHash, activationCode: null, activatedAt: now, updatedAt: now, ...(charterAccepted ? { charterAcceptedAt: now } : {}) })
    .where('id', '=', id)
    .where('activationCode', '=', expectedCode)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markCharterAccepted(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set({ charterAcceptedAt: now, updatedAt: now })
    .where('id', '=', id)
    .where('charterAcceptedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function charterAcceptedAt(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('charterAcceptedAt').where('id', '=', id).executeTakeFirst();
  return row?.charterAcceptedAt ?? null;
}

export async function adminExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('isSuperAdmin', '=', 1).limit(1).executeTakeFirst();
  return !!row;
}

export async function loginTaken(db: Db, login: string): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('login', '=', login).executeTakeFirst();
  return !!row;
}

export async function readSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Deletes a setting only if it still holds `value`; answers whether this call deleted it. */
export async function takeSetting(db: Db, key: string, value: string): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('key', '=', key).where('value', '=', value).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}

/** A structure by id, for the switcher (whether the person may work in it is the policy's call). */
export async function findStructure(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('structures').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/**
 * Creates the instance administrator if the setup token still holds `tokenDigest` and no
 * administrator exists, consuming the token in the same transaction: of two concurrent attempts,
 * one at most succeeds. Answers whether this call created it.
 */
export async function createAdminOnce(db: Db, tokenKey: string, tokenDigest: string, person: Insertable<PeopleTable>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await takeSetting(trx, tokenKey, tokenDigest))) return false;
    if (await adminExists(trx)) return false;
    await trx.insertInto('people').values(person).execute();
    return true;
  });
}
