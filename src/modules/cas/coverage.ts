import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildCasService } from './testing.js';

/**
 * The admin routes are the instance administrator's alone: a director, a local administrator or a
 * teacher learns nothing of the registered services and registers none. The protocol routes are
 * public: a stranger gets the sign-in page, a refusal or a failure answer, never a ticket.
 */
export async function casCases({ app, as }: CoverageWorld): Promise<RouteCase[]> {
  const secret = 'Coffre-fort des notes';
  await buildCasService(app, { name: secret, urlPattern: 'https://coffre.coverage.example/' });
  const service = encodeURIComponent('https://coffre.coverage.example/ent');
  const absent = [secret, 'coffre.coverage.example'];
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const pub = (route: string, url: string, expect: number, extra: Partial<RouteCase> = {}): RouteCase => ({
    kind: 'public',
    route,
    url,
    as: null,
    expect,
    absent: ['ST-', ...(extra.absent ?? [])],
    ...extra,
  });
  const form = { name: 'Intrus', urlPattern: 'https://intrus.coverage.example/' };
  return [
    wrong('GET /admin/cas', { as: as.director, expect: 403, absent, note: 'a school’s director' }),
    wrong('GET /admin/cas', { as: as.admin, expect: 403, absent, note: 'a school’s local administrator' }),
    wrong('POST /admin/cas/services', { as: as.admin, form, expect: 403, absent, note: 'a local administrator registers nothing' }),
    wrong('GET /api/cas/services', { as: as.ce1Teacher, expect: 403, absent, note: 'a teacher' }),
    wrong('POST /api/cas/services', { as: as.director, payload: form, expect: 403, absent, note: 'a director' }),
    pub('GET /cas/login', `/cas/login?service=${service}`, 303),
    pub('GET /cas/login', `/cas/login?service=${encodeURIComponent('https://evil.coverage.example/')}`, 403, { note: 'an unregistered service' }),
    pub('GET /cas/logout', `/cas/logout?service=${encodeURIComponent('https://evil.coverage.example/')}`, 200, { note: 'no redirect elsewhere' }),
    pub('GET /cas/validate', `/cas/validate?ticket=ST-x&service=${service}`, 200, { absent: ['yes'] }),
    pub('GET /cas/serviceValidate', `/cas/serviceValidate?ticket=ST-x&service=${service}`, 200, { absent: ['authenticationSuccess'] }),
    pub('GET /cas/p3/serviceValidate', `/cas/p3/serviceValidate?ticket=ST-x&service=${service}`, 200, { absent: ['authenticationSuccess'] }),
    pub('GET /cas/proxyValidate', `/cas/proxyValidate?ticket=ST-x&service=${service}`, 200, { absent: ['authenticationSuccess'] }),
    pub('GET /cas/p3/proxyValidate', `/cas/p3/proxyValidate?ticket=ST-x&service=${service}&format=JSON`, 200, { absent: ['authenticationSuccess'] }),
  ];
}
