import { createTranslator } from './index.js';
import { kernelAr } from './ar.js';
import { kernelEn } from './en.js';
import { kernelEs } from './es.js';
import { kernelPt } from './pt.js';
import { kernelTr } from './tr.js';

export const kernelFr = {
  'app.name': 'Préau',
  'app.tagline': 'Espace numérique de travail',
  'layout.skip': 'Aller au contenu',
  'layout.nav': 'Services',
  'layout.account': 'Mon compte',
  'layout.logout': 'Se déconnecter',
  'layout.structure': 'Établissement',
  'layout.switch': 'Changer',
  'layout.unread': 'non lus',
  'layout.unreadOne': 'non lu',
  'layout.footer': 'Préau — logiciel libre',
  'error.title': 'Une erreur est survenue',
  'error.back': 'Revenir à l’accueil',
  'error.not_found': 'Cette page n’existe pas ou ne vous est pas accessible.',
  'error.forbidden': 'Vous n’avez pas accès à cette page.',
  'error.internal': 'Une erreur inattendue est survenue. Réessayez dans un instant.',
  'error.validation': 'Certaines valeurs envoyées ne sont pas valides.',
  'error.charter_pending': 'Acceptez la charte d’usage de l’ENT pour continuer.',
  'error.unauthenticated': 'Connectez-vous pour continuer.',
  'error.bad_url': 'Cette adresse n’est pas valide.',
  'error.uri_too_long': 'Cette adresse est trop longue.',
  'error.headers_too_large': 'La requête porte des en-têtes trop volumineux.',
  'error.request_timeout': 'La requête a mis trop de temps à arriver. Réessayez.',
  'error.method_not_allowed': 'Cette action n’est pas possible à cette adresse.',
  'error.not_finite': 'Ce nombre n’est pas valide.',
  'error.csrf': 'Le formulaire a expiré. Rechargez la page et recommencez.',
  'error.too_many': 'Trop de demandes. Réessayez dans quelques minutes.',
  'error.conflict': 'Cette modification croise une autre enregistrée au même moment. Rechargez la page et vérifiez.',
  'error.payload_too_large': 'Le fichier envoyé est trop volumineux.',
  'error.resource_forbidden': 'Vous n’avez pas accès à cette ressource.',
  'error.resource_not_found': 'Cette ressource n’existe pas ou ne vous est pas accessible.',
  'form.errors': 'Le formulaire contient des erreurs :',
  'form.required': 'Ce champ est obligatoire.',
} as const;

/** The kernel's frame and errors in every language of the interface. */
export const kernelTranslations = { en: kernelEn, ar: kernelAr, pt: kernelPt, tr: kernelTr, es: kernelEs };

export const t = createTranslator(kernelFr, kernelTranslations);
