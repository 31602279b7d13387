import type { RouteCase } from '../../kernel/testing/coverage.js';
import { loginAs } from '../../kernel/testing/index.js';
import { buildPerson, type CoverageWorld } from '../directory/testing.js';
import { sealSecret } from './crypto.js';
import { putPendingTotp } from './repository.js';

const STRANGER_CSRF = 'coverage-stranger-csrf-token-mfa-0123456789';
const stranger = { cookie: `preau_csrf=${STRANGER_CSRF}`, 'x-csrf-token': STRANGER_CSRF };

/**
 * The second-step pages without a half-session lead back to the sign-in page; the reset is refused
 * to another school's local administrator and to a teacher; the policy to everyone but the instance
 * administrator. The person's own pages are `personal`.
 */
export const mfaCases = async ({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> => {
  const now = app.clock.now().toISOString();
  await putPendingTotp(app.db, w.director.id, await sealSecret(app.db, 'JBSWY3DPEHPK3PXP'), now);
  await app.db.updateTable('mfaTotp').set({ confirmedAt: now }).where('personId', '=', w.director.id).execute();
  const otherAdmin = await buildPerson(app.db, {
    profile: 'personnel',
    firstName: 'Odile',
    lastName: 'Autre',
    structureId: w.schoolB.id,
    roles: ['localAdmin'],
  });
  const otherAdminSession = await loginAs(app, otherAdmin.id);
  const reset = `/admin/mfa/${w.director.id}/reset`;
  const names = [w.director.lastName, w.director.login];
  return [
    { kind: 'public', route: 'GET /login/code', as: null, expect: 303, note: 'no half-session: back to the sign-in page' },
    { kind: 'public', route: 'POST /login/code', as: null, headers: stranger, form: { code: '123456' }, expect: 303 },
    { kind: 'public', route: 'GET /login/enrol', as: null, expect: 303 },
    { kind: 'public', route: 'POST /login/enrol', as: null, headers: stranger, form: { code: '123456' }, expect: 303 },
    { kind: 'wrong-person', route: 'GET /login/code', as: as.director, expect: 303, note: 'a session is not a half-session' },
    {
      kind: 'wrong-person',
      route: 'GET /admin/mfa',
      url: `/admin/mfa?login=${w.director.login}`,
      as: otherAdminSession,
      expect: 404,
      // The typed login comes back in its field; nothing else about the person does.
      absent: [w.director.lastName],
      note: 'another school’s local administrator',
    },
    {
      kind: 'wrong-person',
      route: 'GET /admin/mfa',
      url: `/admin/mfa?login=${w.director.login}`,
      as: as.ce1Teacher,
      expect: 403,
      absent: [w.director.lastName],
      note: 'a teacher',
    },
    {
      kind: 'wrong-person',
      route: `POST /admin/mfa/:personId/reset`,
      url: reset,
      as: otherAdminSession,
      form: {},
      expect: 404,
      absent: names,
      note: 'another school’s local administrator',
    },
    { kind: 'wrong-person', route: `POST /admin/mfa/:personId/reset`, url: reset, as: as.ce1Teacher, form: {}, expect: 404, absent: names, note: 'a teacher' },
    {
      kind: 'wrong-person',
      route: `POST /admin/mfa/:personId/reset`,
      url: `/admin/mfa/${w.instanceAdmin.id}/reset`,
      as: as.admin,
      form: {},
      expect: 404,
      note: 'a local administrator, the instance administrator’s factor',
    },
    { kind: 'wrong-person', route: 'GET /admin/mfa/policy', as: as.admin, expect: 403, note: 'a local administrator' },
    { kind: 'wrong-person', route: 'POST /admin/mfa/policy', as: as.director, form: { roles: ['teacher'], graceDays: '0' }, expect: 403, note: 'a director' },
    { kind: 'wrong-person', route: 'GET /mfa', as: as.ce1a, expect: 403, note: 'a pupil has no factor' },
    { kind: 'wrong-person', route: 'POST /mfa/enrol', as: as.ce1aParent, form: { code: '123456' }, expect: 403, note: 'a parent cannot enrol' },
  ];
};
