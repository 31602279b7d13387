// First-load weight of a page: its HTML plus the stylesheets and scripts it links, fetched over HTTP.
import zlib from 'node:zlib';

export interface Resource {
  url: string;
  kind: 'html' | 'css' | 'js';
  status: number;
  bytes: number;
  gzip_bytes: number;
}

export interface PageWeight {
  url: string;
  status: number;
  /** The page's <title>, to tell a real page from a redirect target or an error page. */
  title: string | null;
  html_bytes: number;
  css_bytes: number;
  js_bytes: number;
  total_bytes: number;
  /** What the same files weigh gzipped (level 6), as a compressing proxy would send them. */
  total_gzip_bytes: number;
  resources: Resource[];
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    out.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** Stylesheets (`<link rel=stylesheet>`) and scripts (`<script src>`, `<link rel=modulepreload>`) a page loads. */
export function linkedResources(html: string): { href: string; kind: 'css' | 'js' }[] {
  const out: { href: string; kind: 'css' | 'js' }[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of withoutComments.matchAll(/<(link|script)\b([^>]*)>/gi)) {
    const attrs = attributes(m[2]!);
    if (m[1]!.toLowerCase() === 'link') {
      const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = attrs.get('href');
      if (!href) continue;
      if (rel.includes('stylesheet')) out.push({ href: decodeEntities(href), kind: 'css' });
      else if (rel.includes('modulepreload') || (rel.includes('preload') && attrs.get('as') === 'script')) out.push({ href: decodeEntities(href), kind: 'js' });
    } else {
      const src = attrs.get('src');
      if (src) out.push({ href: decodeEntities(src), kind: 'js' });
    }
  }
  return out.filter((r, i) => out.findIndex((o) => o.href === r.href) === i);
}

async function fetchBytes(url: string, cookie: string | null) {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', accept: 'text/html,*/*' };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body };
}

export async function pageWeight(baseUrl: string, path: string, cookie: string | null): Promise<PageWeight> {
  const page = await fetchBytes(baseUrl + path, cookie);
  const resources: Resource[] = [{ url: path, kind: 'html', status: page.status, bytes: page.body.length, gzip_bytes: zlib.gzipSync(page.body).length }];
  for (const { href, kind } of linkedResources(page.body.toString('utf8'))) {
    const url = new URL(href, baseUrl + path);
    if (url.origin !== new URL(baseUrl).origin) {
      resources.push({ url: url.href, kind, status: 0, bytes: 0, gzip_bytes: 0 });
      continue;
    }
    const res = await fetchBytes(url.href, cookie);
    resources.push({ url: url.pathname + url.search, kind, status: res.status, bytes: res.body.length, gzip_bytes: zlib.gzipSync(res.body).length });
  }
  const sum = (kind: Resource['kind']) => resources.filter((r) => r.kind === kind).reduce((a, r) => a + r.bytes, 0);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(page.body.toString('utf8'))?.[1]?.trim() ?? null;
  return {
    url: path,
    status: page.status,
    title,
    html_bytes: sum('html'),
    css_bytes: sum('css'),
    js_bytes: sum('js'),
    total_bytes: resources.reduce((a, r) => a + r.bytes, 0),
    total_gzip_bytes: resources.reduce((a, r) => a + r.gzip_bytes, 0),
    resources,
  };
}
