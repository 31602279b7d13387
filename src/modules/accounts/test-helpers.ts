import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { form } from '../../kernel/testing/index.js';

/**
 * A browser without JavaScript, for route tests: keeps cookies between requests, and picks up the
 * CSRF token from the last page's hidden `_csrf` field (or from GET /api/accounts/me).
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private absorb(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const gone = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]*)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() }, remoteAddress: this.remoteAddress });
    return this.absorb(response);
  }

  /** Posts a urlencoded form with the current CSRF token, unless `_csrf` is given (or null to leave it out). */
  async post(url: string, fields: Record<string, string | string[]>, csrf: string | null = this.csrf): Promise<LightMyRequestResponse> {
    const body = form(csrf === null ? fields : { _csrf: csrf, ...fields });
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { ...body.headers, cookie: this.cookieHeader() },
      remoteAddress: this.remoteAddress,
    });
    return this.absorb(response);
  }

  /** Reads GET /api/accounts/me: the actor, and the CSRF token JSON calls need. */
  async me(): Promise<{ actor: Record<string, unknown> | null; csrfToken: string }> {
    const response = await this.get('/api/accounts/me');
    const body = response.json() as { actor: Record<string, unknown> | null; csrfToken: string };
    this.csrf = body.csrfToken;
    return body;
  }

  async postJson(url: string, payload: unknown, csrf: string | null = this.csrf): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    if (csrf !== null) headers['x-csrf-token'] = csrf;
    const response = await this.app.inject({ method: 'POST', url, payload: payload as object, headers, remoteAddress: this.remoteAddress });
    return this.absorb(response);
  }
}

/** The `preau_session` value a response set, if any. */
export function sessionCookieOf(response: LightMyRequestResponse) {
  return (response.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[]).find(
    (c) => c.name === 'preau_session' && c.value !== '',
  );
}

/** Audit rows of one action, oldest first, with their details parsed. */
export async function auditRows(app: FastifyInstance, action: string) {
  const rows = await app.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('at').execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
