import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeKey } from '../../../kernel/text.js';
import { decodeCsv } from './csv.js';
import { generateOndeSchool } from './generate.js';
import { parseParents, parsePupils, parseTeachers, type PrimaryLevel } from './parse.js';

const BIRTH_YEAR: Partial<Record<PrimaryLevel, number>> = {
  TPS: 2024,
  PS: 2023,
  MS: 2022,
  GS: 2021,
  CP: 2020,
  CE1: 2019,
  CE2: 2018,
  CM1: 2017,
  CM2: 2016,
};

test('generated school parses cleanly and matches its summary', () => {
  const school = generateOndeSchool({ seed: 42 });
  const pupils = parsePupils(school.pupils);
  const teachers = parseTeachers(school.teachers);
  const parents = parseParents(school.parents);
  for (const r of [pupils, teachers, parents]) {
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
  }
  const { summary } = school;
  assert.equal(pupils.rows.length, 250);
  assert.equal(summary.pupils, 250);
  assert.equal(teachers.rows.length, summary.teachers);
  assert.equal(parents.rows.length, summary.parentLines);
  const distinctParents = new Set(parents.rows.map((p) => normalizeKey(`${p.lastName}|${p.firstName}|${p.address}`)));
  assert.equal(distinctParents.size, summary.parents);

  // Classes: TPS to CM2 plus ULIS, ~25 pupils each.
  assert.deepEqual([...new Set(pupils.rows.map((p) => p.className))], summary.classes);
  assert.ok(summary.classes.includes('ULIS'), "summary.classes.includes('ULIS')");
  assert.deepEqual(new Set(pupils.rows.map((p) => p.level)), new Set(['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS']));
  for (const c of summary.classes) {
    const size = pupils.rows.filter((p) => p.className === c).length;
    assert.ok(c === 'ULIS' ? size <= 12 : size >= 15 && size <= 32, `${c}: ${size}`);
  }

  // Teachers: one per class, one director, some without class.
  assert.ok(summary.teachers >= summary.classes.length + 2 && summary.teachers <= 16, String(summary.teachers));
  assert.equal(teachers.rows.filter((t) => t.isDirector).length, 1);
  const taught = new Set(teachers.rows.flatMap((t) => t.classNames));
  assert.deepEqual([...taught].sort(), [...summary.classes].sort());
  assert.ok(
    teachers.rows.some((t) => t.classNames.length === 0),
    'teachers.rows.some((t) => t.classNames.length === 0)',
  );
  assert.ok(
    teachers.rows.some((t) => t.classNames.length === 2),
    'teachers.rows.some((t) => t.classNames.length === 2)',
  );

  // Birth dates consistent with levels (a few pupils a year older).
  let late = 0;
  for (const p of pupils.rows) {
    const year = Number(p.birthDate.slice(0, 4));
    const expected = BIRTH_YEAR[p.level];
    if (expected === undefined) assert.ok(year >= 2015 && year <= 2019, 'year >= 2015 && year <= 2019');
    else if (year === expected - 1) late++;
    else assert.equal(year, expected, `${p.level} ${p.birthDate}`);
  }
  assert.ok(late < 20, 'late < 20');

  // Every child block designates a pupil; every pupil has 1 or 2 parents.
  const pupilKeys = new Map(pupils.rows.map((p) => [normalizeKey(`${p.lastName}|${p.firstName}|${p.className}`), 0]));
  const links = new Set<string>();
  for (const parent of parents.rows) {
    assert.ok(parent.children.length > 0, 'parent.children.length > 0');
    for (const c of parent.children) {
      const key = normalizeKey(`${c.lastName}|${c.firstName}|${c.className}`);
      assert.ok(pupilKeys.has(key), `unknown child ${key}`);
      const link = `${normalizeKey(`${parent.lastName}|${parent.firstName}|${parent.address}`)}->${key}`;
      if (!links.has(link)) pupilKeys.set(key, pupilKeys.get(key)! + 1);
      links.add(link);
    }
  }
  const perPupil = [...pupilKeys.values()];
  assert.ok(
    perPupil.every((n) => n >= 1),
    'every pupil has a parent',
  );
  const avg = perPupil.reduce((a, b) => a + b, 0) / perPupil.length;
  assert.ok(avg > 1.6 && avg < 2.1, `parents per pupil ${avg}`);

  // Both forms for siblings: several child blocks on a line, and a parent repeated on several lines.
  assert.ok(
    parents.rows.some((p) => p.children.length >= 2),
    'parents.rows.some((p) => p.children.length >= 2)',
  );
  assert.ok(parents.rows.length > distinctParents.size, 'parents.rows.length > distinctParents.size');
  assert.ok(
    parents.rows.some((p) => p.email !== null) && parents.rows.some((p) => p.phone !== null),
    'parents.rows.some((p) => p.email !== null) && parents.rows.some((p) => p.phone !== null)',
  );
  assert.ok(
    pupils.rows.some((p) => p.photoConsent === true) && pupils.rows.some((p) => p.photoConsent === false),
    'pupils.rows.some((p) => p.photoConsent === true) && pupils.rows.some((p) => p.photoCons...',
  );
});

