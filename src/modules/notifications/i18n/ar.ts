import { countForms, type Translation } from '../../../kernel/i18n/index.js';
import type { notificationsFr } from './fr.js';

/** The noun and its adjective agree with the number: one, two (dual), 3–10 (plural), 11–99 (singular accusative), 100+ (singular). */
const unread = (n: number) =>
  countForms(n, {
    one: 'إشعار واحد غير مقروء',
    two: 'إشعاران غير مقروءين',
    few: '# إشعارات غير مقروءة',
    many: '# إشعارًا غير مقروء',
    other: '# إشعار غير مقروء',
  });

export const notificationsAr: Translation<typeof notificationsFr> = {
  'notifications.nav': 'الإشعارات',
  'notifications.title': 'الإشعارات',
  'notifications.unread': (n: number) => (n === 0 ? 'لا توجد إشعارات غير مقروءة.' : unread(n)),
  'notifications.none': 'ليست لديك أي إشعارات.',
  'notifications.markAll': 'تعليم الكل كمقروء',
  'notifications.markedAll': 'عُلِّمت كل الإشعارات كمقروءة.',
  'notifications.new': 'جديد',
  'notifications.open': 'فتح',
  'notifications.list': 'قائمة الإشعارات',
};
