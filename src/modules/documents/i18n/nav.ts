import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/**
 * The service's entry in the navigation, in every language of the interface: the rest of the
 * service is not translated yet (docs/languages.md), but a family finds its way in their language.
 */
export const documentsNavFr = {
  'documents.nav': 'Documents',
  'boxes.nav': 'Dépôts de devoirs',
} as const;

const en: Translation<typeof documentsNavFr> = {
  'documents.nav': 'Documents',
  'boxes.nav': 'Homework drop boxes',
};
const ar: Translation<typeof documentsNavFr> = {
  'documents.nav': 'المستندات',
  'boxes.nav': 'صناديق تسليم الواجبات',
};
const pt: Translation<typeof documentsNavFr> = {
  'documents.nav': 'Documentos',
  'boxes.nav': 'Entrega de trabalhos',
};
const tr: Translation<typeof documentsNavFr> = {
  'documents.nav': 'Belgeler',
  'boxes.nav': 'Ödev teslim kutuları',
};
const es: Translation<typeof documentsNavFr> = {
  'documents.nav': 'Documentos',
  'boxes.nav': 'Entrega de deberes',
};

export const tn = createTranslator(documentsNavFr, { en, ar, pt, tr, es });
