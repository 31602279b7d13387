import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { loadActor } from '../directory/index.js';
import { subscribe } from './service.js';

/** The public files (nobody's data), and removing another family's device subscription. */
export async function offlineCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const endpoint = 'https://push.exemple.fr/send/couverture-famille-eleve';
  const deps = { db: app.db, clock: app.clock, publicUrl: app.config.publicUrl, mailFrom: app.config.mailFrom };
  const parent = await loadActor(app.db, w.ce1aParent.id, null);
  if (!parent) throw new Error('the CE1 parent is in the coverage world');
  await subscribe(deps, parent, {
    endpoint,
    keys: { p256dh: 'BBUA8HJfSXLTUKoGdlpqisX06KoBx_K6wL6pahjL-GVnNgm7vqXU9Fswm3paeP2wg0RzQO8kCe87yEKibK7DJxY', auth: 'maN-vs8ZXEMhyaI1FnRgTA' },
  });
  return [
    { kind: 'public', route: 'GET /sw.js', as: null, expect: 200, absent: ['x-preau-person:'], note: 'the same worker for everyone' },
    { kind: 'public', route: 'GET /manifest.webmanifest', as: null, expect: 200 },
    { kind: 'public', route: 'GET /icons/:file', url: '/icons/icon-192.png', as: null, expect: 200 },
    {
      kind: 'wrong-person',
      route: 'DELETE /api/offline/push/subscriptions',
      as: as.ce1bParent,
      payload: { endpoint },
      expect: 404,
      absent: ['couverture-famille'],
      note: 'another family’s device',
    },
  ];
}
