import type { Profile, StructureRole } from '../../kernel/authz/index.js';

export type StructureKind = 'school' | 'college' | 'lycee' | 'municipality';
export type GroupKind = 'class' | 'teaching' | 'manual';
export type MemberRole = 'student' | 'teacher';
export type PersonStatus = 'active' | 'deactivated';

export interface StructuresTable {
  id: string;
  kind: StructureKind;
  name: string;
  /** Official school id (7 digits + 1 letter); null for municipalities. */
  uai: string | null;
  /** Owning municipality, for schools. */
  parentId: string | null;
  createdAt: string;
}

/** Classes and groups: a class is a group of kind `class` with a level. */
export interface GroupsTable {
  id: string;
  structureId: string;
  schoolYear: string;
  kind: GroupKind;
  name: string;
  level: string | null;
  source: 'onde' | 'aaf' | 'manual';
  createdAt: string;
}

export interface GroupMembersTable {
  groupId: string;
  personId: string;
  role: MemberRole;
}

export interface PeopleTable {
  id: string;
  profile: Profile;
  civility: string | null;
  firstName: string;
  /** Family name (nom de famille). */
  lastName: string;
  /** Name in use (nom d'usage), shown instead of the family name when set. */
  usageName: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  login: string;
  passwordHash: string | null;
  /** One-time code for the first login; kept readable so the sheet can be printed again. */
  activationCode: string | null;
  activatedAt: string | null;
  charterAcceptedAt: string | null;
  /** Photo consent from the school export (0/1), null when unknown. */
  photoConsent: number | null;
  isSuperAdmin: number;
  status: PersonStatus;
  /** Folded, lower-case names for accent-insensitive search. */
  searchKey: string;
  createdAt: string;
  updatedAt: string;
  deactivatedAt: string | null;
  /** When the retention purge erased the account (the row stays, anonymised, as "Compte supprimé"). */
  erasedAt: string | null;
}

export interface StructureMembersTable {
  structureId: string;
  personId: string;
  active: number;
  /** How an import recognises this person in this structure next time. */
  importKey: string | null;
  source: 'onde' | 'aaf' | 'manual';
  createdAt: string;
}

export interface StructureRolesTable {
  structureId: string;
  personId: string;
  role: StructureRole;
  source: 'onde' | 'aaf' | 'manual';
}

export interface RelativeLinksTable {
  relativeId: string;
  studentId: string;
  legalGuardian: number;
  source: 'onde' | 'aaf' | 'manual';
}

export interface ImportRunsTable {
  id: string;
  structureId: string;
  kind: 'onde';
  schoolYear: string;
  actorId: string | null;
  startedAt: string;
  status: 'done' | 'failed';
  /** JSON report (counts, warnings, errors). */
  report: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    structures: StructuresTable;
    groups: GroupsTable;
    groupMembers: GroupMembersTable;
    people: PeopleTable;
    structureMembers: StructureMembersTable;
    structureRoles: StructureRolesTable;
    relativeLinks: RelativeLinksTable;
    importRuns: ImportRunsTable;
  }
}

// ---------------------------------------------------------------- AAF import (collèges, lycées)

/** A structure of the AAF feed: its `ENTStructureJointure`, which the other files name it by. */
export interface AafStructuresTable {
  jointure: string;
  structureId: string;
  academy: string | null;
  address: string | null;
}

/** A person of the AAF feed: their `ENTPersonJointure` (stable across years) and a pupil's schooling details. */
export interface AafPeopleTable {
  jointure: string;
  personId: string;
  category: 'Eleve' | 'PersRelEleve' | 'PersEducNat';
  /** Pupils: the MEF (level of study) code and label. */
  mefCode: string | null;
  mefLabel: string | null;
  /** Pupils: half-board regime and transport as the feed states them. */
  regime: string | null;
  transport: string | null;
  otherFirstNames: string | null;
}

/** A class or group's code in the feed (`ENTStructureClasses`, `ENTStructureGroupes`). */
export interface AafGroupsTable {
  groupId: string;
  structureId: string;
  schoolYear: string;
  kind: 'class' | 'teaching';
  code: string;
}

/** A structure's subjects (`MatiereEducNat`), by code. */
export interface DirectorySubjectsTable {
  structureId: string;
  code: string;
  label: string;
  source: 'aaf' | 'manual';
}

/** Who teaches which subject to which class or group (`ENTAuxEnsClassesMatieres`, `ENTAuxEnsGroupesMatieres`). */
export interface TeachingAssignmentsTable {
  groupId: string;
  personId: string;
  subjectCode: string;
  source: 'aaf' | 'manual';
}

/** A role in one class: the professeur principal. */
export interface GroupRolesTable {
  groupId: string;
  personId: string;
  role: 'mainTeacher';
  source: 'aaf' | 'manual';
}

/** A pupil's contact who is not one of their parents (`ENTElevePersRelEleve`): no access to the pupil's things. */
export interface StudentContactsTable {
  studentId: string;
  relativeId: string;
  relation: string | null;
  source: 'aaf' | 'manual';
}

/** One AAF import run (it may cover many structures). */
export interface AafRunsTable {
  id: string;
  schoolYear: string;
  mode: 'Complet' | 'Delta' | 'mixed';
  actorId: string | null;
  startedAt: string;
  status: 'done' | 'failed';
  /** JSON report (counts, warnings, errors). */
  report: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    aafStructures: AafStructuresTable;
    aafPeople: AafPeopleTable;
    aafGroups: AafGroupsTable;
    directorySubjects: DirectorySubjectsTable;
    teachingAssignments: TeachingAssignmentsTable;
    groupRoles: GroupRolesTable;
    studentContacts: StudentContactsTable;
    aafRuns: AafRunsTable;
  }
}
