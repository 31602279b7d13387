import fp from 'fastify-plugin';
import type { Migrations } from '../../kernel/db/index.js';

export const notificationsMigrations: Migrations = {};

export const notificationsModule = fp(async () => {}, { name: 'notifications' });
