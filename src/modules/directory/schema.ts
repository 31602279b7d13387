import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, Limit, Offset, SchoolYear, Text } from '../../kernel/http/schemas.js';

export { IdParams };

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProfileSchema = Type.Union(
  [Type.Literal('student'), Type.Literal('teacher'), Type.Literal('relative'), Type.Literal('personnel'), Type.Literal('municipal')],
  { description: 'Profil : élève, enseignant, responsable, personnel, agent de la collectivité.' },
);

export const PeopleQuery = Type.Object({
  /** Words to match at the start of names, accents ignored. */
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Début du nom ou du prénom, sans accents nécessaires.' })),
  profile: Type.Optional(ProfileSchema),
  structureId: Type.Optional(Id('Limiter à un établissement.')),
  includeDeactivated: Type.Optional(Type.Boolean({ description: 'Inclure les comptes désactivés (gestionnaires).' })),
  limit: Limit(100, 25),
  offset: Offset,
});
export type PeopleQuery = Static<typeof PeopleQuery>;

export const PersonSummary = Type.Object({
  id: Type.String(),
  profile: ProfileSchema,
  firstName: Type.String(),
  lastName: Type.String(),
  usageName: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  login: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('deactivated')]),
});

export const PeoplePage = Type.Object({ total: Type.Integer(), items: Type.Array(PersonSummary) });

const Account = Type.Object({ activated: Type.Boolean(), activationCode: Type.Union([Type.String(), Type.Null()]) });

export const PersonDetail = Type.Object({
  id: Type.String(),
  profile: ProfileSchema,
  civility: Type.Union([Type.String(), Type.Null()]),
  firstName: Type.String(),
  lastName: Type.String(),
  usageName: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  status: Type.String(),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  login: Type.Union([Type.String(), Type.Null()]),
  account: Type.Union([Account, Type.Null()]),
  managed: Type.Boolean({ description: 'La personne qui demande gère ce compte.' }),
  structures: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      active: Type.Boolean(),
      roles: Type.Array(Type.String(), { description: 'Rôles dans cet établissement (direction, administrateur local).' }),
    }),
  ),
  groups: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      level: Type.Union([Type.String(), Type.Null()]),
      role: Type.String(),
      structureId: Type.String(),
      structureName: Type.String(),
    }),
  ),
  children: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), legalGuardian: Type.Boolean() })),
  relatives: Type.Array(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      legalGuardian: Type.Boolean(),
      email: Type.Union([Type.String(), Type.Null()]),
      phone: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const OptionalText = (max: number, description: string) => Type.Optional(Nullable(Type.String({ maxLength: max, description })));

export const PersonFields = {
  civility: OptionalText(20, 'Civilité (M., Mme).'),
  firstName: Type.String({ maxLength: 100, description: 'Prénom.' }),
  lastName: Type.String({ maxLength: 100, description: 'Nom de famille.' }),
  usageName: OptionalText(100, 'Nom d’usage, affiché à la place du nom de famille.'),
  birthDate: OptionalText(10, 'Date de naissance AAAA-MM-JJ (élèves).'),
  email: OptionalText(200, 'Courriel.'),
  phone: OptionalText(40, 'Téléphone.'),
};

export const CreatePersonBody = Type.Object({
  profile: ProfileSchema,
  ...PersonFields,
  structureId: Type.Optional(Id('Établissement ; par défaut celui qui est actif.')),
  classId: Type.Optional(Nullable(Type.String({ maxLength: 36, description: 'Classe de l’année en cours (élève ou enseignant).' }))),
});
export type CreatePersonBody = Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Object(PersonFields);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

export const CreatedPerson = Type.Object({ id: Type.String(), login: Type.String(), activationCode: Type.String() });

export const MoveBody = Type.Object({ classId: Id('Nouvelle classe.') });
export type MoveBody = Static<typeof MoveBody>;

export const LinkBody = Type.Object({
  relativeId: Id('Responsable.'),
  studentId: Id('Élève.'),
  legalGuardian: Type.Optional(Type.Boolean({ default: true, description: 'Représentant légal.' })),
});
export type LinkBody = Static<typeof LinkBody>;

export const RolesBody = Type.Object({
  structureId: Id('Établissement.'),
  roles: Type.Array(Type.Union([Type.Literal('director'), Type.Literal('localAdmin')]), {
    maxItems: 2,
    description: 'Rôles à donner ; une liste vide les retire.',
  }),
});
export type RolesBody = Static<typeof RolesBody>;

export const ResetResult = Type.Object({ activationCode: Type.String() });

export const StructureKindSchema = Type.Union([Type.Literal('school'), Type.Literal('college'), Type.Literal('lycee'), Type.Literal('municipality')]);

export const Structure = Type.Object({
  id: Type.String(),
  // Circonscriptions and académies are the steering module's levels above schools.
  kind: Type.Union([StructureKindSchema, Type.Literal('circonscription'), Type.Literal('academie')]),
  name: Type.String(),
  uai: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String(), Type.Null()]),
});

export const StructureWithCounts = Type.Composite([
  Structure,
  Type.Object({
    counts: Type.Union([
      Type.Object({ students: Type.Integer(), teachers: Type.Integer(), relatives: Type.Integer(), personnel: Type.Integer(), classes: Type.Integer() }),
      Type.Null(),
    ]),
  }),
]);

