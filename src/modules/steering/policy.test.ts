import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type Actor, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { DashboardFacts } from './policy.js';
import './policy.js';

/** School A's circonscription and its académie; school B's circonscription and municipality. */
const CIRCO = 'dddddddd-0000-4000-8000-00000000000d';
const ACADEMIE = 'eeeeeeee-0000-4000-8000-00000000000e';
const OTHER_CIRCO = 'ffffffff-0000-4000-8000-00000000000f';
const OTHER_MUNICIPALITY = '99999999-0000-4000-8000-000000000009';

/** Inspectors as steering's tests build them: staff who are members of the circonscription or académie they work for. */
function inspector(name: string, structureId: string): Actor {
  return {
    ...policyActors().personnel,
    personId: `${name}-0000-4000-8000-000000000000`.slice(0, 36),
    displayName: name,
    login: name,
    structures: [{ id: structureId, name: structureId }],
    activeStructureId: structureId,
    roles: {},
  };
}

const actors = {
  ...policyActors(),
  inspector: inspector('inspector', CIRCO),
  otherInspector: inspector('otherInspector', OTHER_CIRCO),
  academyAdviser: inspector('academyAdviser', ACADEMIE),
};
type Name = PolicyActorName | 'inspector' | 'otherInspector' | 'academyAdviser';
const names = Object.keys(actors) as Name[];
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, facts: Actions[K], allowed: Name[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, facts), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const dashboard = (structureId: string, kind: string, overseers: string[] = []): DashboardFacts => ({ structureId, kind, overseers });

test('the steering pages: those who manage a school, municipal agents and staff who may work for an inspection', () => {
  check('steering.index.open', 'the index', {}, [
    'personnel',
    'municipal',
    'director',
    'localAdmin',
    'instanceAdmin',
    'inspector',
    'otherInspector',
    'academyAdviser',
  ]);
});

test('a school’s figures: its director and local administrator, and whoever works for a structure above it', () => {
  check(
    'steering.dashboard.read',
    'school A, in the municipality, the circonscription and the académie',
    dashboard(SCHOOL_A, 'school', [MUNICIPALITY, CIRCO, ACADEMIE]),
    ['municipal', 'director', 'localAdmin', 'instanceAdmin', 'inspector', 'academyAdviser'],
  );
  check('steering.dashboard.read', 'school A, attached to nothing', dashboard(SCHOOL_A, 'school'), ['director', 'localAdmin', 'instanceAdmin']);
  check('steering.dashboard.read', 'a collège of school A’s id', dashboard(SCHOOL_A, 'college'), ['director', 'localAdmin', 'instanceAdmin']);
  check('steering.dashboard.read', 'school B, elsewhere', dashboard(SCHOOL_B, 'school', [OTHER_MUNICIPALITY, OTHER_CIRCO]), [
    'instanceAdmin',
    'otherInspector',
  ]);
});

test('a municipality’s, a circonscription’s and an académie’s figures: those who work for it or above it', () => {
  check('steering.dashboard.read', 'the municipality', dashboard(MUNICIPALITY, 'municipality'), ['municipal', 'instanceAdmin']);
  check('steering.dashboard.read', 'another municipality', dashboard(OTHER_MUNICIPALITY, 'municipality'), ['instanceAdmin']);
  check('steering.dashboard.read', 'the circonscription', dashboard(CIRCO, 'circonscription', [ACADEMIE]), ['instanceAdmin', 'inspector', 'academyAdviser']);
  check('steering.dashboard.read', 'another circonscription', dashboard(OTHER_CIRCO, 'circonscription'), ['instanceAdmin', 'otherInspector']);
  check('steering.dashboard.read', 'the académie', dashboard(ACADEMIE, 'academie'), ['instanceAdmin', 'academyAdviser']);
});

test('every action of the steering policy is tested', () => {
  assert.deepEqual(declaredActions('steering').sort(), [...tested].sort());
});
