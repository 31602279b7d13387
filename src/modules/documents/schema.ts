import { Type, type Static } from '@sinclair/typebox';

export { Type };

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant.' }) });
export const ShareParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Élément partagé.' }),
  shareId: Type.String({ format: 'uuid', description: 'Partage à retirer.' }),
});

export const NodeItem = Type.Object({
  id: Type.String(),
  /** Whose space (and quota) the node belongs to. */
  ownerId: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('folder'), Type.Literal('file')]),
  name: Type.String(),
  size: Type.Number({ description: 'Taille en octets (0 pour un dossier).' }),
  contentType: Type.Union([Type.String(), Type.Null()], { description: 'Type reconnu d’après le contenu.' }),
  sha256: Type.Union([Type.String(), Type.Null()], { description: 'Empreinte SHA-256 du fichier.' }),
  classId: Type.Union([Type.String(), Type.Null()], { description: 'Espace de classe, le cas échéant.' }),
  updatedAt: Type.String(),
});
export type NodeItem = Static<typeof NodeItem>;

export const ListQuery = Type.Object({
  parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Dossier à lister ; la racine de mon espace sinon.' })),
});

export const Listing = Type.Object({
  folder: Type.Union([NodeItem, Type.Null()]),
  access: Type.String({ description: '`own`, `edit` ou `read`.' }),
  items: Type.Array(NodeItem),
  used: Type.Number({ description: 'Octets utilisés dans mon espace.' }),
  quota: Type.Number({ description: 'Quota de mon profil, en octets.' }),
});

export const UploadQuery = Type.Object({
  parentId: Type.Optional(Type.String({ format: 'uuid', description: 'Dossier de destination.' })),
  classId: Type.Optional(Type.String({ format: 'uuid', description: 'Racine de l’espace de cette classe (enseignants de la classe).' })),
  parentsCanRead: Type.Optional(Type.Boolean({ description: 'Espace de classe : visible aussi par les parents.' })),
  _csrf: Type.Optional(Type.String({ description: 'Jeton CSRF (formulaires multipart).' })),
});

export const Uploaded = Type.Object({ items: Type.Array(NodeItem) });

export const FolderBody = Type.Object({
  name: Type.String({ maxLength: 400, description: 'Nom du dossier.' }),
  parentId: Type.Optional(Type.String({ format: 'uuid' })),
  classId: Type.Optional(Type.String({ format: 'uuid', description: 'Créer à la racine de l’espace de cette classe.' })),
  parentsCanRead: Type.Optional(Type.Boolean()),
});

export const UpdateBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 400, description: 'Nouveau nom.' })),
  parentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'Nouveau dossier parent ; `null` pour la racine.' })),
});

export const ShareBody = Type.Object({
  personId: Type.Optional(Type.String({ format: 'uuid', description: 'Personne (visible dans l’annuaire).' })),
  groupId: Type.Optional(Type.String({ format: 'uuid', description: 'Classe ou groupe dont je fais partie.' })),
  canEdit: Type.Optional(Type.Boolean({ description: 'Modification permise (lecture seule sinon).' })),
});

export const ShareItem = Type.Object({
  id: Type.String(),
  granteeKind: Type.Union([Type.Literal('person'), Type.Literal('group')]),
  granteeId: Type.String(),
  name: Type.String(),
  canEdit: Type.Boolean(),
});

export const NodeDetail = Type.Object({
  node: NodeItem,
  access: Type.String(),
  shares: Type.Array(ShareItem, { description: 'Partages (visibles par le propriétaire seulement).' }),
});

export const Created = Type.Object({ id: Type.String() });
export const SearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100, description: 'Partie du nom.' }) });
export const ContentQuery = Type.Object({ inline: Type.Optional(Type.Boolean({ description: 'Afficher dans le navigateur si le type le permet.' })) });
export const Items = Type.Object({ items: Type.Array(NodeItem) });

export const BoxBody = Type.Object({
  groupId: Type.String({ format: 'uuid', description: 'Classe ou groupe où j’enseigne.' }),
  title: Type.String({ maxLength: 400 }),
  instructions: Type.Optional(Type.String({ maxLength: 10000 })),
  dueAt: Type.String({ description: 'Date limite : ISO 8601, ou `AAAA-MM-JJTHH:MM` à l’heure de Paris.' }),
  acceptLate: Type.Optional(Type.Boolean({ description: 'Accepter les dépôts en retard (marqués en retard).' })),
  assignmentId: Type.Optional(Type.String({ maxLength: 64, description: 'Devoir du cahier de textes lié.' })),
});

export const BoxItem = Type.Object({
  id: Type.String(),
  title: Type.String(),
  dueAt: Type.String(),
  acceptLate: Type.Boolean(),
  groupId: Type.String(),
  groupName: Type.String(),
  assignmentId: Type.Union([Type.String(), Type.Null()]),
});

const HandInFile = Type.Object({ id: Type.String(), fileName: Type.String(), size: Type.Number(), sha256: Type.String() });
const ReturnItem = Type.Object({ id: Type.String(), comment: Type.String(), fileName: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String() });
export const RosterLine = Type.Object({
  studentId: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('on_time'), Type.Literal('late'), Type.Literal('missing')]),
  handInId: Type.Union([Type.String(), Type.Null()]),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  files: Type.Array(HandInFile),
  returns: Type.Array(ReturnItem),
});

export const BoxDetail = Type.Object({
  box: Type.Composite([BoxItem, Type.Object({ instructions: Type.String() })]),
  role: Type.Union([Type.Literal('teacher'), Type.Literal('student'), Type.Literal('relative')]),
  /** Teacher: every pupil. Pupil: themselves. Parent: their children in the group (status only). */
  lines: Type.Array(RosterLine),
});

export const Receipt = Type.Object({
  handInId: Type.String(),
  late: Type.Boolean(),
  submittedAt: Type.String(),
  files: Type.Array(HandInFile),
});
