import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { BadRequest, fieldErrors } from '../../../kernel/http/errors.js';
import { htmlToTypedText } from '../../../kernel/rich-text.js';
import { receiveForm, type ReceivedForm } from '../../../kernel/storage/http.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { blogDeps } from '../service/deps.js';
import type { BlogOwner } from '../service/facts.js';
import { MAX_FILES, savePost, type PostInput, type Target } from '../service/posts.js';
import * as reads from '../service/reads.js';
import { PostEditor, type EditorValues } from '../views/editor.js';

/** Multipart fields → the editor's values (shown again on a problem) and the service's input. */
export function readPostForm(received: Pick<ReceivedForm, 'fields' | 'lists'>): { values: EditorValues; input: PostInput } {
  const f = received.fields;
  const ids = received.lists.media ?? [];
  const captions: Record<string, string> = {};
  const tags: Record<string, string[]> = {};
  for (const id of ids) {
    captions[id] = f[`caption.${id}`] ?? '';
    tags[id] = received.lists[`tags.${id}`] ?? [];
  }
  // Tags of a photo the form did not list are still checked (and refused) by the service.
  for (const key of Object.keys(received.lists)) if (key.startsWith('tags.') && !(key.slice(5) in tags)) tags[key.slice(5)] = received.lists[key]!;
  const values = { title: f.title ?? '', body: f.body ?? '', audience: f.audience ?? '', captions, tags, remove: received.lists.remove ?? [] };
  return { values, input: { ...values, action: f.action ?? 'draft' } };
}

const emptyValues = (): EditorValues => ({ title: '', body: '', audience: 'families', captions: {}, tags: {}, remove: [] });

export const blogForms: FastifyPluginAsyncTypebox = async (app) => {
  const deps = blogDeps(app);

  async function render(request: FastifyRequest, reply: FastifyReply, target: Target, values?: EditorValues, errors?: FieldErrors) {
    const data = await reads.editorData(deps, request.actor, target);
    const editing = !!data.post;
    const shown =
      values ?? (data.post ? { ...emptyValues(), title: data.post.title, body: htmlToTypedText(data.post.body), audience: data.post.audience } : emptyValues());
    return reply.page(
      { title: editing ? t('blog.edit') : t('blog.new'), service: 'blog', status: errors ? 400 : 200 },
      h(PostEditor, {
        action: editing ? `/blog/posts/${data.post!.id}/edit` : `${data.place.href}/posts`,
        csrf: request.csrfToken,
        place: data.place,
        editing,
        publishes: data.publishes,
        published: data.post?.status === 'published',
        media: data.media,
        pupils: data.pupils,
        values: shown,
        errors,
      }),
    );
  }

  /** Rights first (in the service), then the stream; any problem shows the form again with what was typed. */
  async function submit(request: FastifyRequest, reply: FastifyReply, target: Target) {
    let values: EditorValues | undefined;
    try {
      const saved = await savePost(deps, request.actor, target, async () => {
        const received = await receiveForm(request, {
          maxBytes: app.config.uploadMaxBytes,
          maxFiles: MAX_FILES,
          tooMany: () => new BadRequest('blog.too_many_files', t('blog.error.tooMany')),
        });
        const form = readPostForm(received);
        values = form.values;
        if (received.refusal) throw received.refusal;
        return { input: form.input, files: received.files };
      });
      const message = saved.status === 'published' ? t('blog.published') : saved.status === 'pending' ? t('blog.submitted') : t('blog.saved');
      reply.setFlash(message);
      const next = !('postId' in target) || saved.status === 'draft' ? `/blog/posts/${saved.id}/edit` : `/blog/posts/${saved.id}`;
      return reply.redirect(next, 303);
    } catch (error) {
      const errors =
        error instanceof BadRequest || (error instanceof Error && 'statusCode' in error && (error as { statusCode: number }).statusCode < 500)
          ? fieldErrors(error)
          : null;
      if (!errors || !values || (error as { statusCode: number }).statusCode === 404) throw error;
      const problems = (error as { code?: string }).code?.startsWith('storage.') ? { files: (error as Error).message } : errors;
      return render(request, reply, target, values, problems);
    }
  }

  app.get('/blog/classes/:groupId/posts/new', { schema: { params: schema.GroupParams } }, async (request, reply) =>
    render(request, reply, { groupId: request.params.groupId }),
  );
  app.post('/blog/classes/:groupId/posts', { schema: { params: schema.GroupParams, querystring: schema.MultipartQuery } }, async (request, reply) =>
    submit(request, reply, { groupId: request.params.groupId }),
  );
  const school = (structureId: string): BlogOwner => ({ schoolId: structureId });
  app.get('/blog/schools/:structureId/posts/new', { schema: { params: schema.SchoolParams } }, async (request, reply) =>
    render(request, reply, school(request.params.structureId)),
  );
  app.post('/blog/schools/:structureId/posts', { schema: { params: schema.SchoolParams, querystring: schema.MultipartQuery } }, async (request, reply) =>
    submit(request, reply, school(request.params.structureId)),
  );
  app.get('/blog/posts/:id/edit', { schema: { params: schema.IdParams } }, async (request, reply) => render(request, reply, { postId: request.params.id }));
  app.post('/blog/posts/:id/edit', { schema: { params: schema.IdParams, querystring: schema.MultipartQuery } }, async (request, reply) =>
    submit(request, reply, { postId: request.params.id }),
  );
};
