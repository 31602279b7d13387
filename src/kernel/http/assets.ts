/**
 * Fingerprinted addresses for the files under `public/`: pages link `/static/css/preau.css?v=<hash
 * of its content>`, and an answer to the current fingerprint may be kept a year (`immutable`), so a
 * phone on a weak line downloads the style sheet once per release, not once an hour. Any other
 * request for the file keeps the short cache and its ETag (304 when unchanged).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let root: string | null = null;
const fingerprints = new Map<string, string>();

/** Called once by the HTTP plugin with the folder it serves under `/static/`. */
export function serveAssetsFrom(dir: string): void {
  root = path.resolve(dir);
  fingerprints.clear();
}

/** The first 10 hex digits of the file's SHA-256, computed once per process (a release). */
export function fingerprintOf(relative: string): string | null {
  if (!root) return null;
  const known = fingerprints.get(relative);
  if (known !== undefined) return known;
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return null;
  let hash: string | null = null;
  try {
    hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
  } catch {
    hash = null;
  }
  if (hash) fingerprints.set(relative, hash);
  return hash;
}

/** `css/preau.css` → `/static/css/preau.css?v=3f2a…`, the address pages use. */
export function assetUrl(relative: string): string {
  const hash = fingerprintOf(relative);
  return `/static/${relative}${hash ? `?v=${hash}` : ''}`;
}

/** Whether a request under `/static/` names the file's current fingerprint (then it never changes). */
export function isCurrentFingerprint(url: string): boolean {
  const [pathname = '', query = ''] = url.split('?', 2);
  const v = new URLSearchParams(query).get('v');
  if (!v || !pathname.startsWith('/static/')) return false;
  return fingerprintOf(decodeURIComponent(pathname.slice('/static/'.length))) === v;
}
