import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, IdParams } from '../../kernel/http/schemas.js';
import { CONTRASTS, FONTS, SPACINGS, TEXT_SIZES } from './settings.js';

export { IdParams };

const OneOf = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

/** Reading settings as JSON: every field is required, so a PUT says the whole choice. */
export const Settings = Type.Object(
  {
    font: OneOf(FONTS, 'Police : `default` (habituelle), `opendyslexic` (OpenDyslexic), `hyperlegible` (Atkinson Hyperlegible).'),
    textSize: OneOf(TEXT_SIZES, 'Taille du texte : `normal`, `large` (grande), `larger` (très grande).'),
    spacing: OneOf(SPACINGS, 'Espacement des lettres, des mots et des lignes : `normal`, `wide`, `wider`.'),
    contrast: OneOf(CONTRASTS, 'Couleurs : `default` (habituelles) ou `high` (contraste renforcé).'),
    lineFocus: Type.Boolean({ description: 'Règle de lecture (une bande suit la ligne lue).' }),
    reducedMotion: Type.Boolean({ description: 'Réduire les animations.' }),
    readAloud: Type.Boolean({ description: 'Bouton « Lire à voix haute » sur les séances, le travail et les messages.' }),
  },
  { additionalProperties: false },
);
export type SettingsBody = Static<typeof Settings>;

export const EffectiveSettings = Type.Object({
  settings: Settings,
  source: Type.Union([Type.Literal('own'), Type.Literal('class'), Type.Literal('default')], {
    description: '`own` : choisis par la personne ; `class` : ceux d’une de ses classes ; `default` : les réglages habituels.',
  }),
  className: Type.Union([Type.String(), Type.Null()], { description: 'La classe dont les réglages s’appliquent, le cas échéant.' }),
});

export const ClassSettings = Type.Object({
  groupId: Type.String({ description: 'La classe ou le groupe.' }),
  name: Type.String({ description: 'Son nom.' }),
  settings: Type.Union([Settings, Type.Null()], { description: 'Null : la classe n’a pas de réglages par défaut.' }),
});

/** The form: strings checked by the service, so a wrong value re-renders the form naming its field. */
const FormChoice = Type.Optional(Type.String({ maxLength: 20 }));
export const SettingsForm = Type.Object({
  ...CsrfField,
  font: FormChoice,
  textSize: FormChoice,
  spacing: FormChoice,
  contrast: FormChoice,
  lineFocus: FormChoice,
  reducedMotion: FormChoice,
  readAloud: FormChoice,
});
export const CsrfForm = Type.Object({ ...CsrfField });
/** The interface language form: checked by the service against the languages offered. */
export const LanguageForm = Type.Object({
  ...CsrfField,
  locale: Type.Optional(Type.String({ maxLength: 10, description: 'Langue : `fr`, `en`, `ar`, `pt`, `tr` ou `es`.' })),
});
export const EmptyQuery = Type.Object({});
export const FontParams = Type.Object({ file: Type.String({ maxLength: 80, description: 'Fichier de police (woff2).' }) });
