import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../kernel/db/index.js';
import { clientMetadata, findClient } from './repository/clients.js';

/**
 * The provider's storage on our database (SQLite and PostgreSQL alike): one row per object,
 * keyed by model name and id, with the columns the provider looks things up by.
 * Clients are not stored here: they come from the administrator's register (`oidc_clients`).
 */
export function kyselyAdapter(db: Db, secret: string) {
  return class KyselyAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        kind: this.kind,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        clientId: payload.clientId ?? null,
        accountId: payload.accountId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
        consumedAt: null,
      };
      await db
        .insertInto('oidcModels')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['kind', 'id']).doUpdateSet({
            payload: row.payload,
            grantId: row.grantId,
            clientId: row.clientId,
            accountId: row.accountId,
            userCode: row.userCode,
            uid: row.uid,
            expiresAt: row.expiresAt,
          }),
        )
        .execute();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.kind === 'Client') {
        const client = await findClient(db, id);
        return client ? clientMetadata(client, secret) : undefined;
      }
      return this.findBy('id', id);
    }

    findByUid(uid: string) {
      return this.findBy('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.findBy('userCode', userCode);
    }

    private async findBy(column: 'id' | 'uid' | 'userCode', value: string): Promise<AdapterPayload | undefined> {
      const row = await db
        .selectFrom('oidcModels')
        .select(['payload', 'consumedAt', 'expiresAt'])
        .where('kind', '=', this.kind)
        .where(column, '=', value)
        .executeTakeFirst();
      if (!row || (row.expiresAt && row.expiresAt <= new Date().toISOString())) return undefined;
      const payload = JSON.parse(row.payload) as AdapterPayload;
      return row.consumedAt ? { ...payload, consumed: Math.floor(Date.parse(row.consumedAt) / 1000) } : payload;
    }

    async consume(id: string): Promise<void> {
      await db.updateTable('oidcModels').set({ consumedAt: new Date().toISOString() }).where('kind', '=', this.kind).where('id', '=', id).execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidcModels').where('kind', '=', this.kind).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidcModels').where('grantId', '=', grantId).execute();
    }
  };
}

/** The sweep job: expired objects go (the provider ignores them already). */
export async function sweepExpiredModels(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('oidcModels').where('expiresAt', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The person's latest live grant to a partner, whichever browser it was given in. */
export async function findGrantId(db: Db, clientId: string, accountId: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('oidcModels')
    .select('id')
    .where('kind', '=', 'Grant')
    .where('clientId', '=', clientId)
    .where('accountId', '=', accountId)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now.toISOString())]))
    .orderBy('expiresAt', 'desc')
    .executeTakeFirst();
  return row?.id;
}
