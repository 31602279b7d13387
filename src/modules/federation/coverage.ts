import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildPartner } from './testing.js';

/** Partner applications are the instance administrator's: a school's local administrator, a director or a teacher get 403 and see none. */
export async function federationCases({ app, as }: CoverageWorld): Promise<RouteCase[]> {
  const name = 'Couverture : partenaire OIDC';
  const { clientId } = await buildPartner(app, { name, redirectUris: ['https://partenaire.example/cb'] });
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const refused = [
    { as: as.admin, note: 'a school’s local administrator' },
    { as: as.director, note: 'a director' },
    { as: as.ce1Teacher, note: 'a teacher' },
  ];
  const form = { name: 'Intrus', redirectUris: 'https://intrus.example/cb' };
  return [
    ...refused.flatMap(({ as: who, note }) => [
      wrong('GET /admin/federation', { as: who, expect: 403, absent: [name, clientId], note }),
      wrong('POST /admin/federation/clients', { as: who, form, expect: 403, absent: [name, 'client_secret'], note }),
      wrong('POST /admin/federation/clients/:clientId/revoke', {
        url: `/admin/federation/clients/${clientId}/revoke`,
        as: who,
        form: {},
        expect: 403,
        absent: [name],
        note,
      }),
      wrong('POST /admin/federation/clients/:clientId/delete', {
        url: `/admin/federation/clients/${clientId}/delete`,
        as: who,
        form: {},
        expect: 403,
        absent: [name],
        note,
      }),
    ]),
    { kind: 'public', route: 'GET /.well-known/openid-configuration', as: null, expect: 200, absent: [clientId], note: 'discovery is public' },
    { kind: 'public', route: 'GET /oidc/*', url: '/oidc/jwks', as: null, expect: 200, absent: ['"d":', '"p":'], note: 'the JWKS has public keys only' },
    {
      kind: 'public',
      route: 'POST /oidc/*',
      url: '/oidc/token',
      as: null,
      form: { grant_type: 'authorization_code', code: 'x' },
      expect: [400, 401],
      absent: ['access_token'],
      note: 'no client, no token',
    },
  ];
}
