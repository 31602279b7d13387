import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, Pagination, Text } from '../../kernel/http/schemas.js';

export { Type, IdParams };
export type { Static };

export const ShareParams = Type.Object({ id: Id('Élément partagé.'), shareId: Id('Partage à retirer.') });

/** A list page of the API: up to 5 000 entries at once. */
const ListPage = Pagination(5000, 1000);

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
  parentId: Type.Optional(Id('Dossier à lister ; la racine de mon espace sinon.')),
  ...ListPage,
});

export const PageQuery = Type.Object(ListPage);

export const Listing = Type.Object({
  folder: Type.Union([NodeItem, Type.Null()]),
  access: Type.String({ description: '`own`, `edit` ou `read`.' }),
  items: Type.Array(NodeItem),
  used: Type.Number({ description: 'Octets utilisés dans mon espace.' }),
  quota: Type.Number({ description: 'Quota de mon profil, en octets.' }),
});

export const UploadQuery = Type.Object({
  parentId: Type.Optional(Id('Dossier de destination.')),
  classId: Type.Optional(Id('Racine de l’espace de cette classe (enseignants de la classe).')),
  parentsCanRead: Type.Optional(Type.Boolean({ description: 'Espace de classe : visible aussi par les parents.' })),
  ...CsrfField,
});

export const Uploaded = Type.Object({ items: Type.Array(NodeItem) });

export const FolderBody = Type.Object({
  name: Text(400, 'Nom du dossier.'),
  parentId: Type.Optional(Id('Dossier où le créer.')),
  classId: Type.Optional(Id('Créer à la racine de l’espace de cette classe.')),
  parentsCanRead: Type.Optional(Type.Boolean({ description: 'Espace de classe : visible aussi par les parents.' })),
});

export const UpdateBody = Type.Object({
  name: Type.Optional(Text(400, 'Nouveau nom.')),
  parentId: Type.Optional(Type.Union([Id('Nouveau dossier parent.'), Type.Null()], { description: 'Nouveau dossier parent ; `null` pour la racine.' })),
});

export const ShareBody = Type.Object({
  personId: Type.Optional(Id('Personne (visible dans l’annuaire).')),
  groupId: Type.Optional(Id('Classe ou groupe dont je fais partie.')),
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
export const SearchQuery = Type.Object({ q: Text(100, 'Partie du nom.', 1), ...ListPage });
export const ContentQuery = Type.Object({ inline: Type.Optional(Type.Boolean({ description: 'Afficher dans le navigateur si le type le permet.' })) });
export const Items = Type.Object({ items: Type.Array(NodeItem) });

export const BoxBody = Type.Object({
  groupId: Id('Classe ou groupe où j’enseigne.'),
  title: Text(400, 'Titre du dépôt.'),
  instructions: Type.Optional(Text(10000, 'Consignes.')),
  dueAt: Type.String({ description: 'Date limite : ISO 8601, ou `AAAA-MM-JJTHH:MM` à l’heure de Paris.' }),
  acceptLate: Type.Optional(Type.Boolean({ description: 'Accepter les dépôts en retard (marqués en retard).' })),
  assignmentId: Type.Optional(Text(64, 'Devoir du cahier de textes lié.')),
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

// ---------------------------------------------------------------------------------------------
// Pages and their forms.
// ---------------------------------------------------------------------------------------------

/** `manage=1` shows a folder's actions and shares rather than its listing. */
export const ItemQuery = Type.Object({ manage: Type.Optional(Type.Literal('1', { description: 'Afficher les actions d’un dossier.' })) });

/** A listing page: which page of 100 entries, and for my space a search. */
export const ListingQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Numéro de page (100 éléments par page).' })),
  q: Type.Optional(Text(100, 'Partie du nom cherchée dans mon espace.')),
});
export type ListingQuery = Static<typeof ListingQuery>;

/** Where a listing form posts: a folder, a class space's root, or my space's root. */
export const TargetQuery = Type.Object({
  parentId: Type.Optional(Id('Dossier de destination.')),
  classId: Type.Optional(Id('Racine de l’espace de cette classe.')),
  parentsCanRead: Type.Optional(Type.Literal('true', { description: 'Espace de classe : visible aussi par les parents.' })),
  ...CsrfField,
});
export type TargetQuery = Static<typeof TargetQuery>;

/** An id a form may leave empty (a select's first option). */
const OptionalId = (description: string) => Type.Optional(Type.Union([Id(description), Type.Literal('')], { description }));

export const FolderForm = Type.Object({ name: Text(400, 'Nom du dossier.'), ...CsrfField });
export const RenameForm = Type.Object({ name: Text(400, 'Nouveau nom.'), ...CsrfField });
export const MoveForm = Type.Object({ parentId: OptionalId('Dossier de destination ; vide pour la racine.'), ...CsrfField });
export const ShareForm = Type.Object({
  personId: OptionalId('Personne avec qui partager.'),
  groupId: OptionalId('Groupe avec qui partager.'),
  canEdit: Checkbox('Modification permise.'),
  ...CsrfField,
});
export const CsrfForm = Type.Object({ ...CsrfField });

export const NewBoxForm = Type.Object({
  groupId: Type.Union([Id('Classe ou groupe où j’enseigne.'), Type.Literal('')], { description: 'Classe ou groupe où j’enseigne.' }),
  title: Text(200, 'Titre du dépôt.'),
  instructions: Type.Optional(Text(5000, 'Consignes.')),
  dueAt: Text(40, 'Date limite, AAAA-MM-JJTHH:MM à l’heure de Paris.'),
  acceptLate: Checkbox('Accepter les dépôts en retard.'),
  assignmentId: Type.Optional(Text(64, 'Devoir du cahier de textes lié.')),
  ...CsrfField,
});
export type NewBoxForm = Static<typeof NewBoxForm>;

/** Multipart form routes carry their CSRF token in the query string. */
export const MultipartQuery = Type.Object({ ...CsrfField });
