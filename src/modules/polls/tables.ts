/** Who a poll asks: the parents of a class, the school's staff, or a chosen list of people (a council). */
export type PollAudience = 'classParents' | 'staff' | 'people';

export interface PollsTable {
  id: string;
  structureId: string;
  schoolYear: string;
  authorId: string;
  audience: PollAudience;
  /** The class, for `classParents`. */
  groupId: string | null;
  title: string;
  description: string;
  /** Several options may be chosen (1), or one (0). */
  multiple: number;
  /** One vote per family (the legal guardians of the same child), or per person. */
  perFamily: number;
  /** Chosen at creation; locked from the first vote on. */
  anonymous: number;
  /** Results shown to voters while open (1), or only after closing (0). */
  resultsLive: number;
  opensAt: string;
  closesAt: string;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

export interface PollOptionsTable {
  id: string;
  pollId: string;
  label: string;
  position: number;
}

/** The audience, fixed at creation: who may vote and read the poll. */
export interface PollMembersTable {
  pollId: string;
  personId: string;
}

/** That a vote was cast for a voter key (a person, or `child:<id>` for a family); who cast it unless anonymous. */
export interface PollBallotsTable {
  pollId: string;
  voterKey: string;
  /** Null for an anonymous poll: the ballot says that someone voted, never what. */
  castBy: string | null;
  castAt: string;
  updatedAt: string;
}

/** The options chosen; tied to the ballot only when the poll is not anonymous. */
export interface PollChoicesTable {
  id: string;
  pollId: string;
  optionId: string;
  /** The ballot's voter key, or null for an anonymous poll. */
  voterKey: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    polls: PollsTable;
    pollOptions: PollOptionsTable;
    pollMembers: PollMembersTable;
    pollBallots: PollBallotsTable;
    pollChoices: PollChoicesTable;
  }
}
