import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, Text } from '../../kernel/http/schemas.js';

export { ErrorResponse } from '../../kernel/http/schemas.js';

/*
 * Form bodies accept every field as an optional string: a page re-renders its own French field
 * errors rather than failing schema validation, and the bounds only keep absurd inputs out.
 */
const formText = (description: string, maxLength = 200) => Type.Optional(Text(maxLength, description));
const nextPath = (description: string) => Type.Optional(Text(2048, description));

export const LoginForm = Type.Object({
  login: formText('Identifiant saisi (`prenom.nom`).'),
  password: formText('Mot de passe.', 1024),
  next: nextPath('Chemin du site où revenir après la connexion.'),
  ...CsrfField,
});
export type LoginFormData = Static<typeof LoginForm>;

export const NextQuery = Type.Object({
  next: nextPath('Chemin du site où revenir après la connexion (`/x` ; jamais `//x` ni une adresse complète).'),
});

export const ActivateForm = Type.Object({
  login: formText('Identifiant imprimé sur le courrier d’activation.'),
  code: formText('Code d’activation tel qu’imprimé : majuscules, espaces et tirets n’ont pas d’importance.'),
  ...CsrfField,
});

export const PasswordForm = Type.Object({
  password: formText('Nouveau mot de passe.', 1024),
  confirm: formText('Confirmation du nouveau mot de passe.', 1024),
  ...CsrfField,
});

export const CharterForm = Type.Object({
  accept: Checkbox('Case « J’ai lu la charte » : présente quand elle est cochée.'),
  next: nextPath('Chemin du site où aller une fois la charte acceptée.'),
  ...CsrfField,
});

export const SetupForm = Type.Object({
  token: formText('Jeton d’installation affiché par `preau serve`.'),
  firstName: formText('Prénom de l’administrateur.'),
  lastName: formText('Nom de l’administrateur.'),
  login: formText('Identifiant de l’administrateur.'),
  password: formText('Mot de passe.', 1024),
  confirm: formText('Confirmation du mot de passe.', 1024),
  ...CsrfField,
});

export const StructureForm = Type.Object({
  structureId: Id('Établissement où travailler ; la personne doit en être membre.'),
  ...CsrfField,
});

// JSON API

const Profile = Type.Union([Type.Literal('student'), Type.Literal('teacher'), Type.Literal('relative'), Type.Literal('personnel'), Type.Literal('municipal')]);

export const ActorView = Type.Object({
  personId: Type.String(),
  profile: Profile,
  displayName: Type.String(),
  login: Type.String(),
  /** False until the usage charter is accepted; other routes answer 403 `account.charter_required` meanwhile. */
  charterAccepted: Type.Boolean(),
  /** Instance administrator. */
  isSuperAdmin: Type.Boolean(),
  /** Structures the person belongs to. */
  structures: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  /** Structure the session works in. */
  activeStructureId: Type.Union([Type.String(), Type.Null()]),
  /** Roles per structure id (`director`, `localAdmin`). */
  roles: Type.Record(Type.String(), Type.Array(Type.String())),
});

export const MeResponse = Type.Object({
  /** Who is signed in, or null. */
  actor: Type.Union([ActorView, Type.Null()]),
  /** Token to send back in `x-csrf-token` on every POST/PUT/PATCH/DELETE (before login too). */
  csrfToken: Type.String(),
});

export const LoginBody = Type.Object({
  login: Text(200, 'Identifiant (`prenom.nom`).', 1),
  password: Text(1024, 'Mot de passe.', 1),
});

export const SessionResponse = Type.Object({
  person: Type.Object({
    id: Type.String(),
    displayName: Type.String(),
    profile: Profile,
    /** False when the usage charter still has to be accepted (POST /api/accounts/charter). */
    charterAccepted: Type.Boolean(),
  }),
  /** The new session's CSRF token: the one from before login no longer works. */
  csrfToken: Type.String(),
});

export const ActivateBody = Type.Object({
  login: Text(200, 'Identifiant imprimé sur le courrier d’activation.', 1),
  code: Text(200, 'Code d’activation : majuscules, espaces et tirets n’ont pas d’importance.', 1),
  password: Text(1024, 'Nouveau mot de passe : 12 caractères ou plus, pas courant, sans l’identifiant ni les noms.'),
  acceptCharter: Type.Optional(Type.Boolean({ description: 'Doit valoir true : la charte d’usage est acceptée avec l’activation.' })),
});

export const CharterBody = Type.Object({
  accept: Type.Boolean({ description: 'Doit valoir true.' }),
});

export const CharterResponse = Type.Object({ charterAccepted: Type.Boolean() });

export type ActorViewData = Static<typeof ActorView>;
