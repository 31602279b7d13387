import fp from 'fastify-plugin';
import type { Migrations } from '../../kernel/db/index.js';

export const messagingMigrations: Migrations = {};

export const messagingModule = fp(async () => {}, { name: 'messaging' });
