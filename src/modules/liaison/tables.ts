/** What a note's reply slip (coupon-réponse) asks: nothing, yes or no, one option among several, or a short text. */
export type ReplyKind = 'none' | 'yesNo' | 'choice' | 'text';
/** How an answer reached the list: signed online by a parent, or written on the paper slip and recorded by the sender. */
export type AnswerChannel = 'online' | 'paper';
/** What a parent writes to the teacher about. */
export type FamilyNoteKind = 'absence' | 'question';

/** A note (mot) from a teacher or the director to the families of one class. */
export interface LiaisonNotesTable {
  id: string;
  structureId: string;
  groupId: string;
  schoolYear: string;
  authorId: string;
  title: string;
  /** Plain text; line breaks kept. */
  body: string;
  /** Each child's family acknowledges it (one signature per child). */
  requiresSignature: number;
  replyKind: ReplyKind;
  /** The question of the reply slip; empty without one. */
  replyQuestion: string;
  /** JSON array of option labels, for `choice`. */
  replyOptions: string;
  /** The sender chose to show it to the pupils concerned too. */
  showToPupils: number;
  /** Every family of the class (1) or the chosen ones only (0); the children concerned are in `liaisonNoteChildren` either way. */
  wholeClass: number;
  createdAt: string;
  /** Withdrawn notes stay, marked, with who withdrew them. */
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  /** The last reminder asked for (a job sends it outside quiet hours). */
  remindedAt: string | null;
}

/** The children a note concerns, fixed when it is sent: the list is always per child. */
export interface LiaisonNoteChildrenTable {
  noteId: string;
  studentId: string;
}

/** A child's answer: one per note and child, online or on paper, in one list. */
export interface LiaisonAnswersTable {
  noteId: string;
  studentId: string;
  channel: AnswerChannel;
  /** The parent who signed, or the staff member who recorded the paper slip. */
  answeredBy: string;
  /** `yes`/`no`, an option's label, or the text; null when the note only asks for a signature. */
  answer: string | null;
  answeredAt: string;
  /** Changed since (a parent corrects, a paper slip replaces an online answer). */
  updatedAt: string;
}

/** A note from a parent to the teachers of their child's class (absence notice, question). */
export interface LiaisonFamilyNotesTable {
  id: string;
  structureId: string;
  groupId: string;
  schoolYear: string;
  studentId: string;
  authorId: string;
  kind: FamilyNoteKind;
  body: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    liaisonNotes: LiaisonNotesTable;
    liaisonNoteChildren: LiaisonNoteChildrenTable;
    liaisonAnswers: LiaisonAnswersTable;
    liaisonFamilyNotes: LiaisonFamilyNotesTable;
  }
}
