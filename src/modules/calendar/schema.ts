import { Type } from '@sinclair/typebox';
import { CsrfField, Id, IdParams, IsoDate, Text } from '../../kernel/http/schemas.js';

export { IdParams };

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Mois, AAAA-MM.' });
const Kind = Type.Union([Type.Literal('outing'), Type.Literal('meeting'), Type.Literal('council'), Type.Literal('holiday'), Type.Literal('other')], {
  description: 'Sortie, réunion, conseil d’école, vacances, autre.',
});
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Heure de Paris, HH:MM.' });
const AudienceKey = Type.String({ maxLength: 60, description: 'Public, comme pour les actualités (voir /api/news/audiences).' });

export const MonthQuery = Type.Object({ month: Type.Optional(Month) });
export const ListQuery = Type.Object({ from: Type.Optional(IsoDate('Premier jour de la liste ; aujourd’hui par défaut.')) });
export const StructureParams = Type.Object({ structureId: Id('École.') });
export const ZoneBody = Type.Object({
  zone: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')], { description: 'Zone de vacances scolaires.' }),
});
export const Zone = Type.Object({ zone: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Null()]) });

export const EventBody = Type.Object({
  kind: Kind,
  title: Text(200, 'Titre.', 1),
  description: Type.Optional(Text(20_000, 'Description (mise en forme restreinte).')),
  place: Type.Optional(Type.Union([Text(200, 'Lieu.'), Type.Null()])),
  startDay: IsoDate('Premier jour.'),
  endDay: Type.Optional(Type.Union([IsoDate('Dernier jour (inclus) ; le premier par défaut.'), Type.Null()])),
  startTime: Type.Optional(Type.Union([Time, Type.Null()])),
  endTime: Type.Optional(Type.Union([Time, Type.Null()])),
  audience: Type.Array(AudienceKey, { minItems: 1, maxItems: 60, description: 'Publics.' }),
});

export const EventForm = Type.Object({
  ...CsrfField,
  kind: Type.Optional(Text(20, 'Type.')),
  title: Type.Optional(Text(200, 'Titre.')),
  description: Type.Optional(Text(20_000, 'Description.')),
  place: Type.Optional(Text(200, 'Lieu.')),
  startDay: Type.Optional(Text(10, 'Premier jour.')),
  endDay: Type.Optional(Text(10, 'Dernier jour.')),
  startTime: Type.Optional(Text(5, 'Début.')),
  endTime: Type.Optional(Text(5, 'Fin.')),
  audience: Type.Optional(Type.Union([AudienceKey, Type.Array(AudienceKey, { maxItems: 60 })])),
});

export const ConfirmForm = Type.Object({ ...CsrfField });

export const AttachmentParams = Type.Object({ id: Id('Événement.'), attachmentId: Id('Pièce jointe.') });
export const File = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() });

export const Event = Type.Object({
  id: Type.String(),
  kind: Kind,
  title: Type.String(),
  descriptionHtml: Type.String(),
  place: Type.Union([Type.String(), Type.Null()]),
  structureName: Type.String(),
  startDay: Type.String(),
  endDay: Type.String(),
  allDay: Type.Boolean(),
  startTime: Type.Union([Type.String(), Type.Null()]),
  endTime: Type.Union([Type.String(), Type.Null()]),
  startsAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  cancelled: Type.Boolean(),
});

export const EventDetail = Type.Composite([
  Event,
  Type.Object({
    mayCancel: Type.Boolean(),
    mayEdit: Type.Boolean(),
    attachments: Type.Array(File),
    audience: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  }),
]);
