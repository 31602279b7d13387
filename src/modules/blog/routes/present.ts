import type { MediaView } from '../service/reads.js';
import type { PostRow } from '../repository/posts.js';

/** A post for the JSON API. */
export function postJson(p: PostRow & { authorName: string; media: MediaView[] }) {
  return {
    id: p.id,
    groupId: p.groupId,
    structureId: p.structureId,
    title: p.title,
    body: p.body,
    status: p.status,
    audience: p.audience,
    hiddenFromFamilies: p.familiesHiddenAt !== null,
    publishedAt: p.publishedAt,
    author: p.authorName,
    media: p.media.map((m) => ({
      id: m.id,
      kind: m.kind,
      fileName: m.fileName,
      caption: m.caption,
      url: `/blog/media/${m.id}`,
      thumbUrl: m.kind === 'image' ? `/blog/media/${m.id}/thumb` : null,
      width: m.width,
      height: m.height,
    })),
  };
}
