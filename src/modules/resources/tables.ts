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

declare module '../../kernel/db/index.js' {
  interface Database {
    resourceLinks: ResourceLinksTable;
    resourceLinkGroups: ResourceLinkGroupsTable;
    catalogueResources: CatalogueResourcesTable;
    resourceUses: ResourceUsesTable;
  }
}
