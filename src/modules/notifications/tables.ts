export interface NotificationsTable {
  id: string;
  recipientId: string;
  /** What produced it, e.g. `homework.published`. */
  kind: string;
  /** The thing it tells about (`homework.published:<lesson id>`), unique per recipient; null for one-off notices. */
  source: string | null;
  title: string;
  body: string | null;
  /** Path inside Préau the notification opens. */
  link: string;
  createdAt: string;
  /** Shown from this moment on (work published for later stays hidden until then). */
  visibleAt: string;
  readAt: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    notifications: NotificationsTable;
  }
}
