import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { h } from 'preact';
import { t } from '../i18n/fr.js';
import { deviceCount, type OfflineDeps } from '../service.js';
import { PushSettingsPage } from '../views/push.js';

/** The device's notification setting, beside the notifications list. */
export const offlinePages: FastifyPluginAsyncTypebox<OfflineDeps> = async (app, deps) => {
  app.get('/notifications/push', { config: { personal: true } }, async (request, reply) =>
    reply.page(
      { title: t('offline.push.title'), service: 'notifications' },
      h(PushSettingsPage, { devices: await deviceCount(deps, request.actor), csrf: request.csrfToken }),
    ),
  );
};
