import { Type, type Static } from '@sinclair/typebox';

/*
 * Form bodies accept every field as an optional string: a page re-renders its own French field
 * errors rather than failing schema validation, and the bounds only keep absurd inputs out.
 */
const formText = (maxLength = 200) => Type.Optional(Type.String({ maxLength }));
const csrf = Type.Optional(Type.String({ description: 'CSRF token, for forms.' }));

export const LoginForm = Type.Object({
  /** Typed login (`prenom.nom`). */
  login: formText(),
  password: formText(1024),
  /** Same-site path to go back to after signing in. */
  next: formText(2048),
  _csrf: csrf,
});

export const NextQuery = Type.Object({
  /** Same-site path to go back to after signing in (`/x`; never `//x` or an absolute URL). */
  next: Type.Optional(Type.String({ maxLength: 2048 })),
});

export const ActivateForm = Type.Object({
  login: formText(),
  /** Activation code as printed: case, spaces and dashes do not matter. */
  code: formText(),
  _csrf: csrf,
});

export const PasswordForm = Type.Object({
  password: formText(1024),
  confirm: formText(1024),
  _csrf: csrf,
});

export const CharterForm = Type.Object({
  /** Checkbox: present (`yes`) when ticked. */
  accept: formText(),
  next: formText(2048),
  _csrf: csrf,
});

export const SetupForm = Type.Object({
  token: formText(),
  firstName: formText(),
  lastName: formText(),
  login: formText(),
  password: formText(1024),
  confirm: formText(1024),
  _csrf: csrf,
});

export const StructureForm = Type.Object({
  /** Structure to make active; must be one the person belongs to. */
  structureId: Type.String({ maxLength: 100 }),
  _csrf: csrf,
});

// JSON API

const Profile = Type.Union([Type.Literal('student'), Type.Literal('teacher'), Type.Literal('relative'), Type.Literal('personnel'), Type.Literal('municipal')]);

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      /** Stable code, e.g. `auth.invalid_credentials`. */
      code: Type.String(),
      /** French message to show. */
      message: Type.String(),
      /** Field problems (`[{ field, message }]`) or null. */
      details: Type.Unknown(),
    }),
  },
  { description: 'Erreur' },
);

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
  login: Type.String({ minLength: 1, maxLength: 200 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
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
  login: Type.String({ minLength: 1, maxLength: 200 }),
  /** Activation code: case, spaces and dashes do not matter. */
  code: Type.String({ minLength: 1, maxLength: 200 }),
  /** New password: 12 characters or more, not common, without the login or names. */
  password: Type.String({ maxLength: 1024 }),
  /** Must be true: the usage charter is accepted with the activation. */
  acceptCharter: Type.Optional(Type.Boolean()),
});

export const CharterBody = Type.Object({
  /** Must be true. */
  accept: Type.Boolean(),
});

export const CharterResponse = Type.Object({ charterAccepted: Type.Boolean() });

export type ActorViewData = Static<typeof ActorView>;
