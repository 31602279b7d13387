import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { audit } from '../../kernel/audit.js';
import { SESSION_COOKIE } from '../../kernel/auth/plugin.js';
import { destroySession, findSession } from '../../kernel/auth/sessions.js';
import type { Clock } from '../../kernel/clock.js';
import type { Config } from '../../kernel/config/index.js';
import type { Db } from '../../kernel/db/index.js';
import { findAccount, SCOPE_CLAIMS } from './account.js';
import { findGrantId, kyselyAdapter } from './adapter.js';
import { pairwiseSubject } from './crypto.js';
import { t } from './i18n/fr.js';
import { errorPage, loggedOutPage, logoutPage } from './views/standalone.js';

/** Where the provider's routes live in the app; discovery is also answered at the instance's root. */
export const OIDC_PREFIX = '/oidc';

export interface ProviderDeps {
  db: Db;
  clock: Clock;
  config: Config;
  secret: string;
  log: { warn(obj: object, msg: string): void };
}

const errorMessages: Record<string, string> = {
  invalid_redirect_uri: t('federation.error.redirect_uri'),
  invalid_client: t('federation.error.client'),
  invalid_client_metadata: t('federation.error.client'),
  session_not_found: t('federation.error.expired'),
  invalid_request: t('federation.error.other'),
};

/** Audit entries are written after the answer: a failed write is logged, never turned into the partner's error. */
function later(deps: ProviderDeps, entry: Parameters<typeof audit>[1]): void {
  audit(deps.db, entry).catch((error: unknown) => deps.log.warn({ err: error, action: entry.action }, 'audit entry not written'));
}

/** The person signed in to Préau in this browser, if any (the provider's own session follows it). */
async function preauPerson(deps: ProviderDeps, ctx: KoaContextWithOIDC) {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (!token) return null;
  const lifetimes = { idleMinutes: deps.config.sessionIdleMinutes, absoluteMinutes: deps.config.sessionAbsoluteMinutes };
  return findSession(deps.db, token, lifetimes, deps.clock.now());
}

function policy(deps: ProviderDeps) {
  const prompts = interactionPolicy.base();
  // Préau's session is the one that counts: when the browser's Préau session is someone else (or
  // nobody), the provider's session is not trusted and the login interaction runs again.
  prompts.get('login')?.checks.add(
    new interactionPolicy.Check('preau_session', 'the Préau session is another person', async (ctx) => {
      const session = await preauPerson(deps, ctx);
      return session?.personId === ctx.oidc.session?.accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return prompts;
}

export function buildProvider(deps: ProviderDeps, jwks: { keys: object[] }): Provider {
  const { config, secret } = deps;
  const secure = config.publicUrl.startsWith('https://');
  const configuration: Configuration = {
    adapter: kyselyAdapter(deps.db, secret),
    jwks: jwks as Configuration['jwks'],
    clients: [],
    scopes: ['openid', 'profile', 'email', 'school', 'offline_access'],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    subjectTypes: ['public', 'pairwise'],
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    cookies: { keys: [`cookie:${secret}`], long: { signed: true, secure }, short: { signed: true, secure } },
    findAccount: (ctx, sub) => findAccount(deps.db, ctx, sub, deps.clock.now()),
    // Pseudonymous per partner: a keyed hash of the person's id and the client, stable and unlinkable.
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(secret, accountId, client.clientId),
    // Refresh tokens go to the partners allowed them, and only those (the client's grant types).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Consent is the person's, not the browser's: a grant given elsewhere is found again.
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client!.clientId;
      const accountId = ctx.oidc.session!.accountId;
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session!.grantIdFor(clientId) ??
        (accountId ? await findGrantId(deps.db, clientId, accountId, new Date()) : undefined);
      if (!grantId) return undefined;
      const grant = await ctx.oidc.provider.Grant.find(grantId);
      if (grant && grant.accountId === accountId) ctx.oidc.session!.grantIdFor(clientId, grantId);
      return grant && grant.accountId === accountId ? grant : undefined;
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}`, policy: policy(deps) },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 30 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 30 * 24 * 3600,
    },
    renderError: async (ctx, out, error) => {
      const code = String(out.error ?? 'server_error');
      later(deps, {
        action: 'federation.error',
        ip: ctx.ip,
        details: {
          error: code,
          description: out.error_description ?? null,
          clientId: ctx.oidc?.params?.client_id ?? null,
          redirectUri: ctx.oidc?.params?.redirect_uri ?? null,
        },
      });
      if (code === 'server_error') deps.log.warn({ err: error }, 'OpenID provider error');
      ctx.type = 'html';
      ctx.body = errorPage(errorMessages[code] ?? t('federation.error.other'), code);
    },
  };
  const provider = new Provider(config.publicUrl, configuration);
  provider.proxy = Boolean(config.trustProxy);
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const body = ctx.body as { scope?: string } | undefined;
    later(deps, {
      action: 'federation.token',
      actorId: ctx.oidc.account?.accountId ?? null,
      ip: ctx.ip,
      details: { clientId: ctx.oidc.client?.clientId ?? null, grantType: ctx.oidc.params?.grant_type ?? null, scope: body?.scope ?? null },
    });
  });
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    // Signing out through a partner signs out of Préau too.
    const token = ctx.cookies.get(SESSION_COOKIE);
    ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
    if (!token) return;
    void preauPerson(deps, ctx)
      .then(async (session) => {
        if (!session) return;
        await destroySession(deps.db, session.id);
        await audit(deps.db, { action: 'federation.logout', actorId: session.personId, ip: ctx.ip, details: { clientId: ctx.oidc.client?.clientId ?? null } });
      })
      .catch((error: unknown) => deps.log.warn({ err: error }, 'Préau session not ended'));
  });
  return provider;
}
