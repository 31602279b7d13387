import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../../kernel/authz/index.js';
import * as schema from '../schema.js';
import { ts } from '../i18n/statement.js';
import { StatementPage } from '../views/statement.js';
import { h } from 'preact';

const require = createRequire(import.meta.url);

/** The only font files served: latin, regular and bold, woff2 (every browser that matters reads it). */
const FONT_FILES: Record<string, string> = Object.fromEntries(
  [
    ['@fontsource/opendyslexic', 'opendyslexic'],
    ['@fontsource/atkinson-hyperlegible', 'atkinson-hyperlegible'],
  ].flatMap(([pkg, name]) =>
    ['400', '700'].map((weight) => {
      const file = `${name}-latin-${weight}-normal.woff2`;
      return [file, require.resolve(`${pkg}/files/${file}`)];
    }),
  ),
);
const loaded = new Map<string, Buffer>();

/** Public: the accessibility statement (linked from every footer) and the reading fonts. */
export async function readingPublic(app: FastifyInstance): Promise<void> {
  app.get('/accessibilite', { schema: { querystring: schema.EmptyQuery } }, async (_request, reply) =>
    reply.page({ title: ts('statement.title') }, h(StatementPage, { contact: app.config.accessibilityContact })),
  );

  app.get('/reading/fonts/:file', { schema: { hide: true, params: schema.FontParams } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const path = FONT_FILES[file];
    if (!path) throw new NotFound();
    let bytes = loaded.get(file);
    if (!bytes) {
      bytes = await fs.readFile(path);
      loaded.set(file, bytes);
    }
    return reply.header('content-type', 'font/woff2').header('cache-control', 'public, max-age=604800').send(bytes);
  });
}
