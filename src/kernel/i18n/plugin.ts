import fp from 'fastify-plugin';
import type { Actor } from '../authz/index.js';
import { DEFAULT_LOCALE, runInLocaleStore, type Locale, type LocaleStore } from './locale.js';

/** Where a person's language comes from (a module's stored preference); null: no choice, French. */
export type LocaleSource = (actor: Actor) => Promise<Locale | null>;

export class LocaleSources {
  private source: LocaleSource | null = null;

  /** One module stores the preference; a second registration is a mistake. */
  use(source: LocaleSource): void {
    if (this.source) throw new Error('a locale source is already registered');
    this.source = source;
  }

  async of(actor: Actor): Promise<Locale> {
    return (this.source && (await this.source(actor))) ?? DEFAULT_LOCALE;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the signed-in person's language is read from (`app.locales.use(source)`). */
    locales: LocaleSources;
  }
  interface FastifyRequest {
    /** The language this request answers in: the person's choice, French for visitors. */
    locale: Locale;
  }
}

/**
 * The request's locale: a store opened for every request, then set from the signed-in person's
 * choice once the session is read (register after the auth plugin). Visitors get French
 * (decision 0039). `fastify-plugin`: the hooks must reach every module's routes.
 */
export const i18nPlugin = fp(async (app) => {
  app.decorate('locales', new LocaleSources());
  app.decorateRequest('locale', DEFAULT_LOCALE);
  const stores = new WeakMap<object, LocaleStore>();
  // A callback hook, so the rest of the request runs inside the store (an async hook's context ends with it).
  app.addHook('onRequest', (request, _reply, done) => {
    const store: LocaleStore = { locale: DEFAULT_LOCALE };
    stores.set(request, store);
    runInLocaleStore(store, done);
  });
  app.addHook('onRequest', async (request) => {
    const actor = request.optionalActor;
    if (!actor || request.url.startsWith('/static/')) return;
    const locale = await app.locales.of(actor);
    request.locale = locale;
    const store = stores.get(request);
    if (store) store.locale = locale;
  });
});
