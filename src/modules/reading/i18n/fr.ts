import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr, kernelTranslations as k } from '../../../kernel/i18n/fr.js';
import { readingAr } from './ar.js';
import { readingEn } from './en.js';
import { readingEs } from './es.js';
import { readingPt } from './pt.js';
import { readingTr } from './tr.js';

export const readingFr = {
  'reading.nav': 'Réglages de lecture',
  'reading.title': 'Réglages de lecture',
  'reading.intro': 'Adaptez l’affichage de Préau à votre lecture. Ces réglages vous suivent sur tous vos appareils.',
  'reading.source.own': 'Vous avez choisi vos propres réglages.',
  'reading.source.class': (name: string) => `Vous avez les réglages de votre classe (${name}), choisis par l’équipe enseignante.`,
  'reading.source.default': 'Vous avez les réglages habituels.',
  'reading.font': 'Police de caractères',
  'reading.font.default': 'Police habituelle',
  'reading.font.opendyslexic': 'OpenDyslexic (conçue pour les lecteurs dyslexiques)',
  'reading.font.hyperlegible': 'Atkinson Hyperlegible (lettres très distinctes)',
  'reading.textSize': 'Taille du texte',
  'reading.textSize.normal': 'Habituelle',
  'reading.textSize.large': 'Grande',
  'reading.textSize.larger': 'Très grande',
  'reading.spacing': 'Espacement des lettres, des mots et des lignes',
  'reading.spacing.normal': 'Habituel',
  'reading.spacing.wide': 'Large',
  'reading.spacing.wider': 'Très large',
  'reading.contrast': 'Couleurs',
  'reading.contrast.default': 'Couleurs habituelles',
  'reading.contrast.high': 'Contraste renforcé (noir sur blanc)',
  'reading.aids': 'Aides à la lecture',
  'reading.lineFocus': 'Règle de lecture : une bande suit la ligne lue (souris, doigt ou clavier)',
  'reading.reducedMotion': 'Réduire les animations',
  'reading.readAloud': 'Bouton « Lire à voix haute » sur les séances, le travail à faire et les messages',
  'reading.readAloud.hint': 'La lecture utilise la voix de votre navigateur, quand il en propose une.',
  'reading.save': 'Enregistrer mes réglages',
  'reading.saved': 'Vos réglages de lecture sont enregistrés.',
  'reading.reset': 'Revenir aux réglages de ma classe',
  'reading.reset.none': 'Revenir aux réglages habituels',
  'reading.resetDone': 'Vos propres réglages sont effacés.',
  'reading.preview': 'Aperçu',
  'reading.preview.text': 'Le petit chat boit du lait. Demain, nous irons à la bibliothèque avec la classe.',
  'reading.classes': 'Réglages par défaut de mes classes',
  'reading.classes.intro': 'Les élèves d’une classe reçoivent ses réglages par défaut tant qu’ils n’ont pas choisi les leurs (une classe ULIS, par exemple).',
  'reading.classes.set': 'réglages définis',
  'reading.classes.unset': 'aucun réglage',
  'reading.class.title': (name: string) => `Réglages de lecture de la classe ${name}`,
  'reading.class.intro': 'Ces réglages s’appliquent aux élèves de la classe qui n’ont pas choisi les leurs.',
  'reading.class.none': 'Cette classe n’a pas encore de réglages par défaut : ses élèves ont les réglages habituels.',
  'reading.class.save': 'Enregistrer pour la classe',
  'reading.class.saved': 'Les réglages de la classe sont enregistrés.',
  'reading.class.clear': 'Supprimer les réglages de la classe',
  'reading.class.cleared': 'Les réglages de la classe sont supprimés.',
  'reading.back': 'Retour aux réglages de lecture',
  'reading.error.choice': 'Choisissez une des valeurs proposées.',
  'reading.footer.settings': 'Réglages de lecture',
  'reading.footer.statement': 'Accessibilité : partiellement conforme',
  'reading.readAloud.play': 'Lire à voix haute',
  'reading.readAloud.stop': 'Arrêter la lecture',
} as const;

export const t = createTranslator(
  { ...kernelFr, ...readingFr },
  {
    en: { ...k.en, ...readingEn },
    ar: { ...k.ar, ...readingAr },
    pt: { ...k.pt, ...readingPt },
    tr: { ...k.tr, ...readingTr },
    es: { ...k.es, ...readingEs },
  },
);
