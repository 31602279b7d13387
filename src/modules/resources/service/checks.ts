// The periodic check of the link bank: each link is asked for its page, and a link that stopped
// answering is flagged to its owner once (a notice), until it answers again or is edited.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { notify } from '../../notifications/index.js';
import { t } from '../i18n/fr.js';
import { linksToCheck } from '../repository.js';
import type { Deps } from './deps.js';

export const CHECK_EVERY_DAYS = 7;
const BATCH = 200;
const TIMEOUT_MS = 10_000;

/** Loopback, private, link-local and unique-local addresses: the server never probes its own network for a teacher. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

type Outcome = 'ok' | 'dead' | 'skipped';

async function probe(url: string, allowPrivate: boolean): Promise<Outcome> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate) {
    try {
      const addresses = await lookup(host, { all: true });
      if (addresses.some((a) => isPrivateAddress(a.address))) return 'skipped';
    } catch {
      return 'dead';
    }
  }
  for (const method of ['HEAD', 'GET']) {
    try {
      // Redirects are not followed: one that answers is alive, and a redirect never leads the server inside its network.
      const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { 'user-agent': 'Preau-link-check' } });
      await res.body?.cancel();
      if (res.status === 405 || res.status === 501) continue;
      return res.status < 400 ? 'ok' : 'dead';
    } catch {
      return 'dead';
    }
  }
  return 'dead';
}

/** Checks the links not checked for a week; returns how many were found dead. */
export async function checkLinks(deps: Deps, options: { allowPrivate?: boolean } = {}): Promise<{ checked: number; dead: number }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - CHECK_EVERY_DAYS * 24 * 60 * 60_000).toISOString();
  const links = await linksToCheck(deps.db, before, BATCH);
  let dead = 0;
  for (const link of links) {
    const outcome = await probe(link.url, options.allowPrivate ?? false);
    const at = now.toISOString();
    if (outcome === 'skipped') {
      await deps.db.updateTable('resourceLinks').set({ checkedAt: at }).where('id', '=', link.id).execute();
      continue;
    }
    if (outcome === 'ok') {
      await deps.db.updateTable('resourceLinks').set({ checkStatus: 'ok', checkedAt: at, deadSince: null }).where('id', '=', link.id).execute();
      continue;
    }
    dead++;
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('resourceLinks')
        .set({ checkStatus: 'dead', checkedAt: at, deadSince: link.deadSince ?? at })
        .where('id', '=', link.id)
        .execute();
      // Told once, when the link is first found dead.
      if (!link.deadSince)
        await notify(
          trx,
          {
            recipients: [link.ownerId],
            kind: 'resources.link.dead',
            source: `resources.link.dead:${link.id}:${at}`,
            title: t('resources.check.deadTitle', link.title),
            body: link.url,
            link: '/resources/links?scope=mine',
          },
          now,
        );
    });
  }
  return { checked: links.length, dead };
}
