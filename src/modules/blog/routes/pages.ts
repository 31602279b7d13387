import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { fieldErrors } from '../../../kernel/http/errors.js';
import { sendBlob } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import * as schema from '../schema.js';
import { addComment, moderateComment } from '../service/comments.js';
import { blogDeps } from '../service/deps.js';
import { deletePost, openSchoolBlog, saveSettings } from '../service/posts.js';
import type { BlogOwner } from '../service/facts.js';
import * as reads from '../service/reads.js';
import { BlogIndex, BlogPage } from '../views/blog.js';
import { PostPage } from '../views/post.js';

const page = () => ({ title: t('blog.title'), service: 'blog' });

export const blogPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = blogDeps(app);

  app.get('/blog', { config: { personal: true }, schema: { querystring: schema.EmptyQuery } }, async (request, reply) => {
    const classes = await reads.myBlogs(deps, request.actor);
    const schools = await reads.mySchoolBlogs(deps, request.actor);
    return reply.page(page(), h(BlogIndex, { classes, schools, csrf: request.csrfToken }));
  });

  const blogPageOf = async (request: FastifyRequest, reply: FastifyReply, owner: BlogOwner, query: { limit?: number; offset?: number }) => {
    const data = await reads.blogPage(deps, request.actor, owner, { limit: query.limit ?? 20, offset: query.offset ?? 0 });
    return reply.page(
      { ...page(), title: data.place.title },
      h(BlogPage, { place: data.place, posts: data.posts, canWrite: data.canWrite, canManage: data.canManage, settings: data.blog, csrf: request.csrfToken }),
    );
  };
  const settingsOf = (body: { pupilsWrite?: string; parentsComment?: string }) => ({ pupilsWrite: !!body.pupilsWrite, parentsComment: !!body.parentsComment });

  app.get('/blog/classes/:groupId', { schema: { params: schema.GroupParams, querystring: schema.PageQuery } }, async (request, reply) =>
    blogPageOf(request, reply, { groupId: request.params.groupId }, request.query),
  );

  app.post('/blog/classes/:groupId/settings', { schema: { params: schema.GroupParams, body: schema.SettingsForm } }, async (request, reply) => {
    await saveSettings(deps, request.actor, { groupId: request.params.groupId }, settingsOf(request.body));
    reply.setFlash(t('blog.settings.saved'));
    return reply.redirect(`/blog/classes/${request.params.groupId}`, 303);
  });

  app.get('/blog/schools/:structureId', { schema: { params: schema.SchoolParams, querystring: schema.PageQuery } }, async (request, reply) =>
    blogPageOf(request, reply, { schoolId: request.params.structureId }, request.query),
  );

  app.post('/blog/schools/:structureId/open', { schema: { params: schema.SchoolParams, body: schema.ConfirmForm } }, async (request, reply) => {
    await openSchoolBlog(deps, request.actor, request.params.structureId);
    reply.setFlash(t('blog.school.opened'));
    return reply.redirect(`/blog/schools/${request.params.structureId}`, 303);
  });

  app.post('/blog/schools/:structureId/settings', { schema: { params: schema.SchoolParams, body: schema.SettingsForm } }, async (request, reply) => {
    await saveSettings(deps, request.actor, { schoolId: request.params.structureId }, settingsOf(request.body));
    reply.setFlash(t('blog.settings.saved'));
    return reply.redirect(`/blog/schools/${request.params.structureId}`, 303);
  });

  app.get('/blog/posts/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const data = await reads.postPage(deps, request.actor, request.params.id);
    return reply.page({ ...page(), title: data.post.title }, h(PostPage, { page: data, csrf: request.csrfToken }));
  });

  app.post('/blog/posts/:id/delete', { schema: { params: schema.IdParams, body: schema.ConfirmForm } }, async (request, reply) => {
    const post = await deletePost(deps, request.actor, request.params.id);
    reply.setFlash(t('blog.deleted'));
    return reply.redirect(post.groupId !== null ? `/blog/classes/${post.groupId}` : `/blog/schools/${post.structureId}`, 303);
  });

  app.post('/blog/posts/:id/comments', { schema: { params: schema.IdParams, body: schema.CommentForm }, attachValidation: true }, async (request, reply) => {
    const typed = typeof request.body?.body === 'string' ? request.body.body : '';
    const again = async (errors: Record<string, string>) => {
      const data = await reads.postPage(deps, request.actor, request.params.id);
      return reply.page({ ...page(), title: data.post.title, status: 400 }, h(PostPage, { page: data, csrf: request.csrfToken, errors, comment: typed }));
    };
    if (request.validationError) {
      await reads.postPage(deps, request.actor, request.params.id);
      return again({ body: t('blog.error.comment') });
    }
    try {
      await addComment(deps, request.actor, request.params.id, typed);
    } catch (error) {
      const errors = error instanceof Error && (error as { statusCode?: number }).statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return again(errors);
    }
    reply.setFlash(t('blog.comment.sent'));
    return reply.redirect(`/blog/posts/${request.params.id}`, 303);
  });

  app.post('/blog/comments/:id/moderate', { schema: { params: schema.IdParams, body: schema.ModerateForm } }, async (request, reply) => {
    const comment = await moderateComment(deps, request.actor, request.params.id, request.body.decision === 'approve');
    reply.setFlash(t('blog.comment.moderated'));
    return reply.redirect(`/blog/posts/${comment.postId}`, 303);
  });

  app.get('/blog/media/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const m = await reads.readableMedia(deps, request.actor, request.params.id);
    return sendBlob(request, reply, { key: m.blobKey, size: m.size, contentType: m.contentType, filename: m.fileName, inline: true });
  });

  app.get('/blog/media/:id/thumb', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const m = await reads.readableMedia(deps, request.actor, request.params.id);
    const thumb = m.thumbKey ? { key: m.thumbKey, size: m.thumbSize ?? 0 } : { key: m.blobKey, size: m.size };
    return sendBlob(request, reply, { ...thumb, contentType: m.contentType, filename: m.fileName, inline: true });
  });
};
