import { parseArgs } from 'node:util';
import type { CasDeps } from './service/deps.js';
import { registerService } from './service/services.js';

export const CAS_USAGE = 'usage : preau cas service add --url-pattern MOTIF [--name NOM] [--attributes displayName,profile,…] [--trusted] [--proxy]';

/**
 * `preau cas service add`: registers a partner service from the server's shell and prints it as
 * JSON (or the field errors as JSON, exit code 1). Audited like the web form, with `via: cli`.
 */
export async function casCli(deps: CasDeps, args: string[]): Promise<{ code: number; out: string }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'url-pattern': { type: 'string' },
      name: { type: 'string' },
      attributes: { type: 'string' },
      trusted: { type: 'boolean' },
      proxy: { type: 'boolean' },
    },
  });
  const pattern = values['url-pattern'];
  if (positionals[0] !== 'service' || positionals[1] !== 'add' || !pattern) return { code: 2, out: CAS_USAGE };
  const attributes = values.attributes
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const result = await registerService(deps, null, {
    name: values.name ?? pattern,
    urlPattern: pattern,
    attributes,
    trusted: values.trusted,
    proxy: values.proxy,
  });
  return result.ok ? { code: 0, out: JSON.stringify(result.service, null, 2) } : { code: 1, out: JSON.stringify({ error: result.errors }, null, 2) };
}
