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
} as const;

export const t = createTranslator({ ...kernelFr, ...offlineFr });
