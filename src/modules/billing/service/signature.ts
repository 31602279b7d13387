import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The string both sides sign: the parameters but `signature`, sorted by name, as
 * `name=value` pairs with the values percent-encoded (encodeURIComponent), joined by `&`.
 * No dependency on the rest of the application: the test's stand-in provider imports it.
 */
export function canonical(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${encodeURIComponent(params[k]!)}`)
    .join('&');
}

/** HMAC-SHA256 of the canonical string with the shared secret, lowercase hex. */
export function sign(params: Record<string, string>, secret: string): string {
  return createHmac('sha256', secret).update(canonical(params), 'utf8').digest('hex');
}

/** Whether `signature` is the parameters' signature, compared in constant time. */
export function verify(params: Record<string, string>, signature: string, secret: string): boolean {
  const expected = Buffer.from(sign(params, secret), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