export const CreateStructureBody = Type.Object({
  kind: StructureKindSchema,
  name: Type.String({ maxLength: 200, description: 'Nom.' }),
  uai: Type.Optional(Nullable(Type.String({ maxLength: 8, description: 'UAI : 7 chiffres et une lettre (obligatoire pour un établissement).' }))),
  parentId: Type.Optional(Nullable(Id('Collectivité de rattachement.'))),
});
export type CreateStructureBody = Static<typeof CreateStructureBody>;

export const YearQuery = Type.Object({
  year: Type.Optional(SchoolYear()),
});
export type YearQuery = Static<typeof YearQuery>;

export const ClassSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  schoolYear: Type.String(),
  students: Type.Integer(),
});

export const CreateClassBody = Type.Object({
  name: Type.String({ maxLength: 60, description: 'Nom de la classe.' }),
  level: Type.Optional(Nullable(Type.String({ maxLength: 10, description: 'Niveau (CP, CE1, 6e…).' }))),
  schoolYear: Type.Optional(SchoolYear('Année scolaire ; par défaut celle en cours.')),
});
export type CreateClassBody = Static<typeof CreateClassBody>;

const MemberAccount = Type.Union([
  Type.Object({ login: Type.String(), activated: Type.Boolean(), activationCode: Type.Union([Type.String(), Type.Null()]) }),
  Type.Null(),
]);

export const ClassDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  level: Type.Union([Type.String(), Type.Null()]),
  schoolYear: Type.String(),
  structure: Type.Object({ id: Type.String(), name: Type.String() }),
  manager: Type.Boolean(),
  closed: Type.Boolean({ description: 'L’année scolaire de la classe est terminée : la classe ne change plus.' }),
  teachers: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
  students: Type.Array(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      firstName: Type.String(),
      lastName: Type.String(),
      status: Type.String(),
      birthDate: Type.Union([Type.String(), Type.Null()]),
      photoConsent: Type.Union([Type.Boolean(), Type.Null()]),
      account: MemberAccount,
      relatives: Type.Array(
        Type.Object({
          id: Type.String(),
          displayName: Type.String(),
          legalGuardian: Type.Boolean(),
          email: Type.Union([Type.String(), Type.Null()]),
          phone: Type.Union([Type.String(), Type.Null()]),
          account: MemberAccount,
        }),
      ),
    }),
  ),
});

export const ActivationSheet = Type.Object({
  personId: Type.String(),
  displayName: Type.String(),
  profile: ProfileSchema,
  login: Type.String(),
  activationCode: Type.Union([Type.String(), Type.Null()]),
  activated: Type.Boolean(),
  /** For a relative: the pupil of the class they are printed for. */
  forStudent: Type.Union([Type.String(), Type.Null()]),
});

export const ImportRunsQuery = Type.Object({ limit: Limit(100, 20) });

// ---------------------------------------------------------------- pages and forms

const FormText = (max: number, description: string) => Type.Optional(Text(max, description));

/** The search page: words, profile, deactivated accounts, page number. */
export const DirectoryQuery = Type.Object({
  q: FormText(100, 'Début du nom ou du prénom.'),
  profile: Type.Optional(Type.Union([ProfileSchema, Type.Literal('')])),
  includeDeactivated: Checkbox('Inclure les comptes désactivés.'),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: 'Numéro de page.' })),
});
export type DirectoryQuery = Static<typeof DirectoryQuery>;

const PersonFormFields = {
  ...CsrfField,
  civility: FormText(20, 'Civilité (M., Mme).'),
  firstName: FormText(100, 'Prénom.'),
  lastName: FormText(100, 'Nom de famille.'),
  usageName: FormText(100, 'Nom d’usage.'),
  birthDate: FormText(10, 'Date de naissance AAAA-MM-JJ.'),
  email: FormText(200, 'Courriel.'),
  phone: FormText(40, 'Téléphone.'),
};

/** The "new person" form. */
export const NewPersonForm = Type.Object({
  ...PersonFormFields,
  profile: ProfileSchema,
  classId: Type.Optional(Type.Union([Id('Classe de l’année en cours.'), Type.Literal('')])),
});
export type NewPersonForm = Static<typeof NewPersonForm>;

/** The "edit a person" form. */
export const EditPersonForm = Type.Object(PersonFormFields);
export type EditPersonForm = Static<typeof EditPersonForm>;

/** Actions without fields (deactivate, reactivate, reset access). */
export const EmptyForm = Type.Object(CsrfField);

export const MoveForm = Type.Object({ ...CsrfField, classId: Id('Nouvelle classe.') });
export const LinkForm = Type.Object({ ...CsrfField, studentId: Id('Élève à rattacher.'), legalGuardian: Checkbox('Représentant légal.') });
const RoleName = Type.Union([Type.Literal('director'), Type.Literal('localAdmin')]);
export const RolesForm = Type.Object({
  ...CsrfField,
  structureId: Id('Établissement.'),
  roles: Type.Optional(Type.Array(RoleName, { maxItems: 2, description: 'Rôles cochés.' })),
});

/** The structures page's creation form. */
export const StructureForm = Type.Object({
  ...CsrfField,
  kind: StructureKindSchema,
  name: FormText(200, 'Nom.'),
  uai: FormText(8, 'UAI.'),
  parentId: Type.Optional(Type.Union([Id('Collectivité de rattachement.'), Type.Literal('')])),
});
export type StructureForm = Static<typeof StructureForm>;

/** Multipart forms carry their CSRF token in the query string (the body is streamed). */
export const CsrfQuery = Type.Object(CsrfField);
