import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildBox, buildHandIn, buildNode, buildReturn, buildShare } from './testing.js';

const NO = [403, 404];
const file = (name: string) => multipart({ comment: 'x' }, [{ name, content: 'intrus' }]);

/** Documents' wrong-person cases: other people's files, other classes' spaces, other pupils' hand-ins. */
export async function documentsCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  // The CM2 teacher's own folder and file, shared with nobody.
  const folder = await buildNode(app, { ownerId: w.cm2Teacher.id, name: 'Conseils de classe' });
  const secret = await buildNode(app, { ownerId: w.cm2Teacher.id, name: 'Bulletin confidentiel.txt', content: 'Appréciation réservée', parent: folder });
  const shareId = await buildShare(app, secret, w.cm2.id);
  const trashed = await buildNode(app, { ownerId: w.cm2Teacher.id, name: 'Brouillon jeté.txt', content: 'Texte jeté' });
  await app.db.updateTable('documentNodes').set({ trashedAt: new Date().toISOString(), trashRoot: 1 }).where('id', '=', trashed.id).execute();
  // The CM2 class space: a file for pupils only.
  await buildNode(app, { ownerId: w.cm2Teacher.id, name: 'Évaluation surprise.txt', content: 'Sujet secret', classId: w.cm2Class.id });
  // A CM2 hand-in box with the pupil's work and the teacher's return.
  const box = await buildBox(app, { groupId: w.cm2Class.id, teacherId: w.cm2Teacher.id, title: 'Exposé sur les planètes' });
  const { handInId, fileId } = await buildHandIn(app, { boxId: box.id, studentId: w.cm2.id, fileName: 'planètes-zoé.pdf', content: '%PDF travail de Zoé' });
  const returnId = await buildReturn(app, {
    handInId,
    teacherId: w.cm2Teacher.id,
    comment: 'Relis la conclusion',
    fileName: 'corrigé-zoé.pdf',
    content: '%PDF corrigé de Zoé',
  });

  const nodeData = ['Bulletin confidentiel', 'Appréciation réservée', 'Conseils de classe'];
  const boxData = ['Exposé sur les planètes', 'planètes-zoé', 'travail de Zoé', 'Relis la conclusion'];
  const c = (route: string, url: string, who: keyof CoverageWorld['as'], note: string, extra: Partial<RouteCase> = {}): RouteCase => ({
    kind: 'wrong-person',
    route,
    url,
    as: as[who],
    expect: NO,
    note,
    ...extra,
  });
  const upload = (name: string) => {
    const body = file(name);
    return { payload: body.payload, headers: body.headers };
  };

  return [
    // JSON API: someone else's files and folders.
    c('GET /api/documents/nodes', `/api/documents/nodes?parentId=${folder.id}`, 'ce1a', 'another class’s pupil lists the teacher’s folder', {
      absent: nodeData,
    }),
    c('GET /api/documents/nodes/:id', `/api/documents/nodes/${secret.id}`, 'ce1Teacher', 'a colleague reads an unshared file', { absent: nodeData }),
    c('GET /api/documents/nodes/:id/content', `/api/documents/nodes/${secret.id}/content`, 'ce1a', 'another pupil downloads a file shared with someone else', {
      absent: nodeData,
    }),
    c('POST /api/documents/folders', '/api/documents/folders', 'cm2Parent', 'a parent creates a folder in the teacher’s folder', {
      payload: { name: 'Intrus', parentId: folder.id },
      absent: nodeData,
    }),
    c('POST /api/documents/files', `/api/documents/files?parentId=${folder.id}`, 'otherTeacher', 'another school’s teacher uploads into the folder', {
      ...upload('intrus.txt'),
      absent: nodeData,
    }),
    c('PATCH /api/documents/nodes/:id', `/api/documents/nodes/${secret.id}`, 'cm2', 'a read-only share does not rename', { payload: { name: 'volé.txt' } }),
    c('POST /api/documents/nodes/:id/trash', `/api/documents/nodes/${secret.id}/trash`, 'cm2', 'a read-only share does not trash'),
    c('POST /api/documents/nodes/:id/restore', `/api/documents/nodes/${trashed.id}/restore`, 'director', 'only the owner restores', {
      absent: ['Brouillon jeté'],
    }),
    c('DELETE /api/documents/nodes/:id', `/api/documents/nodes/${trashed.id}`, 'cm2Parent', 'only the owner deletes for good', { absent: ['Brouillon jeté'] }),
    c('GET /api/documents/classes/:id', `/api/documents/classes/${w.cm2Class.id}`, 'otherTeacher', 'another school’s teacher reads the class space', {
      absent: ['Évaluation surprise', 'Sujet secret'],
    }),
    c('POST /api/documents/nodes/:id/shares', `/api/documents/nodes/${secret.id}/shares`, 'cm2', 'a pupil with a read share does not reshare', {
      payload: { personId: w.ce1a.id },
    }),
    c('DELETE /api/documents/nodes/:id/shares/:shareId', `/api/documents/nodes/${secret.id}/shares/${shareId}`, 'cm2', 'the grantee does not revoke'),
    // JSON API: hand-in boxes.
    c('POST /api/documents/boxes', '/api/documents/boxes', 'ce1Teacher', 'a teacher opens a box for a class they do not teach', {
      payload: { groupId: w.cm2Class.id, title: 'Intrus', dueAt: '2030-01-01T10:00:00Z' },
    }),
    c('GET /api/documents/boxes/:id', `/api/documents/boxes/${box.id}`, 'ce1aParent', 'a parent of another class reads the box', { absent: boxData }),
    c('POST /api/documents/boxes/:id/hand-in', `/api/documents/boxes/${box.id}/hand-in`, 'ce1a', 'another class’s pupil hands in', {
      ...upload('intrus.pdf'),
      absent: boxData,
    }),
    c('GET /api/documents/boxes/:id/zip', `/api/documents/boxes/${box.id}/zip`, 'cm2', 'a pupil downloads the box zip', { absent: boxData }),
    c('GET /api/documents/hand-in-files/:id/content', `/api/documents/hand-in-files/${fileId}/content`, 'cm2Parent', 'a parent downloads the work itself', {
      absent: boxData,
    }),
    c('POST /api/documents/hand-ins/:id/returns', `/api/documents/hand-ins/${handInId}/returns`, 'cm2', 'the pupil returns their own hand-in', {
      ...upload('faux-corrigé.pdf'),
      absent: boxData,
    }),
    c('GET /api/documents/returns/:id/content', `/api/documents/returns/${returnId}/content`, 'ce1b', 'another pupil downloads the correction', {
      absent: ['corrigé de Zoé'],
    }),
    // Pages.
    c('GET /documents/folders/:id', `/documents/folders/${folder.id}`, 'otherParent', 'another school’s parent opens the folder', { absent: nodeData }),
    c('GET /documents/classes/:id', `/documents/classes/${w.cm2Class.id}`, 'ce1aParent', 'a parent of another class opens the class space', {
      absent: ['Évaluation surprise'],
    }),
    c(
      'POST /documents/upload',
      `/documents/upload?parentId=${folder.id}&_csrf=${encodeURIComponent(as.ce1b.csrf)}`,
      'ce1b',
      'a pupil uploads into the teacher’s folder',
      {
        ...upload('intrus.txt'),
        absent: nodeData,
      },
    ),
    c('POST /documents/folders', `/documents/folders?classId=${w.cm2Class.id}`, 'cm2', 'a pupil creates a folder in the class space', {
      form: { name: 'Intrus' },
    }),
    c('GET /documents/items/:id', `/documents/items/${secret.id}`, 'ce1Teacher', 'a colleague opens the item page', { absent: nodeData }),
    c('POST /documents/items/:id/rename', `/documents/items/${secret.id}/rename`, 'cm2', 'a read-only share does not rename', { form: { name: 'volé.txt' } }),
    c('POST /documents/items/:id/move', `/documents/items/${secret.id}/move`, 'cm2', 'a read-only share does not move', { form: { parentId: '' } }),
    c('POST /documents/items/:id/trash', `/documents/items/${secret.id}/trash`, 'staff', 'office staff do not trash a teacher’s file', { form: {} }),
    c('POST /documents/items/:id/share', `/documents/items/${secret.id}/share`, 'cm2', 'the grantee does not reshare', { form: { personId: w.ce1a.id } }),
    c('POST /documents/items/:id/shares/:shareId/revoke', `/documents/items/${secret.id}/shares/${shareId}/revoke`, 'cm2', 'the grantee does not revoke', {
      form: {},
    }),
    c('POST /documents/items/:id/restore', `/documents/items/${trashed.id}/restore`, 'admin', 'only the owner restores', { form: {} }),
    c('POST /documents/items/:id/delete', `/documents/items/${trashed.id}/delete`, 'instanceAdmin', 'only the owner deletes for good', { form: {} }),
    c('GET /documents/boxes/for-assignment/:id', `/documents/boxes/for-assignment/${box.id}`, 'otherStudent', 'another school’s pupil follows a link', {
      absent: boxData,
    }),
    c('POST /documents/boxes/new', '/documents/boxes/new', 'otherTeacher', 'another school’s teacher opens a box for CM2', {
      form: { groupId: w.cm2Class.id, title: 'Intrus', dueAt: '2030-01-01T10:00' },
    }),
    c('GET /documents/boxes/:id', `/documents/boxes/${box.id}`, 'otherParent', 'another school’s parent opens the box', { absent: boxData }),
    c(
      'POST /documents/boxes/:id/hand-in',
      `/documents/boxes/${box.id}/hand-in?_csrf=${encodeURIComponent(as.cm2Parent.csrf)}`,
      'cm2Parent',
      'a parent hands in',
      {
        ...upload('parent.pdf'),
        absent: ['planètes-zoé', 'travail de Zoé'],
      },
    ),
    c(
      'POST /documents/hand-ins/:id/return',
      `/documents/hand-ins/${handInId}/return?_csrf=${encodeURIComponent(as.ce1Teacher.csrf)}`,
      'ce1Teacher',
      'another class’s teacher returns',
      {
        ...upload('faux.pdf'),
        absent: boxData,
      },
    ),
  ];
}
