import fp from 'fastify-plugin';
import type { Migrations } from '../../kernel/db/index.js';

export const documentsMigrations: Migrations = {};

export const documentsModule = fp(async () => {}, { name: 'documents' });
