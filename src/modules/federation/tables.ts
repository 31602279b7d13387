/** One object of the OpenID provider (session, interaction, grant, code, token…), as the provider hands it over. */
export interface OidcModelsTable {
  /** The provider's model name (`Session`, `AuthorizationCode`, `RefreshToken`…). */
  kind: string;
  id: string;
  /** The provider's payload, JSON. */
  payload: string;
  grantId: string | null;
  /** The partner the object belongs to, when it has one (revoking a partner's tokens). */
  clientId: string | null;
  /** The person the object is about, when it has one (a person's grant to a partner outlives a browser). */
  accountId: string | null;
  userCode: string | null;
  uid: string | null;
  /** After this the row is dead; the sweep job deletes it. */
  expiresAt: string | null;
  consumedAt: string | null;
}

/** A signing key of the provider. The private half is sealed with the instance's secret. */
export interface OidcKeysTable {
  kid: string;
  alg: string;
  publicJwk: string;
  /** AES-GCM sealed private JWK (see crypto.ts). */
  privateJwk: string;
  createdAt: string;
  /** Set when a newer key took over: still published for verification until the grace period ends. */
  retiredAt: string | null;
}

/** A partner application registered by the instance administrator. */
export interface OidcClientsTable {
  /** The `client_id`. */
  id: string;
  name: string;
  /** AES-GCM sealed `client_secret`: the provider compares it in plain, so it is sealed, not hashed. */
  secret: string;
  /** JSON array of the registered redirect URIs. */
  redirectUris: string;
  /** JSON array of the URIs a partner may send people back to after logout. */
  postLogoutRedirectUris: string;
  /** Trusted partners receive the person's id as `sub` and the login; others a pairwise `sub`. */
  trusted: number;
  /** Whether the partner may receive refresh tokens. */
  refreshAllowed: number;
  /** Consent given once for everyone by the administrator: no consent screen. */
  consentPreapproved: number;
  createdAt: string;
  createdBy: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    oidcModels: OidcModelsTable;
    oidcKeys: OidcKeysTable;
    oidcClients: OidcClientsTable;
  }
}
