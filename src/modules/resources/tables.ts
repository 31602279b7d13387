/** A teacher's link: private, shared with their classes, or with the school's teachers. */
export interface ResourceLinksTable {
  id: string;
  ownerId: string;
  structureId: string;
  title: string;
  url: string;
  description: string;
  /** JSON arrays of text. */
  levelsJson: string;
  subjectsJson: string;
  tagsJson: string;
  theme: string;
  /** 0/1: every teacher of the school sees it. */
  sharedWithSchool: number;
  /** Where it was copied from, when it is a copy of a colleague's link. */
  copiedFrom: string | null;
  /** The last check's outcome: `ok`, `dead`, or null before the first check. */
  checkStatus: string | null;
  checkedAt: string | null;
  /** When the link was first found dead in a row of checks (the owner is told once). */
  deadSince: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The classes a link is shared with (their pupils, parents and teachers see it this year). */
export interface ResourceLinkGroupsTable {
  linkId: string;
  groupId: string;
}

/** A catalogue resource, from an import (ScoLOMFR, CSV) or the demo. */
export interface CatalogueResourcesTable {
  id: string;
  /** The source's identifier: imports are idempotent by it. */
  identifier: string;
  title: string;
  description: string;
  url: string;
  levelsJson: string;
  subjectsJson: string;
  theme: string;
  /** video, exercise, textbook, application, dictionary, … */
  type: string;
  publisher: string;
  licence: string;
  /** `teacher`, `student` (JSON array). */
  audienceJson: string;
  /** `free` or `licence`. */
  access: string;
  /** The partner that federation will sign people into (null: plain link). */
  partner: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Uses of catalogue resources, counted per day, school and resource: no trail per person. */
export interface ResourceUsesTable {
  day: string;
  structureId: string;
  resourceId: string;
  uses: number;
}

/** A school's resource budget for one school year, set by its municipality or the académie. */
export interface ResourceBudgetsTable {
  structureId: string;
  schoolYear: string;
  /** In euro cents. */
  amountCents: number;
  setBy: string;
  updatedAt: string;
}

/** A line of a school's basket: a catalogue resource, for a class or a year-group, proposed by a teacher. */
export interface ResourceBasketLinesTable {
  id: string;
  structureId: string;
  schoolYear: string;
  resourceId: string;
  proposedBy: string;
  /** The class it is for, or null when it is for a year-group (`level`). */
  groupId: string | null;
  level: string | null;
  quantity: number;
  unitPriceCents: number;
  /** `proposed`, `validated` or `refused` (by the director). */
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A school's licence of a catalogue resource, for a class or a year-group, between two dates (inclusive). */
export interface ResourceLicencesTable {
  id: string;
  resourceId: string;
  structureId: string;
  groupId: string | null;
  level: string | null;
  startsOn: string;
  endsOn: string;
  createdBy: string;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    resourceBudgets: ResourceBudgetsTable;
    resourceBasketLines: ResourceBasketLinesTable;
    resourceLicences: ResourceLicencesTable;
    resourceLinks: ResourceLinksTable;
    resourceLinkGroups: ResourceLinkGroupsTable;
    catalogueResources: CatalogueResourcesTable;
    resourceUses: ResourceUsesTable;
  }
}
