/** One device's Web Push subscription (RFC 8030), given by the browser when the person opts in. */
export interface PushSubscriptionsTable {
  id: string;
  personId: string;
  /** The push service's address for this device: unique, a device belongs to one person at a time. */
  endpoint: string;
  /** The browser's P-256 public key (base64url), for the payload's encryption (RFC 8291). */
  p256dh: string;
  /** The browser's 16-byte authentication secret (base64url). */
  auth: string;
  createdAt: string;
  lastSentAt: string | null;
}

/** The in-app notifications already pushed, so that each reaches a device once. */
export interface PushSentTable {
  notificationId: string;
  sentAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    pushSubscriptions: PushSubscriptionsTable;
    pushSent: PushSentTable;
  }
}
