import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/**
 * The service's entry in the navigation, in every language of the interface: the rest of the
 * service is not translated yet (docs/languages.md), but a family finds its way in their language.
 */
export const privacyNavFr = {
  'privacy.nav': 'Mes données',
} as const;

const en: Translation<typeof privacyNavFr> = {
  'privacy.nav': 'My data',
};
const ar: Translation<typeof privacyNavFr> = {
  'privacy.nav': 'بياناتي',
};
const pt: Translation<typeof privacyNavFr> = {
  'privacy.nav': 'Os meus dados',
};
const tr: Translation<typeof privacyNavFr> = {
  'privacy.nav': 'Verilerim',
};
const es: Translation<typeof privacyNavFr> = {
  'privacy.nav': 'Mis datos',
};

export const tn = createTranslator(privacyNavFr, { en, ar, pt, tr, es });
