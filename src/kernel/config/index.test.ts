import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from './index.js';

test('defaults give a working local instance on SQLite', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.databaseUrl, null);
  assert.equal(config.dataDir, path.resolve('data'));
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.storage.kind, 'disk');
  assert.equal(config.quotas.student, 500 * 1024 * 1024);
});

test('values are read and typed', () => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATA_DIR: '/srv/preau',
    DATABASE_URL: 'postgres://u@db/preau',
    PUBLIC_URL: 'https://ent.exemple.fr/',
    PREAU_LOG_LEVEL: 'warn',
    TRUST_PROXY: 'yes',
  });
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, '/srv/preau');
  assert.equal(config.databaseUrl, 'postgres://u@db/preau');
  assert.equal(config.publicUrl, 'https://ent.exemple.fr');
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.trustProxy, true);
});

test('a bad value is one clear error naming the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'http' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL must be an http\(s\) URL/],
    [{ PREAU_LOG_LEVEL: 'loud' }, /PREAU_LOG_LEVEL must be one of/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be true or false/],
    [{ STORAGE: 's3' }, /STORAGE=s3 needs S3_BUCKET/],
    [{ SMTP_URL: 'mail.example' }, /SMTP_URL must look like/],
  ];
  for (const [env, message] of cases)
    assert.throws(
      () => loadConfig(env),
      (e: unknown) => e instanceof ConfigError && message.test((e as Error).message),
      JSON.stringify(env),
    );
});

test('the accessibility contact is an e-mail address or a web address, nothing else', () => {
  assert.equal(loadConfig({}).accessibilityContact, null);
  assert.deepEqual(loadConfig({ ACCESSIBILITY_CONTACT: ' accessibilite@beaulieu.fr ' }).accessibilityContact, {
    kind: 'email',
    value: 'accessibilite@beaulieu.fr',
  });
  assert.deepEqual(loadConfig({ ACCESSIBILITY_CONTACT: 'https://beaulieu.fr/contact' }).accessibilityContact, {
    kind: 'url',
    value: 'https://beaulieu.fr/contact',
  });
  for (const bad of ['javascript:alert(1)', 'la mairie', 'ftp://beaulieu.fr']) {
    assert.throws(() => loadConfig({ ACCESSIBILITY_CONTACT: bad }), ConfigError, bad);
  }
});
