/**
 * Which service URLs a registered pattern accepts. Two forms, both anchored at the start:
 *
 * - without `*`, an exact prefix that ends on a boundary: `https://outil.example/ent` accepts
 *   `https://outil.example/ent`, `…/ent/cours` and `…/ent?x=1`, never `…/entrepot` nor
 *   `https://outil.example.evil.test/`;
 * - with `*`, the whole URL must match: in the host a `*` stands for one or more labels and only as
 *   the leftmost one (`https://*.outil.example/*`), elsewhere for any run of characters.
 *
 * Scheme and host compare without case, the rest as written.
 */
export type PatternProblem = 'scheme' | 'host' | 'wildcardHost' | 'spaces' | 'length';

export const PATTERN_MAX = 500;

interface Split {
  /** `https://host:port`, lower-cased. */
  origin: string;
  /** Everything after the host: path, query, fragment. */
  rest: string;
}

function split(url: string): Split | null {
  const m = /^(https?):\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!m) return null;
  return { origin: `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}`, rest: m[3]! };
}

/** Why a pattern cannot be registered, or null when it can. */
export function patternProblem(pattern: string): PatternProblem | null {
  if (pattern.length > PATTERN_MAX) return 'length';
  if (/\s/.test(pattern)) return 'spaces';
  const parts = split(pattern);
  if (!parts) return 'scheme';
  const host = parts.origin.replace(/^https?:\/\//, '');
  if (!host || host.includes('@') || host.startsWith(':')) return 'host';
  if (host.includes('*')) {
    // Only a whole leftmost label, under at least two fixed labels: `*.college.example`, never `*` or `*.fr`.
    if (!/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/.test(host)) return 'wildcardHost';
  } else if (!/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/.test(host)) return 'host';
  return null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wildcard(text: string, star: string): string {
  return text.split('*').map(escape).join(star);
}

/** Whether `url` (the `service` a partner sent) is one the pattern accepts. */
export function patternMatches(pattern: string, url: string): boolean {
  const p = split(pattern);
  const u = split(url);
  if (!p || !u || u.origin.includes('@')) return false;
  if (!pattern.includes('*')) {
    if (u.origin !== p.origin) return false;
    if (p.rest === '') return u.rest === '' || /^[/?#]/.test(u.rest);
    if (!u.rest.startsWith(p.rest)) return false;
    const next = u.rest.charAt(p.rest.length);
    return next === '' || /[/?#]$/.test(p.rest) || /[/?#]/.test(next);
  }
  const origin = new RegExp(`^${wildcard(p.origin, '[a-z0-9-]+(?:\\.[a-z0-9-]+)*')}$`);
  const rest = new RegExp(`^${wildcard(p.rest, '.*')}$`, 's');
  return origin.test(u.origin) && rest.test(u.rest);
}

/** A service URL Préau may send someone to: absolute http(s), no user name or password in it. */
export function isServiceUrl(url: string): boolean {
  if (url.length > 2000 || /[\s\u0000-\u001f]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password && !!parsed.hostname;
  } catch {
    return false;
  }
}
