import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id } from '../../kernel/http/schemas.js';

/** The code typed at enrolment or at the second step. */
export const CodeForm = Type.Object({
  ...CsrfField,
  /** Six digits from the app, or a recovery code (XXXXX-XXXXX) at the second step. */
  code: Type.Optional(Type.String({ maxLength: 40, description: 'Code à six chiffres de l’application, ou code de secours.' })),
  /** Where to go once signed in (a same-site path). */
  next: Type.Optional(Type.String({ maxLength: 2048, description: 'Page où aller une fois connecté.' })),
});
export type CodeForm = Static<typeof CodeForm>;

export const NextQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2048, description: 'Page où aller une fois connecté.' })),
});

export const ResetQuery = Type.Object({
  /** The login of the person whose factor is to be reset. */
  login: Type.Optional(Type.String({ maxLength: 200, description: 'Identifiant de la personne.' })),
});

export const PersonParams = Type.Object({ personId: Id() });

export const EmptyForm = Type.Object({ ...CsrfField });

export const PolicyForm = Type.Object({
  ...CsrfField,
  /** The roles that must enrol; one field per checked box. */
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: 'Rôles tenus de s’équiper.' })),
  /** Days between a person's first sign-in under the rule and the moment they are held. */
  graceDays: Type.Optional(Type.String({ maxLength: 10, description: 'Délai en jours (0 à 90).' })),
});
