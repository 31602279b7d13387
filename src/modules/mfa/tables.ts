/** A person's authenticator-app factor (TOTP, RFC 6238). One per person. */
export interface MfaTotpTable {
  personId: string;
  /** The shared secret, AES-256-GCM encrypted (see crypto.ts): `iv.tag.ciphertext`, base64url. */
  secret: string;
  /** Null while the enrolment waits for its first code. */
  confirmedAt: string | null;
  /** The last accepted time step: a code of that step or an earlier one is refused (replay). */
  lastTimeStep: number;
  createdAt: string;
}

/** Single-use recovery codes, argon2id hashes only; shown once at enrolment. */
export interface MfaRecoveryCodesTable {
  id: string;
  personId: string;
  codeHash: string;
  usedAt: string | null;
}

/**
 * Half-sessions between the right password and the second step: the cookie holds a random token,
 * the row its SHA-256. `purpose` says which page it opens: the code step, or a forced enrolment.
 */
export interface MfaChallengesTable {
  id: string;
  personId: string;
  purpose: 'verify' | 'enrol';
  next: string | null;
  expiresAt: string;
  createdAt: string;
}

/** When a person first signed in while the policy required a factor: their grace period starts there. */
export interface MfaRequiredSinceTable {
  personId: string;
  since: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    mfaTotp: MfaTotpTable;
    mfaRecoveryCodes: MfaRecoveryCodesTable;
    mfaChallenges: MfaChallengesTable;
    mfaRequiredSince: MfaRequiredSinceTable;
  }
}
