import { safeEqual, sha256 } from './tokens.js';

/**
 * Device cookies (OWASP's "device cookie" against lockout): after a successful sign-in the browser
 * keeps, in one signed HttpOnly cookie, an entry per person who signed in there (a shared family
 * computer holds a parent's and a child's). An entry names the person, when it was issued, and a
 * digest bound to the person's current password hash, so a new password (or an access reset)
 * makes every earlier entry worthless without storing anything. The cookie is signed by the
 * route (the instance cookie secret); this file only reads and writes its value.
 */
export const DEVICE_COOKIE = 'preau_device';
export const DEVICE_DAYS = 180;
/** Entries kept per browser, most recent first. */
const MAX_ENTRIES = 5;

const DAY_MS = 24 * 60 * 60_000;

interface Entry {
  personId: string;
  issuedAt: number;
  check: string;
}

function checkOf(personId: string, issuedAt: number, passwordHash: string): string {
  return sha256(`${personId}~${issuedAt}~${passwordHash}`).slice(0, 22);
}

function parse(value: string | null | undefined): Entry[] {
  if (!value) return [];
  const entries: Entry[] = [];
  for (const part of value.split('.').slice(0, MAX_ENTRIES)) {
    const [personId, issued, check] = part.split('~');
    const issuedAt = Number(issued);
    if (personId && check && Number.isSafeInteger(issuedAt)) entries.push({ personId, issuedAt, check });
  }
  return entries;
}

const write = (entries: Entry[]) => entries.map((e) => `${e.personId}~${e.issuedAt}~${e.check}`).join('.');

/**
 * The key of this browser for the person, when the cookie holds a valid entry for them: issued
 * less than DEVICE_DAYS ago, for the password they have now. Null otherwise.
 */
export function knownDevice(cookie: string | null | undefined, person: { id: string; passwordHash: string | null }, now: Date): string | null {
  if (!person.passwordHash) return null;
  const entry = parse(cookie).find((e) => e.personId === person.id);
  if (!entry) return null;
  const age = now.getTime() - entry.issuedAt;
  if (age < 0 || age > DEVICE_DAYS * DAY_MS) return null;
  if (!safeEqual(entry.check, checkOf(person.id, entry.issuedAt, person.passwordHash))) return null;
  return `${person.id}~${entry.issuedAt}`;
}

/** The cookie's new value after the person signed in: their fresh entry first, the others kept. */
export function rememberDevice(cookie: string | null | undefined, person: { id: string; passwordHash: string }, now: Date): string {
  const issuedAt = now.getTime();
  const others = parse(cookie).filter((e) => e.personId !== person.id && now.getTime() - e.issuedAt <= DEVICE_DAYS * DAY_MS);
  return write([{ personId: person.id, issuedAt, check: checkOf(person.id, issuedAt, person.passwordHash) }, ...others].slice(0, MAX_ENTRIES));
}
