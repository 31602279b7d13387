import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';

export const onerosterFr = {
  'oneroster.error.unauthorised': 'Jeton d’accès absent, inconnu, expiré ou révoqué.',
  'oneroster.error.forbidden': 'Ce jeton ne porte pas la portée nécessaire, ou cette application n’y a pas droit.',
  'oneroster.error.unknownobject': 'Aucun objet de ce type ne porte cet identifiant pour cette application.',
  'oneroster.error.invaliddata': 'Paramètre de requête incorrect.',
  'oneroster.error.filter': (detail: string) => `Filtre incorrect : ${detail}.`,
  'oneroster.error.filterField': (field: string) => `On ne peut pas filtrer sur « ${field} ».`,
  'oneroster.error.sortField': (field: string) => `On ne peut pas trier sur « ${field} ».`,
  'oneroster.error.fields': (field: string) => `Champ inconnu : « ${field} ».`,
  'oneroster.error.notFound': 'Ressource OneRoster inconnue.',
  'oneroster.cli.usage':
    'usage : preau oneroster client add --name NOM --school UAI [--school UAI…] [--demographics]\n        preau oneroster client list\n        preau oneroster client revoke CLIENT_ID',
  'oneroster.cli.name': 'Le nom de l’application est obligatoire (120 caractères au plus).',
  'oneroster.cli.school': (uai: string) => `Aucune école ne porte l’UAI « ${uai} ».`,
  'oneroster.cli.unknown': (id: string) => `Aucune application OneRoster « ${id} ».`,
} as const;

export const t = createTranslator({ ...kernelFr, ...onerosterFr });
