import type { Selectable } from 'kysely';
import type { ClientMetadata } from 'oidc-provider';
import type { Db } from '../../../kernel/db/index.js';
import { open } from '../crypto.js';
import type { OidcClientsTable } from '../tables.js';

export type ClientRow = Selectable<OidcClientsTable>;

export function findClient(db: Db, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom('oidcClients').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listClients(db: Db): Promise<ClientRow[]> {
  return db.selectFrom('oidcClients').selectAll().orderBy('name').orderBy('id').execute();
}

export async function insertClient(db: Db, row: ClientRow): Promise<void> {
  await db.insertInto('oidcClients').values(row).execute();
}

/** Every session grant, code and token the partner holds: gone at once. */
export async function revokeClientTokens(db: Db, clientId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const grants = trx.selectFrom('oidcModels').select('id').where('kind', '=', 'Grant').where('clientId', '=', clientId);
    const byGrant = await trx.deleteFrom('oidcModels').where('grantId', 'in', grants).executeTakeFirst();
    const own = await trx.deleteFrom('oidcModels').where('clientId', '=', clientId).executeTakeFirst();
    return Number(byGrant.numDeletedRows) + Number(own.numDeletedRows);
  });
}

export async function deleteClient(db: Db, clientId: string): Promise<void> {
  await db.deleteFrom('oidcClients').where('id', '=', clientId).execute();
}

/** What the provider knows of a partner: code flow only, refresh tokens when allowed, pairwise unless trusted. */
export function clientMetadata(row: ClientRow, secret: string): ClientMetadata {
  return {
    client_id: row.id,
    client_secret: open(secret, row.secret),
    client_name: row.name,
    redirect_uris: JSON.parse(row.redirectUris) as string[],
    post_logout_redirect_uris: JSON.parse(row.postLogoutRedirectUris) as string[],
    response_types: ['code'],
    grant_types: row.refreshAllowed ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
    subject_type: row.trusted ? 'public' : 'pairwise',
  };
}
