import fp from 'fastify-plugin';
import type { Migrations } from '../../kernel/db/index.js';

export const accountsMigrations: Migrations = {};

export const accountsModule = fp(async () => {}, { name: 'accounts' });
