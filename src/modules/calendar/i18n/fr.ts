import { createTranslator, formatDate } from '../../../kernel/i18n/index.js';
import { kernelFr, kernelTranslations as k } from '../../../kernel/i18n/fr.js';
import { calendarAr } from './ar.js';
import { calendarEn } from './en.js';
import { calendarEs } from './es.js';
import { calendarPt } from './pt.js';
import { calendarTr } from './tr.js';

export const calendarFr = {
  'calendar.nav': 'Calendrier',
  'calendar.title': 'Calendrier',
  'calendar.month': (label: string) => `Calendrier — ${label}`,
  'calendar.previous': 'Mois précédent',
  'calendar.next': 'Mois suivant',
  'calendar.list': 'Prochains événements',
  'calendar.listView': 'Voir la liste',
  'calendar.monthView': 'Voir le mois',
  'calendar.none': 'Aucun événement.',
  'calendar.new': 'Ajouter un événement',
  'calendar.allDay': 'Toute la journée',
  'calendar.cancelled': 'Annulé',
  'calendar.zone': (zone: string) => `Vacances scolaires : zone ${zone}`,
  'calendar.kind.outing': 'Sortie',
  'calendar.kind.meeting': 'Réunion',
  'calendar.kind.council': 'Conseil d’école',
  'calendar.kind.holiday': 'Vacances',
  'calendar.kind.other': 'Événement',
  'calendar.when.day': (day: string) => `Le ${formatDate(day)}`,
  'calendar.when.days': (from: string, to: string) => `Du ${formatDate(from)} au ${formatDate(to)}`,
  'calendar.when.time': (day: string, from: string, to: string) => `Le ${formatDate(day)}, de ${from} à ${to}`,
  'calendar.place': (place: string) => `Lieu : ${place}`,
  'calendar.field.kind': 'Type',
  'calendar.field.title': 'Titre',
  'calendar.field.description': 'Description',
  'calendar.field.place': 'Lieu',
  'calendar.field.allDay': 'Toute la journée',
  'calendar.field.startDay': 'Premier jour',
  'calendar.field.endDay': 'Dernier jour',
  'calendar.field.endDay.hint': 'Pour un événement sur plusieurs jours ; vide pour un seul jour.',
  'calendar.field.startTime': 'Heure de début',
  'calendar.field.endTime': 'Heure de fin',
  'calendar.field.time.hint': 'Laissez vide pour un événement de toute la journée.',
  'calendar.audience': 'Pour qui',
  'calendar.save': 'Ajouter',
  'calendar.edit': 'Modifier l’événement',
  'calendar.updated': 'L’événement est modifié.',
  'calendar.saved': 'L’événement est ajouté au calendrier.',
  'calendar.cancel': 'Annuler cet événement',
  'calendar.cancel.hint': 'Il reste affiché, marqué annulé, et les agendas abonnés le montrent annulé.',
  'calendar.cancelledDone': 'L’événement est annulé.',
  'calendar.settings.zone': 'Zone de vacances scolaires',
  'calendar.settings.saved': 'La zone est enregistrée.',
  'calendar.settings.save': 'Enregistrer',
  'calendar.error.field': 'Cette valeur n’est pas valide.',
  'calendar.error.title': 'Donnez un titre (200 caractères au plus).',
  'calendar.error.day': 'Donnez une date valide.',
  'calendar.error.time': 'Donnez une heure au format HH:MM.',
  'calendar.error.end': 'La fin doit venir après le début.',
  'calendar.error.audience': 'Choisissez au moins un public.',
  'calendar.error.audience_unreachable': 'Vous ne pouvez pas informer ce public.',
  'calendar.error.audience_mixed': 'Tous les publics d’un événement doivent être du même établissement.',
} as const;

export const t = createTranslator(
  { ...kernelFr, ...calendarFr },
  {
    en: { ...k.en, ...calendarEn },
    ar: { ...k.ar, ...calendarAr },
    pt: { ...k.pt, ...calendarPt },
    tr: { ...k.tr, ...calendarTr },
    es: { ...k.es, ...calendarEs },
  },
);
