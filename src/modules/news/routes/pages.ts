import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, BadRequest, fieldErrors } from '../../../kernel/http/errors.js';
import { discardFiles, receiveForm, sendBlob, type StoredFile } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { nextDay, parisDay, parisMidnight } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import * as items from '../service/items.js';
import { reachableTargets } from '../service/targets.js';
import { NewsEditForm, NewsForm, type NewsEditValues, type NewsFormValues } from '../views/form.js';
import { editable, editItem } from '../service/edit.js';
import { NewsItemPage } from '../views/item.js';
import { NewsIndex } from '../views/list.js';
import { newsDeps } from './deps.js';

/** The page's title and service, in the request's language. */
const page = () => ({ title: t('news.title'), service: 'home' });

/** A day typed in the form → an instant: the start of the first day, the end of the last one (Paris days). */
function dayInstant(day: string | undefined, end: boolean): string | null {
  if (!day) return null;
  return parisMidnight(end ? nextDay(day) : day) ?? 'invalid';
}

/** The form's fields, shown again as typed, and the service's input. */
export function readNewsForm(fields: Record<string, string>, lists: Record<string, string[]>): { values: NewsFormValues; input: items.NewsInput } {
  const audience = lists.audience ?? [];
  const values: NewsFormValues = {
    title: fields.title ?? '',
    body: fields.body ?? '',
    audience,
    publishFrom: fields.publishFrom ?? '',
    publishTo: fields.publishTo ?? '',
    pinned: fields.pinned === 'on',
    imageAlt: fields.imageAlt ?? '',
  };
  const validDay = (d: string | undefined) => !d || /^\d{4}-\d{2}-\d{2}$/.test(d);
  const input: items.NewsInput = {
    title: values.title!,
    body: values.body!,
    audience,
    publishFrom: validDay(fields.publishFrom) ? dayInstant(fields.publishFrom, false) : 'invalid',
    publishTo: validDay(fields.publishTo) ? dayInstant(fields.publishTo, true) : 'invalid',
    pinned: values.pinned!,
    imageAlt: values.imageAlt || null,
  };
  return { values, input };
}

