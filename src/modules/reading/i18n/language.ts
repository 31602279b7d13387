import { createTranslator, type Translation } from '../../../kernel/i18n/index.js';

/** The language form, in every language: a person who chose a language they cannot read finds the way back. */
export const readingLanguageFr = {
  'reading.language.title': 'Langue de l’interface',
  'reading.language.intro':
    'Les pages de Préau s’affichent dans la langue choisie. Ce que l’école écrit (messages, actualités, travail à faire) reste dans la langue où il a été écrit.',
  'reading.language.choice': 'Langue',
  'reading.language.save': 'Enregistrer la langue',
  'reading.language.saved': 'La langue de l’interface est enregistrée.',
  'reading.language.error': 'Choisissez une des langues proposées.',
  'reading.language.footer': 'Langue',
} as const;

type LanguageTranslation = Translation<typeof readingLanguageFr>;

const en: LanguageTranslation = {
  'reading.language.title': 'Interface language',
  'reading.language.intro':
    'Préau’s pages are shown in the language you choose. What the school writes (messages, news, homework) stays in the language it was written in.',
  'reading.language.choice': 'Language',
  'reading.language.save': 'Save language',
  'reading.language.saved': 'Your interface language has been saved.',
  'reading.language.error': 'Choose one of the languages offered.',
  'reading.language.footer': 'Language',
};

const ar: LanguageTranslation = {
  'reading.language.title': 'لغة الواجهة',
  'reading.language.intro': 'تُعرض صفحات Préau باللغة التي تختارها. أمّا ما تكتبه المدرسة (الرسائل والأخبار والواجبات) فيبقى باللغة التي كُتب بها.',
  'reading.language.choice': 'اللغة',
  'reading.language.save': 'حفظ اللغة',
  'reading.language.saved': 'تم حفظ لغة الواجهة.',
  'reading.language.error': 'اختر إحدى اللغات المقترحة.',
  'reading.language.footer': 'اللغة',
};

const pt: LanguageTranslation = {
  'reading.language.title': 'Idioma da interface',
  'reading.language.intro':
    'As páginas do Préau são apresentadas no idioma que escolher. O que a escola escreve (mensagens, notícias, trabalhos de casa) fica no idioma em que foi escrito.',
  'reading.language.choice': 'Idioma',
  'reading.language.save': 'Guardar o idioma',
  'reading.language.saved': 'O idioma da interface foi guardado.',
  'reading.language.error': 'Escolha um dos idiomas propostos.',
  'reading.language.footer': 'Idioma',
};

const tr: LanguageTranslation = {
  'reading.language.title': 'Arayüz dili',
  'reading.language.intro': 'Préau sayfaları seçtiğiniz dilde gösterilir. Okulun yazdıkları (mesajlar, duyurular, ödevler) yazıldıkları dilde kalır.',
  'reading.language.choice': 'Dil',
  'reading.language.save': 'Dili kaydet',
  'reading.language.saved': 'Arayüz diliniz kaydedildi.',
  'reading.language.error': 'Önerilen dillerden birini seçin.',
  'reading.language.footer': 'Dil',
};

const es: LanguageTranslation = {
  'reading.language.title': 'Idioma de la interfaz',
  'reading.language.intro':
    'Las páginas de Préau se muestran en el idioma que elija. Lo que escribe la escuela (mensajes, noticias, deberes) se queda en el idioma en que se escribió.',
  'reading.language.choice': 'Idioma',
  'reading.language.save': 'Guardar el idioma',
  'reading.language.saved': 'Se ha guardado el idioma de la interfaz.',
  'reading.language.error': 'Elija uno de los idiomas propuestos.',
  'reading.language.footer': 'Idioma',
};

export const t = createTranslator(readingLanguageFr, { en, ar, pt, tr, es });
