import { count, type Translation } from '../../../kernel/i18n/index.js';
import type { notificationsFr } from './fr.js';

export const notificationsPt: Translation<typeof notificationsFr> = {
  'notifications.nav': 'Notificações',
  'notifications.title': 'Notificações',
  'notifications.unread': (n: number) => (n === 0 ? 'Nenhuma notificação por ler.' : count(n, 'notificação por ler', 'notificações por ler')),
  'notifications.none': 'Não tem notificações.',
  'notifications.markAll': 'Marcar todas como lidas',
  'notifications.markedAll': 'Todas as notificações foram marcadas como lidas.',
  'notifications.new': 'Nova',
  'notifications.open': 'Abrir',
  'notifications.list': 'Lista de notificações',
};
