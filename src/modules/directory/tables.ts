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
  source: 'onde' | 'manual';
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
}

export interface StructureMembersTable {
  structureId: string;
  personId: string;
  active: number;
  /** How an import recognises this person in this structure next time. */
  importKey: string | null;
  source: 'onde' | 'manual';
  createdAt: string;
}

export interface StructureRolesTable {
  structureId: string;
  personId: string;
  role: StructureRole;
  source: 'onde' | 'manual';
}

export interface RelativeLinksTable {
  relativeId: string;
  studentId: string;
  legalGuardian: number;
  source: 'onde' | 'manual';
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
