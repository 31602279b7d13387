/** Who filed a request: a family (about a child) or a school's director (about the school). */
export type RequestOrigin = 'family' | 'school';
/** What a family asks the municipality. */
export type FamilyKind = 'enrolment' | 'exemption' | 'attestation';
/** What a director asks the municipality. */
export type SchoolKind = 'works' | 'incident' | 'canteen' | 'other';
export type RequestKind = FamilyKind | SchoolKind;
/** Where a request stands; every change is kept in `requestsStatusChanges`. */
export type RequestStatus = 'submitted' | 'inReview' | 'waiting' | 'accepted' | 'refused' | 'closed';
/** The documents an enrolment asks for, and any other the family adds. */
export type DocumentKind = 'address' | 'family' | 'vaccinations' | 'other';
/** The attestations a family may ask for. */
export type AttestationKind = 'attendance' | 'payment' | 'registration';

/** A request to the municipality, from a family about a child or from a director about the school. */
export interface RequestsRequestsTable {
  id: string;
  origin: RequestOrigin;
  kind: RequestKind;
  /** The municipality that handles it: the school's owner when it was filed. */
  municipalityId: string;
  /** The child's school, or the director's. */
  structureId: string;
  /** The child, for a family's request; null for a school's. */
  studentId: string | null;
  requesterId: string;
  /** The school year the enrolment is for (the next rentrée); null otherwise. */
  schoolYear: string | null;
  /** A director's title; empty for a family's request. */
  title: string;
  /** What the requester wrote (plain text). */
  details: string;
  /** The dérogation's reason; empty otherwise. */
  reason: string;
  /** The attestation asked for; null otherwise. */
  attestationKind: AttestationKind | null;
  status: RequestStatus;
  createdAt: string;
  updatedAt: string;
}

/** Append-only: each status a request took, when and by whom. */
export interface RequestsStatusChangesTable {
  id: string;
  requestId: string;
  status: RequestStatus;
  changedBy: string;
  changedAt: string;
  /** 1, 2, 3… in the request: the order of changes made within the same millisecond. */
  position: number;
}

/** The conversation of a request. */
export interface RequestsMessagesTable {
  id: string;
  requestId: string;
  authorId: string;
  body: string;
  createdAt: string;
  /** 1, 2, 3… in the request. */
  position: number;
}

/** A file attached to a request: a family's document, or the municipality's answer (`answer` = 1). */
export interface RequestsFilesTable {
  id: string;
  requestId: string;
  kind: DocumentKind;
  /** 1: the municipality's answer document; 0: a document from the requester. */
  answer: number;
  blobKey: string;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** A note from the municipality to the directors of its schools. */
export interface RequestsNotesTable {
  id: string;
  municipalityId: string;
  authorId: string;
  title: string;
  body: string;
  /** 1: every school of the municipality, now and later; 0: the schools listed. */
  allSchools: number;
  createdAt: string;
}

export interface RequestsNoteSchoolsTable {
  noteId: string;
  structureId: string;
}

/** When a director first opened a note. */
export interface RequestsNoteReadsTable {
  noteId: string;
  personId: string;
  structureId: string;
  readAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    requestsRequests: RequestsRequestsTable;
    requestsStatusChanges: RequestsStatusChangesTable;
    requestsMessages: RequestsMessagesTable;
    requestsFiles: RequestsFilesTable;
    requestsNotes: RequestsNotesTable;
    requestsNoteSchools: RequestsNoteSchoolsTable;
    requestsNoteReads: RequestsNoteReadsTable;
  }
}
