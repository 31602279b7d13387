import { createTranslator, plural } from '../../../kernel/i18n/index.js';
import { kernelFr, kernelTranslations as k } from '../../../kernel/i18n/fr.js';
import { notificationsAr } from './ar.js';
import { notificationsEn } from './en.js';
import { notificationsEs } from './es.js';
import { notificationsPt } from './pt.js';
import { notificationsTr } from './tr.js';

export const notificationsFr = {
  'notifications.nav': 'Notifications',
  'notifications.title': 'Notifications',
  'notifications.unread': (n: number) => (n === 0 ? 'Aucune notification non lue.' : plural(n, 'notification non lue', 'notifications non lues')),
  'notifications.none': 'Vous n’avez aucune notification.',
  'notifications.markAll': 'Tout marquer comme lu',
  'notifications.markedAll': 'Toutes les notifications sont marquées comme lues.',
  'notifications.new': 'Nouveau',
  'notifications.open': 'Ouvrir',
  'notifications.list': 'Liste des notifications',
} as const;

export const t = createTranslator(
  { ...kernelFr, ...notificationsFr },
  {
    en: { ...k.en, ...notificationsEn },
    ar: { ...k.ar, ...notificationsAr },
    pt: { ...k.pt, ...notificationsPt },
    tr: { ...k.tr, ...notificationsTr },
    es: { ...k.es, ...notificationsEs },
  },
);
