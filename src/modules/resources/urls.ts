/** The address if it is an absolute http(s) URL with a host; null for `javascript:`, `data:`, relative paths… */
export function httpUrl(value: string): string | null {
  const trimmed = value.trim();
  // A host must follow the scheme as typed: the URL parser would read `http:///x` as `http://x/`.
  if (!/^https?:\/\/[^/\\\s?#]/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}
