/** A rostering partner registered by the instance administrator (OAuth 2.0 client credentials). */
export interface OnerosterClientsTable {
  /** The `client_id`. */
  id: string;
  name: string;
  /** SHA-256 of the `client_secret` (32 random bytes: a slow hash adds nothing to that entropy). */
  secretHash: string;
  /** Whether the partner may ask for the demographics scope (birth dates, sex). Off unless said. */
  demographics: number;
  createdAt: string;
  createdBy: string | null;
  /** Set when the administrator revoked the partner: no token, no answer, from then on. */
  revokedAt: string | null;
}

/** The structures a partner was granted: it sees these schools' data and nothing else. */
export interface OnerosterClientSchoolsTable {
  clientId: string;
  structureId: string;
}

/** A short-lived bearer token issued to a partner, kept as its SHA-256 only. */
export interface OnerosterTokensTable {
  tokenHash: string;
  clientId: string;
  /** Space-separated granted scopes. */
  scopes: string;
  issuedAt: string;
  expiresAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    onerosterClients: OnerosterClientsTable;
    onerosterClientSchools: OnerosterClientSchoolsTable;
    onerosterTokens: OnerosterTokensTable;
  }
}
