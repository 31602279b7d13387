/** Who a communication rule speaks of: a profile, or the director role of the structure. */
export type Audience = 'student' | 'teacher' | 'relative' | 'personnel' | 'director';
/** `linked`: people sharing a class or group with the writer (or their child); `structure`: anyone of the school. */
export type RuleScope = 'linked' | 'structure';
export type MessageState = 'draft' | 'sent' | 'held' | 'rejected';
/** Where the sender keeps their own copy. */
export type SenderFolder = 'sent' | 'drafts' | 'trash' | 'purged';
/** Where a recipient keeps their copy; `held` until a manager releases a held send. */
export type RecipientFolder = 'inbox' | 'trash' | 'purged' | 'held';
export type EmailMode = 'off' | 'immediate' | 'digest';

export interface CommunicationRulesTable {
  id: string;
  structureId: string;
  fromAudience: Audience;
  toAudience: Audience;
  scope: RuleScope;
  updatedAt: string;
}

/** Per-school messaging settings; the row is created with the default rules on first use. */
export interface MessagingSettingsTable {
  structureId: string;
  readOnly: number;
  /** Quiet hours, `HH:MM` Europe/Paris; a start after the end spans midnight. */
  quietStart: string;
  quietEnd: string;
  quietWeekends: number;
  updatedAt: string;
}

export interface MessagesTable {
  id: string;
  /** Id of the thread's first message. */
  threadId: string;
  parentId: string | null;
  senderId: string;
  /** The school the message was written in: its rules, limits and read-only switch apply. */
  structureId: string;
  state: MessageState;
  senderFolder: SenderFolder;
  subject: string;
  /** Sanitised HTML. */
  bodyHtml: string;
  /** JSON list of `{ token, label }` as chosen (people and groups), for display and drafts. */
  toJson: string;
  ccJson: string;
  recipientCount: number;
  /** Folded words of subject, body and sender, which the search index follows (`search-index.ts`). */
  searchText: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface MessageRecipientsTable {
  messageId: string;
  personId: string;
  kind: 'to' | 'cc';
  folder: RecipientFolder;
  readAt: string | null;
  /** Copy of the message's `sentAt`, so that an inbox page is one index range. */
  sentAt: string;
}

export interface MessageAttachmentsTable {
  id: string;
  messageId: string;
  blobKey: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface MessagingPreferencesTable {
  personId: string;
  emailMode: EmailMode;
  updatedAt: string;
}

export interface MailQueueTable {
  id: string;
  personId: string;
  /** What the notice is of: a message, or another service's notification (one of the two). */
  messageId: string | null;
  notificationId: string | null;
  dueAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** The flush that is sending this notice, until `claimedUntil`; a claim that expires is taken again. */
  claimedBy: string | null;
  claimedUntil: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    communicationRules: CommunicationRulesTable;
    messagingSettings: MessagingSettingsTable;
    messages: MessagesTable;
    messageRecipients: MessageRecipientsTable;
    messageAttachments: MessageAttachmentsTable;
    messagingPreferences: MessagingPreferencesTable;
    mailQueue: MailQueueTable;
  }
}
