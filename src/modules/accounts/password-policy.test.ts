import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { passwordProblem } from './password-policy.js';

const owner = { login: 'jeanne.martin', firstName: 'Jeanne', lastName: 'Martin', usageName: 'Dupré' };

describe('passwordProblem', () => {
  test('accepts long passphrases and long random passwords', () => {
    for (const ok of ['quatre chats gris dansent', 'la cour de récré est vide', 'Tr0ub4dor&3-horse', 'k9#Lq2!vX7pZ', 'cheval bleu dans le pré']) {
      assert.equal(passwordProblem(ok, owner), null, ok);
    }
  });

  test('needs 12 characters, counted as characters, not bytes', () => {
    assert.equal(passwordProblem('azer'), 'too_short');
    assert.equal(passwordProblem('éèàùçôîïëüâ'), 'too_short');
    assert.equal(passwordProblem('x'.repeat(257)), 'too_long');
  });

  test('refuses fewer than 5 distinct characters', () => {
    assert.equal(passwordProblem('aaaaaaaaaaaa'), 'too_simple');
    assert.equal(passwordProblem('abcdabcdabcd'), 'too_simple');
  });

  test('refuses common passwords, French ones included, dressed up or not', () => {
    for (const common of [
      'motdepasse123',
      'Mot de passe 2024 !',
      'azertyuiop12',
      'AZERTYUIOP!!',
      'soleil2024!!',
      'Doudou123456',
      'P@ssw0rd2024',
      'jetaime12345',
      'marseille13!',
      '123456789012',
      '0987654321098',
      'azertyazerty',
      'qwertyuiop123',
      'Chouchou1234',
    ]) {
      assert.equal(passwordProblem(common, owner), 'too_common', common);
    }
  });

  test('refuses the login and the names, accents and case aside', () => {
    for (const personal of ['jeanne.martin2024', 'Jeanne aime le chocolat', 'martin martin 12', 'DUPRE est mon nom', 'jeannemartin!!']) {
      assert.equal(passwordProblem(personal, owner), 'contains_identity', personal);
    }
  });

  test('short names only count as whole words', () => {
    const leo = { login: 'leo.bon', firstName: 'Léo', lastName: 'Bon' };
    assert.equal(passwordProblem('mon frère léo a un vélo', leo), 'contains_identity');
    assert.equal(passwordProblem('le cléopâtre du quartier', leo), null);
  });
});
