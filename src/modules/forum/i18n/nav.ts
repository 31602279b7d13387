import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/**
 * The service's entry in the navigation, in every language of the interface: the rest of the
 * service is not translated yet (docs/languages.md), but a family finds its way in their language.
 */
export const forumNavFr = {
  'forum.nav': 'Forums',
} as const;

const en: Translation<typeof forumNavFr> = {
  'forum.nav': 'Forums',
};
const ar: Translation<typeof forumNavFr> = {
  'forum.nav': 'المنتديات',
};
const pt: Translation<typeof forumNavFr> = {
  'forum.nav': 'Fóruns',
};
const tr: Translation<typeof forumNavFr> = {
  'forum.nav': 'Forumlar',
};
const es: Translation<typeof forumNavFr> = {
  'forum.nav': 'Foros',
};

export const tn = createTranslator(forumNavFr, { en, ar, pt, tr, es });
