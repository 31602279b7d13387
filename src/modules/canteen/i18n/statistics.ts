import { createTranslator, formatNumber } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';
import { canteenFr } from './fr.js';

/** The attendance statistics, for the municipality's agents: French only, like the CSV they export. */
export const canteenStatisticsFr = {
  'canteen.stats.link': 'Statistiques de fréquentation',
  'canteen.stats.title': (month: string) => `Fréquentation — ${month}`,
  'canteen.stats.month': 'Mois',
  'canteen.stats.show': 'Afficher',
  'canteen.stats.previous': 'Mois précédent',
  'canteen.stats.next': 'Mois suivant',
  'canteen.stats.csv': 'Exporter en CSV',
  'canteen.stats.none': 'Aucun service n’est ouvert dans les écoles de la commune cette année scolaire.',
  'canteen.stats.intro':
    'Journées-enfants du mois : réservées (à la fin du mois), en liste d’attente, annulées ; à l’appel : présents avec réservation, absents, présents sans réservation. Le taux de présence rapporte les présents aux réservés pointés à l’appel.',
  'canteen.stats.school': 'École',
  'canteen.stats.service': 'Service',
  'canteen.stats.daysCalled': 'Jours d’appel',
  'canteen.stats.booked': 'Réservés',
  'canteen.stats.waiting': 'En attente',
  'canteen.stats.cancelled': 'Annulés',
  'canteen.stats.present': 'Présents',
  'canteen.stats.absent': 'Absents',
  'canteen.stats.presentUnbooked': 'Présents sans réservation',
  'canteen.stats.rate': 'Taux de présence',
  'canteen.stats.total': 'Toute la commune',
  'canteen.stats.percent': (share: number) => `${formatNumber(Math.round(share * 1000) / 10)} %`,
  'canteen.stats.noRate': '—',
} as const;

export const ts = createTranslator({ ...kernelFr, ...canteenFr, ...canteenStatisticsFr });
