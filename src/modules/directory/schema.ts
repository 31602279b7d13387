import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProfileSchema = Type.Union(
  [Type.Literal('student'), Type.Literal('teacher'), Type.Literal('relative'), Type.Literal('personnel'), Type.Literal('municipal')],
  { description: 'Profil : élève, enseignant, responsable, personnel, agent de la collectivité.' },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant.' }) });
export type IdParams = Static<typeof IdParams>;

export const PeopleQuery = Type.Object({
  /** Words to match at the start of names, accents ignored. */
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Début du nom ou du prénom, sans accents nécessaires.' })),
  profile: Type.Optional(ProfileSchema),
  structureId: Type.Optional(Type.String({ format: 'uuid', description: 'Limiter à un établissement.' })),
  includeDeactivated: Type.Optional(Type.Boolean({ description: 'Inclure les comptes désactivés (gestionnaires).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
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
  structureId: Type.Optional(Type.String({ format: 'uuid', description: 'Établissement ; par défaut celui qui est actif.' })),
  classId: Type.Optional(Nullable(Type.String({ description: 'Classe de l’année en cours (élève ou enseignant).' }))),
});
export type CreatePersonBody = Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Object(PersonFields);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

export const CreatedPerson = Type.Object({ id: Type.String(), login: Type.String(), activationCode: Type.String() });

export const MoveBody = Type.Object({ classId: Type.String({ description: 'Nouvelle classe.' }) });
export type MoveBody = Static<typeof MoveBody>;

export const LinkBody = Type.Object({
  relativeId: Type.String({ format: 'uuid', description: 'Responsable.' }),
  studentId: Type.String({ format: 'uuid', description: 'Élève.' }),
  legalGuardian: Type.Optional(Type.Boolean({ default: true, description: 'Représentant légal.' })),
});
export type LinkBody = Static<typeof LinkBody>;

export const RolesBody = Type.Object({
  structureId: Type.String({ format: 'uuid', description: 'Établissement.' }),
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
  kind: StructureKindSchema,
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
  parentId: Type.Optional(Nullable(Type.String({ description: 'Collectivité de rattachement.' }))),
});
export type CreateStructureBody = Static<typeof CreateStructureBody>;

export const YearQuery = Type.Object({
  year: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{4}$', description: 'Année scolaire, par exemple 2026-2027.' })),
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
  schoolYear: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{4}$' })),
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
