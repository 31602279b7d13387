import { Type, type Static } from '@sinclair/typebox';

const Base64Url = (max: number, description: string) => Type.String({ minLength: 16, maxLength: max, pattern: '^[A-Za-z0-9_-]+={0,2}$', description });

/** What `PushSubscription.toJSON()` gives in the browser (the expiration time is ignored). */
export const SubscriptionBody = Type.Object({
  /** The push service's address for this device. */
  endpoint: Type.String({ format: 'uri', minLength: 10, maxLength: 1000, description: 'The push service’s address for this device (https).' }),
  expirationTime: Type.Optional(Type.Union([Type.Null(), Type.Number()], { description: 'Ignored.' })),
  keys: Type.Object({
    p256dh: Base64Url(200, 'The browser’s P-256 public key, base64url.'),
    auth: Base64Url(50, 'The browser’s authentication secret, base64url.'),
  }),
});
export type SubscriptionBody = Static<typeof SubscriptionBody>;

export const EndpointBody = Type.Object({
  endpoint: Type.String({ minLength: 10, maxLength: 1000, description: 'The endpoint of the subscription to remove.' }),
});

export const KeyResponse = Type.Object({ publicKey: Type.String({ description: 'The instance’s VAPID public key, base64url (applicationServerKey).' }) });
export const SubscribedResponse = Type.Object({ id: Type.String({ description: 'The subscription’s id.' }) });
