import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/**
 * The service's entry in the navigation, in every language of the interface: the rest of the
 * service is not translated yet (docs/languages.md), but a family finds its way in their language.
 */
export const assessmentNavFr = {
  'assessment.nav': 'Évaluations',
} as const;

const en: Translation<typeof assessmentNavFr> = {
  'assessment.nav': 'Assessments',
};
const ar: Translation<typeof assessmentNavFr> = {
  'assessment.nav': 'التقييمات',
};
const pt: Translation<typeof assessmentNavFr> = {
  'assessment.nav': 'Avaliações',
};
const tr: Translation<typeof assessmentNavFr> = {
  'assessment.nav': 'Değerlendirmeler',
};
const es: Translation<typeof assessmentNavFr> = {
  'assessment.nav': 'Evaluaciones',
};

export const tn = createTranslator(assessmentNavFr, { en, ar, pt, tr, es });
