import { count, type Translation } from '../../../kernel/i18n/index.js';
import type { notificationsFr } from './fr.js';

export const notificationsEn: Translation<typeof notificationsFr> = {
  'notifications.nav': 'Notifications',
  'notifications.title': 'Notifications',
  'notifications.unread': (n: number) => (n === 0 ? 'No unread notifications.' : count(n, 'unread notification', 'unread notifications')),
  'notifications.none': 'You have no notifications.',
  'notifications.markAll': 'Mark all as read',
  'notifications.markedAll': 'All notifications are marked as read.',
  'notifications.new': 'New',
  'notifications.open': 'Open',
  'notifications.list': 'List of notifications',
};
