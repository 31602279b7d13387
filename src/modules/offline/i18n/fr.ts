import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';

export const offlineFr = {
  'offline.manifest.description': 'L’espace numérique de travail de l’école : cahier de textes, emploi du temps, messagerie.',
  'offline.banner': (date: string) => `Hors ligne — mis à jour le ${date}.`,
  'offline.queued.one': 'Une coche « fait » attend d’être envoyée : elle partira au retour du réseau.',
  /** `n` is filled in by the service worker. */
  'offline.queued.many': (n: string) => `${n} coches « fait » attendent d’être envoyées : elles partiront au retour du réseau.`,
  'offline.title': 'Hors ligne',
  'offline.unavailable': 'Cette page n’a pas été gardée sur cet appareil. Ces pages restent lisibles hors ligne si vous les avez ouvertes récemment :',
  'offline.agenda': 'Mon agenda des devoirs',
  'offline.timetable': 'Mon emploi du temps',
  'offline.messaging': 'Ma messagerie',
  'offline.push.title': 'Notifications sur cet appareil',
  'offline.push.intro':
    'Recevez sur ce téléphone ou cet ordinateur les notifications de Préau (devoirs publiés, messages, absences), même quand Préau est fermé. Elles respectent les heures calmes de l’école, comme les courriels.',
  'offline.push.devices': (n: number) =>
    n === 0 ? 'Aucun appareil ne reçoit vos notifications.' : n === 1 ? 'Un appareil reçoit vos notifications.' : `${n} appareils reçoivent vos notifications.`,
  'offline.push.enable': 'Recevoir les notifications sur cet appareil',
  'offline.push.disable': 'Ne plus les recevoir sur cet appareil',
  'offline.push.on': 'Cet appareil reçoit vos notifications.',
  'offline.push.off': 'Cet appareil ne reçoit pas vos notifications.',
  'offline.push.denied': 'Le navigateur refuse les notifications pour Préau : autorisez-les dans ses réglages.',
  'offline.push.failed': 'L’inscription n’a pas abouti : réessayez plus tard.',
  'offline.push.unsupported':
    'Ce navigateur ne reçoit pas de notifications, ou JavaScript y est désactivé. Les notifications restent dans Préau et par courriel.',
  'offline.push.shared':
    'Sur un appareil partagé, n’activez pas les notifications : elles s’affichent sans connexion. La déconnexion les arrête sur cet appareil.',
  'offline.push.error.endpoint': 'L’adresse du service de notification doit commencer par https://.',
} as const;

export const t = createTranslator({ ...kernelFr, ...offlineFr });