test('output is windows-1252 by default with accents, CRLF and quoting', () => {
  const school = generateOndeSchool({ seed: 7, pupils: 300 });
  for (const bytes of [school.pupils, school.teachers, school.parents]) {
    const { text, encoding } = decodeCsv(bytes);
    assert.equal(encoding, 'windows-1252');
    assert.ok(text.includes('é'), "text.includes('é')");
    assert.ok(text.includes('\r\n') && !/[^\r]\n/.test(text), "text.includes('\\r\\n') && !/[^\\r]\\n/.test(text)");
    assert.ok(text.includes('"') && text.includes(';'), "text.includes('\"') && text.includes(';')");
  }
  const all = [school.pupils, school.parents].map((b) => decodeCsv(b).text).join('');
  assert.match(all, /[ŒœëçÉ]/);
  assert.ok(!all.includes('\ufffd') && !all.includes('?'), "!all.includes('\\ufffd') && !all.includes('?')");
});

test('utf-8 output has a BOM and the same content', () => {
  const a = generateOndeSchool({ seed: 3, pupils: 120, encoding: 'utf-8' });
  const b = generateOndeSchool({ seed: 3, pupils: 120 });
  assert.deepEqual([...a.pupils.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const da = decodeCsv(a.parents);
  assert.equal(da.encoding, 'utf-8');
  assert.equal(da.text, decodeCsv(b.parents).text);
  assert.deepEqual(a.summary, b.summary);
});

test('generation is deterministic and seed-dependent', () => {
  const a = generateOndeSchool({ seed: 11, pupils: 200 });
  const b = generateOndeSchool({ seed: 11, pupils: 200 });
  const c = generateOndeSchool({ seed: 12, pupils: 200 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.pupils, c.pupils);
});

test('uaiSuffix keeps e-mail addresses distinct across schools', () => {
  // email -> parent identity (a parent may span several lines)
  const emails = (suffix: string): Map<string, string> => {
    const out = new Map<string, string>();
    for (const p of parseParents(generateOndeSchool({ seed: 5, pupils: 100, uaiSuffix: suffix }).parents).rows) {
      if (!p.email) continue;
      const who = `${p.lastName}|${p.firstName}|${p.address}`;
      assert.equal(out.get(p.email) ?? who, who, `${p.email} shared`);
      out.set(p.email, who);
    }
    return out;
  };
  const a = emails('0061234A');
  const b = emails('0061235B');
  assert.ok(a.size > 0, 'a.size > 0');
  assert.ok(
    [...a.keys()].every((e) => e.includes('.0061234a@') && !b.has(e)),
    "[...a.keys()].every((e) => e.includes('.0061234a@') && !b.has(e))",
  );
});

test('small and large schools', () => {
  for (const n of [1, 20, 90, 700, 1500]) {
    const school = generateOndeSchool({ seed: n, pupils: n });
    const pupils = parsePupils(school.pupils);
    const parents = parseParents(school.parents);
    assert.deepEqual([pupils.errors, parents.errors, parseTeachers(school.teachers).errors], [[], [], []]);
    assert.equal(pupils.rows.length, n);
    assert.equal(school.summary.pupils, n);
    assert.ok(school.summary.teachers >= school.summary.classes.length, 'at least one teacher per class');
  }
});
