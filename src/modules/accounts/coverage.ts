import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';

/** A stranger's pre-login CSRF pair (double-submit cookie and header), for public POST routes. */
const STRANGER_CSRF = 'coverage-stranger-csrf-token-0123456789';
const stranger = { cookie: `preau_csrf=${STRANGER_CSRF}`, 'x-csrf-token': STRANGER_CSRF };

/**
 * Public routes get what a stranger sees (no one's data); the switcher and the setup get the wrong
 * people. Sign-out and the charter's acceptance are `personal`.
 */
export const accountsCases = async ({ world: w, as }: CoverageWorld): Promise<RouteCase[]> => {
  const names = [w.ce1Teacher.lastName, w.ce1a.login, w.instanceAdmin.login];
  return [
    { kind: 'public', route: 'GET /login', as: null, expect: 200, absent: names, note: 'the sign-in form, nobody’s data' },
    {
      kind: 'public',
      route: 'POST /login',
      as: null,
      headers: stranger,
      form: { login: w.ce1a.login, password: 'pas le bon mot de passe' },
      expect: 400,
      absent: [w.ce1a.lastName],
    },
    { kind: 'public', route: 'GET /activate', as: null, expect: 200, absent: names },
    {
      kind: 'public',
      route: 'POST /activate',
      as: null,
      headers: stranger,
      form: { login: w.ce1a.login, code: 'ABCDE-23456' },
      expect: 400,
      absent: [w.ce1a.lastName],
    },
    { kind: 'public', route: 'GET /activate/password', as: null, expect: 303, note: 'no activation ticket: back to the code step' },
    { kind: 'public', route: 'POST /activate/password', as: null, headers: stranger, form: { password: 'x', confirm: 'x' }, expect: 303 },
    { kind: 'public', route: 'GET /charter', as: null, expect: 200, absent: names, note: 'the charter, to read' },
    { kind: 'public', route: 'GET /setup', as: null, expect: 404, note: 'an instance administrator exists: setup is gone' },
    {
      kind: 'public',
      route: 'POST /setup',
      as: null,
      headers: stranger,
      form: { token: 'x', firstName: 'Eve', lastName: 'Intrus', login: 'eve.intrus' },
      expect: 404,
    },
    { kind: 'wrong-person', route: 'GET /setup', as: as.director, expect: 404, note: 'a signed-in director, once set up' },
    {
      kind: 'wrong-person',
      route: 'POST /setup',
      as: as.instanceAdmin,
      form: { token: 'x', login: 'second.admin' },
      expect: 404,
      note: 'even the instance administrator',
    },
    { kind: 'public', route: 'GET /api/accounts/me', as: null, expect: 200, absent: names, note: 'actor: null and a CSRF token' },
    {
      kind: 'public',
      route: 'POST /api/accounts/login',
      as: null,
      headers: stranger,
      payload: { login: w.ce1a.login, password: 'pas le bon' },
      expect: 401,
      absent: [w.ce1a.lastName],
    },
    {
      kind: 'public',
      route: 'POST /api/accounts/activate',
      as: null,
      headers: stranger,
      payload: { login: w.ce1a.login, code: 'ABCDE-23456', password: 'x', acceptCharter: true },
      expect: 401,
    },
    { kind: 'public', route: 'GET /api/openapi.json', as: null, expect: 200, absent: names, note: 'the API description, nobody’s data' },
    { kind: 'public', route: 'GET /healthz', as: null, expect: 200, absent: names, note: 'the load balancer’s health check, nobody’s data' },
    {
      kind: 'wrong-person',
      route: 'POST /account/structure',
      as: as.ce1Teacher,
      form: { structureId: w.schoolB.id },
      expect: 404,
      absent: [w.schoolB.name],
      note: 'another school',
    },
    {
      kind: 'wrong-person',
      route: 'POST /account/structure',
      as: as.otherParent,
      form: { structureId: w.schoolA.id },
      expect: 404,
      absent: [w.schoolA.name],
      note: 'school B’s parent into school A',
    },
    {
      kind: 'wrong-person',
      route: 'POST /account/structure',
      as: as.agent,
      form: { structureId: w.schoolA.id },
      expect: 404,
      note: 'the municipality’s agent into a school',
    },
  ];
};
