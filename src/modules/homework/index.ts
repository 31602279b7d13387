import fp from 'fastify-plugin';
import type { Migrations } from '../../kernel/db/index.js';

export const homeworkMigrations: Migrations = {};

export const homeworkModule = fp(async () => {}, { name: 'homework' });
