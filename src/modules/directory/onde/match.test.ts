import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classLevel, clusterParents, matchByPasses } from './match.js';
import { parseParents } from './parse.js';

describe('the parent merging rule', () => {
  const line = (civility: string, last: string, first: string, address: string, email: string, phone: string, child: string) =>
    `"${civility}";"${last}";"${first}";"${address}";"${email}";"${phone}";"${child}";"Tom";"CP"`;
  const file = (...lines: string[]) =>
    new TextEncoder().encode(
      [
        '"Civilité";"Nom responsable";"Prénom responsable";"Adresse";"Courriel";"Téléphone";"Nom de famille enfant";"Prénom enfant";"Classes enfants"',
        ...lines,
      ].join('\r\n'),
    );

  test('same name: one person when address or child family name is shared, else two', () => {
    const rows = parseParents(
      file(
        line('Mme', 'MARTIN', 'Nathalie', '1 rue A', 'n@example.org', '', 'MARTIN'),
        line('Mme', 'MARTIN', 'Nathalie', '1 rue A', '', '', 'DUBOIS'),
        line('Mme', 'MARTIN', 'Nathalie', '9 rue B', '', '', 'MARTIN'),
        line('Mme', 'MARTIN', 'Nathalie', '5 rue C', '', '', 'LEROY'),
        line('M.', 'MARTIN', 'Nathalie', '1 rue A', '', '', 'MARTIN'),
      ),
    ).rows;
    const clusters = clusterParents(rows);
    assert.deepEqual(
      clusters.map((c) => c.lines.map((l) => l.line)),
      [[2, 3, 4], [5], [6]],
    );
    assert.equal(new Set(clusters.map((c) => c.key)).size, 3);
  });

  test('different e-mail addresses or phone numbers keep homonyms apart', () => {
    const rows = parseParents(
      file(
        line('M.', 'MARTIN', 'François', '1 rue A', 'f@example.org', '', 'MARTIN'),
        line('M.', 'MARTIN', 'François', '9 rue B', 'f2@example.org', '', 'MARTIN'),
        line('M.', 'MARTIN', 'François', '9 rue B', '', '06 39 98 00 01', 'MARTIN'),
        line('M.', 'MARTIN', 'François', '1 rue A', 'f@example.org', '', 'MARTIN'),
        line('M.', 'DUPONT', 'Jean', '3 rue C', '', '06 39 98 00 01', 'DUPONT'),
        line('M.', 'DUPONT', 'Jean', '4 rue D', '', '06.39.98.00.02', 'DUPONT'),
        line('M.', 'DUPONT', 'Jean', '5 rue E', '', '0639980001', 'DUPONT'),
      ),
    ).rows;
    const clusters = clusterParents(rows);
    assert.deepEqual(
      clusters.map((c) => c.lines.map((l) => l.line)),
      [[2, 5], [3, 4], [6, 8], [7]],
    );
    assert.equal(new Set(clusters.map((c) => c.key)).size, 4);
  });
});

test('a class takes its most common level, the lower one on a tie', () => {
  assert.equal(classLevel(['CE2', 'CM1', 'CM1']), 'CM1');
  assert.equal(classLevel(['CM1', 'CE2']), 'CE2');
  assert.equal(classLevel([]), null);
});

test('rows and people are paired only by keys unique on both sides', () => {
  // Row 0 and 1 share "a" with person 0: nobody is paired by it; "b" then pairs row 1.
  const rows = [
    [['a'], ['x']],
    [['a'], ['b']],
    [['c'], []],
  ];
  const people = [
    [['a'], ['b']],
    [['z'], ['x']],
  ];
  assert.deepEqual(matchByPasses(rows, people, 2), [1, 0, -1]);
});
