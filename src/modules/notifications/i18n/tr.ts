import { formatNumber, type Translation } from '../../../kernel/i18n/index.js';
import type { notificationsFr } from './fr.js';

export const notificationsTr: Translation<typeof notificationsFr> = {
  'notifications.nav': 'Bildirimler',
  'notifications.title': 'Bildirimler',
  // Turkish keeps the noun singular after a number: `3 okunmamış bildirim`.
  'notifications.unread': (n: number) => (n === 0 ? 'Okunmamış bildirim yok.' : `${formatNumber(n)}\u00a0okunmamış bildirim`),
  'notifications.none': 'Hiç bildiriminiz yok.',
  'notifications.markAll': 'Tümünü okundu olarak işaretle',
  'notifications.markedAll': 'Tüm bildirimler okundu olarak işaretlendi.',
  'notifications.new': 'Yeni',
  'notifications.open': 'Aç',
  'notifications.list': 'Bildirim listesi',
};
