/** A file or folder in someone's document space (or in a class space, when `classId` is set). */
export interface DocumentNodesTable {
  id: string;
  /** Whose space the node lives in: every node of a tree has its root's owner (and quota). */
  ownerId: string;
  /** Who made it (an editor with an editable share may add to someone else's folder). */
  createdBy: string;
  parentId: string | null;
  kind: 'folder' | 'file';
  name: string;
  /** Folded lower-case name, for accent-insensitive search. */
  searchKey: string;
  /** Ancestor ids and its own, `/a/b/c/`: shares and trash apply to a whole subtree. */
  path: string;
  /** Class space: readable by the members of this class (group id). */
  classId: string | null;
  /** Class space only: the pupils' parents may read it too (0/1). */
  parentsCanRead: number;
  blobKey: string | null;
  size: number;
  sha256: string | null;
  contentType: string | null;
  /** Set on a trashed node and its whole subtree, with the same time. */
  trashedAt: string | null;
  /** 1 on the node the person put in the trash (what the trash lists). */
  trashRoot: number;
  createdAt: string;
  updatedAt: string;
}

export interface DocumentSharesTable {
  id: string;
  nodeId: string;
  granteeKind: 'person' | 'group';
  granteeId: string;
  canEdit: number;
  createdBy: string;
  createdAt: string;
}

/** A teacher's hand-in box (dépôt de devoirs) for one class or group. */
export interface HandInBoxesTable {
  id: string;
  groupId: string;
  teacherId: string;
  /** Homework assignment it belongs to, when any (no foreign key: another module's table). */
  assignmentId: string | null;
  title: string;
  instructions: string;
  /** Deadline, ISO timestamp. */
  dueAt: string;
  /** 1: late hand-ins accepted and marked late; 0: refused after the deadline. */
  acceptLate: number;
  createdAt: string;
}

export interface HandInsTable {
  id: string;
  boxId: string;
  studentId: string;
  submittedAt: string;
  late: number;
}

export interface HandInFilesTable {
  id: string;
  handInId: string;
  fileName: string;
  blobKey: string;
  size: number;
  sha256: string;
  contentType: string;
  createdAt: string;
}

/** What a teacher gives back on a hand-in: a comment and maybe a corrected file. */
export interface HandInReturnsTable {
  id: string;
  handInId: string;
  teacherId: string;
  comment: string;
  fileName: string | null;
  blobKey: string | null;
  size: number;
  sha256: string | null;
  contentType: string | null;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    documentNodes: DocumentNodesTable;
    documentShares: DocumentSharesTable;
    handInBoxes: HandInBoxesTable;
    handIns: HandInsTable;
    handInFiles: HandInFilesTable;
    handInReturns: HandInReturnsTable;
  }
}
