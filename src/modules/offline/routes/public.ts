import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import sharp from 'sharp';
import { NotFound } from '../../../kernel/authz/index.js';
import { assetUrl } from '../../../kernel/http/assets.js';
import { t as kernelT } from '../../../kernel/i18n/fr.js';
import { t } from '../i18n/fr.js';

/** The colour of the brand mark (public/favicon.svg): the installed app's title bar wears it. */
export const THEME_COLOUR = '#0f6b6b';
/** The page background of public/css/preau.css, shown while the installed app starts. */
const BACKGROUND_COLOUR = '#faf7f2';
export const ICON_SIZES = [192, 512] as const;

/** The strings the service worker writes into pages, from the catalogue; `{date}` and `{n}` are its to fill. */
export function workerStrings() {
  return {
    banner: t('offline.banner', '{date}'),
    queuedOne: t('offline.queued.one'),
    queued: t('offline.queued.many', '{n}'),
    title: t('offline.title'),
    unavailable: t('offline.unavailable'),
    agenda: t('offline.agenda'),
    timetable: t('offline.timetable'),
    messaging: t('offline.messaging'),
  };
}

export function webManifest() {
  return {
    name: kernelT('app.name'),
    short_name: kernelT('app.name'),
    description: t('offline.manifest.description'),
    lang: 'fr',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: THEME_COLOUR,
    background_color: BACKGROUND_COLOUR,
    icons: [
      ...ICON_SIZES.map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' })),
      { src: assetUrl('favicon.svg'), sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}

const IconParams = Type.Object({ file: Type.String({ maxLength: 40, description: 'icon-192.png or icon-512.png' }) });

/**
 * The service worker (at the root, so that its scope is the whole site), the web app manifest and
 * its PNG icons. Public on purpose: none of them holds anyone's data.
 */
export const offlinePublic: FastifyPluginAsyncTypebox<{ publicDir: string }> = async (app, opts) => {
  let worker: Promise<string> | null = null;
  const icons = new Map<number, Promise<Buffer>>();
  const loadWorker = async () => {
    const source = await fs.readFile(path.join(opts.publicDir, 'sw.js'), 'utf8');
    return source.replace('/* strings */ {}', JSON.stringify(workerStrings()));
  };
  // Drawn once per process from the favicon, so the icons always match the brand mark.
  const icon = (size: number) => {
    let png = icons.get(size);
    if (!png) {
      png = fs.readFile(path.join(opts.publicDir, 'favicon.svg')).then((svg) =>
        sharp(svg, { density: (72 * size) / 32 })
          .resize(size, size)
          .png()
          .toBuffer(),
      );
      icons.set(size, png);
    }
    return png;
  };

  app.get('/sw.js', async (_request, reply) => {
    worker ??= loadWorker();
    // Checked on every visit (no-cache): a new release's worker takes over at once.
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/')
      .send(await worker);
  });

  app.get(
    '/manifest.webmanifest',
    { schema: { tags: ['offline'], summary: 'Manifeste de l’application web (installation sur un téléphone)' } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/manifest+json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(JSON.stringify(webManifest())),
  );

  app.get('/icons/:file', { schema: { params: IconParams } }, async (request, reply) => {
    const size = ICON_SIZES.find((s) => request.params.file === `icon-${s}.png`);
    if (!size) throw new NotFound();
    return reply
      .header('content-type', 'image/png')
      .header('cache-control', 'public, max-age=604800')
      .send(await icon(size));
  });
};
