import { createHmac } from 'node:crypto';

/**
 * The identifier a partner knows a person by: an HMAC of the person and the partner under the
 * instance's secret. Stable for one partner, different between partners, and impossible to link
 * back to the person without the secret (the principle of the national resource access service).
 */
export function pseudonymousId(secret: string, personId: string, partner: string): string {
  return createHmac('sha256', secret).update(`${partner}\u0000${personId}`).digest('base64url');
}
