import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { setClassDefaults } from './testing.js';

/**
 * A class's defaults, tried by another class's teacher, a pupil and a parent of the class, and
 * another school's teacher and director; the public statement and fonts.
 */
export async function readingCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  await setClassDefaults(app.db, w.ce1.id, w.ce1Teacher.id, { font: 'opendyslexic', contrast: 'high' });
  const wrongPeople = [
    [as.cm2Teacher, 'another class’s teacher'],
    [as.ce1a, 'a pupil of the class'],
    [as.ce1aParent, 'a parent of the class'],
    [as.otherTeacher, 'another school’s teacher'],
    [as.otherDirector, 'another school’s director'],
  ] as const;
  const settings = { font: 'hyperlegible', textSize: 'large', spacing: 'wide', contrast: 'default', lineFocus: false, reducedMotion: false, readAloud: false };
  const page = `/reading/classes/${w.ce1.id}`;
  const api = `/api/reading/classes/${w.ce1.id}`;
  // A pupil of the class wears its settings on their own pages: the page is checked for the form, the JSON for the values.
  const absentPage = ['Réglages de lecture de la classe', 'Enregistrer pour la classe'];
  const absentJson = ['opendyslexic', 'CE1'];
  return [
    ...wrongPeople.flatMap(([session, note]): RouteCase[] => [
      { kind: 'wrong-person', route: 'GET /reading/classes/:id', url: page, as: session, expect: 404, absent: absentPage, note },
      { kind: 'wrong-person', route: 'POST /reading/classes/:id', url: page, as: session, form: { font: 'hyperlegible' }, expect: 404, note },
      { kind: 'wrong-person', route: 'POST /reading/classes/:id/clear', url: `${page}/clear`, as: session, form: {}, expect: 404, note },
      { kind: 'wrong-person', route: 'GET /api/reading/classes/:id', url: api, as: session, expect: 404, absent: absentJson, note },
      { kind: 'wrong-person', route: 'PUT /api/reading/classes/:id', url: api, as: session, payload: settings, expect: 404, note },
      { kind: 'wrong-person', route: 'DELETE /api/reading/classes/:id', url: api, as: session, expect: 404, note },
    ]),
    { kind: 'public', route: 'GET /accessibilite', as: null, expect: 200, absent: [w.ce1a.login], note: 'the accessibility statement' },
    {
      kind: 'public',
      route: 'GET /reading/fonts/:file',
      url: '/reading/fonts/atkinson-hyperlegible-latin-400-normal.woff2',
      as: null,
      expect: 200,
      note: 'an openly licensed font file',
    },
  ];
}
