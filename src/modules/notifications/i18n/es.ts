import { count, type Translation } from '../../../kernel/i18n/index.js';
import type { notificationsFr } from './fr.js';

export const notificationsEs: Translation<typeof notificationsFr> = {
  'notifications.nav': 'Notificaciones',
  'notifications.title': 'Notificaciones',
  'notifications.unread': (n: number) => (n === 0 ? 'No hay notificaciones sin leer.' : count(n, 'notificación sin leer', 'notificaciones sin leer')),
  'notifications.none': 'No tiene ninguna notificación.',
  'notifications.markAll': 'Marcar todas como leídas',
  'notifications.markedAll': 'Todas las notificaciones se han marcado como leídas.',
  'notifications.new': 'Nueva',
  'notifications.open': 'Abrir',
  'notifications.list': 'Lista de notificaciones',
};
