import type { FastifyPluginAsync } from 'fastify';
import { authenticated, publicRoutes } from '../../kernel/auth/plugin.js';
import { assetUrl } from '../../kernel/http/assets.js';
import { t } from './i18n/fr.js';
import { readingLanguageFr, t as tl } from './i18n/language.js';
import { languageOf } from './language.js';
import { readingMigrations } from './migrations/index.js';
import { readingApi } from './routes/api.js';
import { readingPages } from './routes/pages.js';
import { readingPrivacy } from './privacy.js';
import { readingPublic } from './routes/public.js';
import { effectiveSettings, type Deps } from './service.js';
import { lookOf } from './settings.js';
import './policy.js';
import './tables.js';

export { readingMigrations };

/**
 * Reading settings (font, size, spacing, contrast, reading aids) per person and per class, put on
 * every page's <html> by the server; the accessibility statement. Pages under /reading.
 */
export const readingModule: FastifyPluginAsync = async (app) => {
  const deps: Deps = { db: app.db, clock: app.clock };
  app.locales.use(async (actor) => languageOf(deps, actor.personId));
  app.privacy.declare(readingPrivacy);
  // Labels are read per page: they follow the language of the person signed in.
  const statement = () => ({ href: '/accessibilite', label: t('reading.footer.statement') });
  app.pageLooks.add(async (actor) => {
    if (!actor) return { footerLinks: [statement()] };
    const { settings } = await effectiveSettings(deps, actor.personId);
    // The way to the language form, in the page's language and, when that is not French, in French too.
    const language = tl('reading.language.footer');
    const languageLink = {
      href: '/reading#language',
      label: language === readingLanguageFr['reading.language.footer'] ? language : `${language} · ${readingLanguageFr['reading.language.footer']}`,
    };
    return {
      ...lookOf(settings, assetUrl, { play: t('reading.readAloud.play'), stop: t('reading.readAloud.stop') }),
      footerLinks: [{ href: '/reading', label: t('reading.footer.settings') }, languageLink, statement()],
    };
  });
  await app.register(
    authenticated<Deps>(async (app, opts) => {
      await app.register(readingApi, { ...opts, prefix: '/api/reading' });
      await app.register(readingPages, opts);
    }),
    deps,
  );
  await app.register(publicRoutes(readingPublic));
};
