import type { FastifyInstance } from 'fastify';
import { addClient } from './service/clients.js';
import { TOKEN_PATH } from './routes/token.js';

/** Registers a rostering partner as the command line does. */
export async function buildRosterClient(app: FastifyInstance, input: { name?: string; schoolUais: string[]; demographics?: boolean }) {
  const added = await addClient({ db: app.db, clock: app.clock }, null, { name: input.name ?? 'Partenaire OneRoster', ...input });
  return { clientId: added.clientId, clientSecret: added.clientSecret };
}

/** A bearer token for the partner, asked the way a partner asks (client credentials, Basic). */
export async function rosterToken(app: FastifyInstance, client: { clientId: string; clientSecret: string }, scope?: string): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
  const res = await app.inject({
    method: 'POST',
    url: TOKEN_PATH,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`token refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}
