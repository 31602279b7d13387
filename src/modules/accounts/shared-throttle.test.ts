import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../kernel/config/index.js';
import { loginAs, testDatabase } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { Visitor } from './test-helpers.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `preau-test:${process.pid}:${Math.random().toString(36).slice(2)}:`;

let database: Awaited<ReturnType<typeof testDatabase>>;
let first: FastifyInstance;
let second: FastifyInstance;

before(async () => {
  database = await testDatabase();
  // Two instances of Préau on one database and one Redis, as behind a load balancer.
  const config = loadConfig({}, { logLevel: 'silent', dataDir: database.dataDir, redisUrl: REDIS_URL, redisPrefix: prefix });
  first = await buildApp(config, { database, logger: false });
  second = await buildApp(config, { database, logger: false });
  await Promise.all([first.ready(), second.ready()]);
});
after(async () => {
  await first.close();
  await second.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await database.close();
});

test('with REDIS_URL, sign-in failures on one instance count on the other', async () => {
  const school = await buildSchool(first.db, { name: 'École des Tilleuls' });
  const target = await buildPerson(first.db, { profile: 'teacher', structureId: school.id, password: 'quatre chats gris dansent' });
  const onFirst = new Visitor(first, '10.2.2.2');
  const onSecond = new Visitor(second, '10.2.2.2');
  await onFirst.get('/login');
  await onSecond.get('/login');
  for (let i = 0; i < 3; i++) assert.equal((await onFirst.post('/login', { login: target.login, password: `essai ${i}` })).statusCode, 400);
  for (let i = 3; i < 5; i++) assert.equal((await onSecond.post('/login', { login: target.login, password: `essai ${i}` })).statusCode, 400);
  const blocked = await onFirst.post('/login', { login: target.login, password: 'quatre chats gris dansent' });
  assert.equal(blocked.statusCode, 429, 'the fifth failure, made on the other instance, slows this one');
  const alsoBlocked = await onSecond.post('/login', { login: target.login, password: 'quatre chats gris dansent' });
  assert.equal(alsoBlocked.statusCode, 429);
});

test('with REDIS_URL, the per-minute request ceiling counts a person across instances', async () => {
  const database2 = await testDatabase();
  const config = loadConfig({}, { logLevel: 'silent', dataDir: database2.dataDir, redisUrl: REDIS_URL, redisPrefix: `${prefix}limit:`, rateLimitPerMinute: 6 });
  const a = await buildApp(config, { database: database2, logger: false });
  const b = await buildApp(config, { database: database2, logger: false });
  try {
    await Promise.all([a.ready(), b.ready()]);
    const school = await buildSchool(a.db, { name: 'École des Tilleuls' });
    const person = await buildPerson(a.db, { profile: 'teacher', structureId: school.id });
    const { cookie } = await loginAs(a, person.id, school.id);
    const ask = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie, accept: 'application/json' } });
    for (let i = 0; i < 3; i++) assert.equal((await ask(a)).statusCode, 200);
    for (let i = 0; i < 3; i++) assert.equal((await ask(b)).statusCode, 200);
    assert.equal((await ask(a)).statusCode, 429, 'the requests made through the other instance count');
    assert.equal((await ask(b)).statusCode, 429);
  } finally {
    await a.close();
    await b.close();
    await database2.close();
  }
});