/** The form's fields that break its schema (too long, unknown), field by field. */
function formSchemaErrors(fields: Record<string, string>, lists: Record<string, string[]>): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const e of Value.Errors(schema.NewsFormFields, { ...fields, audience: lists.audience ?? [] })) {
    errors[e.path.replace(/^\//, '').split('/')[0] || '_form'] = t('news.error.field');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The form's fields broke their schema: the form comes back, the files received go. */
class FormError extends Error {
  constructor(
    readonly errors: FieldErrors,
    readonly status = 400,
  ) {
    super('news form');
  }
}

/** News pages: the list, the form, an item with its receipts, withdrawal, the image and the files. */
export const newsPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = newsDeps(app);

  async function renderForm(request: FastifyRequest, reply: FastifyReply, values: NewsFormValues, errors?: FieldErrors, status?: number) {
    const options = (await reachableTargets(deps.db, request.actor, deps.clock.now())).map((x) => ({ key: x.key, label: x.label }));
    return reply.page({ ...page(), title: t('news.new'), status }, h(NewsForm, { csrf: request.csrfToken, values, errors, options }));
  }

  app.get('/news', { config: { personal: true }, schema: { querystring: schema.ListQuery } }, async (request, reply) => {
    const [list, mine] = await Promise.all([
      items.listItems(deps, request.actor, { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
      items.authored(deps, request.actor),
    ]);
    return reply.page(page(), h(NewsIndex, { items: list, mine, mayWrite: can(request.actor, 'news.item.write', {}), now: deps.clock.now().toISOString() }));
  });

  app.get('/news/new', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    items.assertMayWrite(request.actor);
    return renderForm(request, reply, { audience: [] });
  });

  app.post('/news', { config: { personal: true }, schema: { querystring: schema.EmptyQuery }, attachValidation: true }, async (request, reply) => {
    if (request.validationError) {
      items.assertMayWrite(request.actor);
      return renderForm(request, reply, { audience: [] }, { _form: t('error.validation') }, 400);
    }
    let values: NewsFormValues = { audience: [] };
    try {
      const published = await items.publish(deps, request.actor, async () => {
        const received = await receiveForm(request, {
          maxBytes: deps.uploadMaxBytes,
          maxFiles: items.MAX_FILES + 1,
          tooMany: () => new BadRequest('news.too_many_files', t('news.error.too_many_files')),
        });
        const form = readNewsForm(received.fields, received.lists);
        values = form.values;
        const image = received.files.find((f) => f.field === 'image');
        const attachments = received.files.filter((f) => f.field !== 'image');
        const errors = formSchemaErrors(received.fields, received.lists) ?? (received.refusal ? { files: received.refusal.message } : null);
        if (errors || attachments.length > items.MAX_FILES) {
          await discardFiles(app.blobs, received.files as StoredFile[]);
          throw new FormError(errors ?? { files: t('news.error.too_many_files') }, received.refusal?.statusCode ?? 400);
        }
        return { input: form.input, image, attachments };
      });
      reply.setFlash(published.scheduled ? t('news.publishedLater', published.publishFrom) : t('news.published'));
      return reply.redirect(`/news/${published.id}`, 303);
    } catch (error) {
      if (error instanceof FormError) return renderForm(request, reply, values, error.errors, error.status);
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return renderForm(request, reply, values, errors, 400);
    }
  });

  app.get('/news/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const item = await items.readItem(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: item.title }, h(NewsItemPage, { item, csrf: request.csrfToken, now: deps.clock.now().toISOString() }));
  });

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, values?: NewsEditValues, errors?: FieldErrors) => {
    const item = await editable(deps, request.actor, id);
    // The stored end is the midnight after the last day shown.
    const lastDay = item.publishTo ? parisDay(new Date(Date.parse(item.publishTo) - 1)) : '';
    return reply.page(
      { ...page(), title: t('news.edit.title', item.title), status: errors ? 400 : 200 },
      h(NewsEditForm, {
        id,
        csrf: request.csrfToken,
        publishFrom: item.publishFrom,
        originalTitle: item.title,
        values: values ?? { title: item.title, body: item.body, publishTo: lastDay, pinned: item.pinned },
        errors,
      }),
    );
  };
  app.get('/news/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => renderEdit(request, reply, request.params.id));
  app.post('/news/:id/edit', { schema: { params: schema.IdParams }, attachValidation: true }, async (request, reply) => {
    const fields = (request.body ?? {}) as Record<string, string>;
    const values: NewsEditValues = { title: fields.title ?? '', body: fields.body ?? '', publishTo: fields.publishTo ?? '', pinned: fields.pinned === 'on' };
    const schemaErrors = [...Value.Errors(schema.NewsEditForm, fields)].map((e) => e.path.replace(/^\//, '').split('/')[0] || '_form');
    if (schemaErrors.length > 0) {
      await editable(deps, request.actor, request.params.id);
      return renderEdit(request, reply, request.params.id, values, Object.fromEntries(schemaErrors.map((f) => [f, t('news.error.field')])));
    }
    try {
      const day = fields.publishTo ?? '';
      await editItem(deps, request.actor, request.params.id, {
        title: values.title,
        body: values.body,
        publishTo: day === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(day) ? dayInstant(day, true) : 'invalid',
        pinned: values.pinned,
      });
    } catch (error) {
      const errors = error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return renderEdit(request, reply, request.params.id, values, errors);
    }
    reply.setFlash(t('news.edit.saved'));
    return reply.redirect(`/news/${request.params.id}`, 303);
  });

  app.post('/news/:id/withdraw', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    await items.withdrawItem(deps, request.actor, request.params.id);
    reply.setFlash(t('news.withdrawnDone'));
    return reply.redirect(`/news/${request.params.id}`, 303);
  });

  const send = async (request: FastifyRequest, reply: FastifyReply, id: string, attachmentId: string | null) => {
    const file = await items.downloadable(deps, request.actor, id, attachmentId);
    const size = file ? (file.size ?? (await deps.blobs.size(file.key))) : null;
    if (!file || size === null) return reply.code(404).send({ error: { code: 'not_found', message: t('error.not_found'), details: null } });
    return sendBlob(request, reply, { key: file.key, size, contentType: file.contentType, filename: file.fileName, inline: true });
  };

  app.get('/news/:id/image', { schema: { params: schema.IdParams } }, async (request, reply) => send(request, reply, request.params.id, null));

  app.get('/news/:id/attachments/:attachmentId', { schema: { params: schema.AttachmentParams } }, async (request, reply) =>
    send(request, reply, request.params.id, request.params.attachmentId),
  );
};
