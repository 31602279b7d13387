import { definePolicy, type ActionsOf, type Actor } from '../../kernel/authz/index.js';

/** A notification as the rules see it: whose it is, and whether it is shown yet. */
export interface NotificationFacts {
  recipientId: string;
  /** False while its moment has not come (work published for later). */
  visible: boolean;
}

export const notificationsPolicy = definePolicy('notifications', {
  /** A person reads their own notifications once shown, nobody else's (lists filter the same way in SQL). */
  'notifications.notification.read': (actor: Actor, n: NotificationFacts) => n.recipientId === actor.personId && n.visible,
  /** A person marks their own shown notifications read; another person's id is not found. */
  'notifications.notification.mark': (actor: Actor, n: NotificationFacts) => n.recipientId === actor.personId && n.visible,
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof notificationsPolicy> {}
}
