import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/**
 * The service's entry in the navigation, in every language of the interface: the rest of the
 * service is not translated yet (docs/languages.md), but a family finds its way in their language.
 */
export const resourcesNavFr = {
  'resources.nav': 'Ressources',
} as const;

const en: Translation<typeof resourcesNavFr> = {
  'resources.nav': 'Resources',
};
const ar: Translation<typeof resourcesNavFr> = {
  'resources.nav': 'الموارد',
};
const pt: Translation<typeof resourcesNavFr> = {
  'resources.nav': 'Recursos',
};
const tr: Translation<typeof resourcesNavFr> = {
  'resources.nav': 'Kaynaklar',
};
const es: Translation<typeof resourcesNavFr> = {
  'resources.nav': 'Recursos',
};

export const tn = createTranslator(resourcesNavFr, { en, ar, pt, tr, es });
