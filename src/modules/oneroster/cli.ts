import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { t } from './i18n/fr.js';
import { addClient, ClientRefused, listClients, revokeClient } from './service/clients.js';

export { ClientRefused as OnerosterCliRefused };

/**
 * `preau oneroster client add --name N --school UAI [--school UAI…] [--demographics]` prints the new
 * partner as JSON (`client_id`, `client_secret`: shown this once); `client list`; `client revoke ID`.
 */
export async function runOnerosterCommand(app: FastifyInstance, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, school: { type: 'string', multiple: true }, demographics: { type: 'boolean' } },
  });
  const deps = { db: app.db, clock: app.clock };
  const [what, verb, id] = positionals;
  if (what === 'client' && verb === 'add') {
    if (!values.name || !values.school?.length) throw new ClientRefused(t('oneroster.cli.usage'));
    const added = await addClient(deps, null, { name: values.name, schoolUais: values.school, demographics: values.demographics ?? false });
    return JSON.stringify({
      client_id: added.clientId,
      client_secret: added.clientSecret,
      name: added.name,
      schools: added.schools,
      demographics: added.demographics,
      token_endpoint: `${app.config.publicUrl}/oneroster/oauth/token`,
      base_url: `${app.config.publicUrl}/api/ims/oneroster/rostering/v1p2`,
    });
  }
  if (what === 'client' && verb === 'list') return JSON.stringify(await listClients(deps, null));
  if (what === 'client' && verb === 'revoke' && id) {
    const revoked = await revokeClient(deps, null, id);
    return JSON.stringify({ client_id: revoked.clientId, name: revoked.name, revoked: true });
  }
  throw new ClientRefused(t('oneroster.cli.usage'));
}
