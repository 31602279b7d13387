// Demo loans: tablets of the mobile classroom lent to families, one returned, one waiting for the
// parent's acknowledgement, one overdue.
import type { FastifyInstance } from 'fastify';
import { parisToday } from './rules.js';

type Client = <T>(method: 'GET' | 'POST', url: string, payload?: object) => Promise<T>;

const CONDITIONS =
  'La tablette reste la propriété de la commune. La famille en prend soin, ne la prête pas, la garde chargée et la rend avec son chargeur et sa coque à la date prévue. Une casse ou une perte est signalée tout de suite à l’école.';

const shift = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The story pupil's family: a tablet lent last term, acknowledged and returned in good condition,
 * and one lent today, waiting for the parent's acknowledgement. Another pupil's tablet is overdue.
 */
export async function seedLoansDemo(
  app: FastifyInstance,
  input: { schoolId: string; pupilId: string; director: Client; parent: Client | null; tabletIds: string[] },
) {
  const [first, second, third] = input.tabletIds;
  if (!first || !second || !third) return;
  const today = parisToday(app.clock.now());
  const base = `/api/equipment/schools/${input.schoolId}/loans`;
  const lend = async (body: object) => (await input.director<{ id: string }>('POST', base, body)).id;

  const returned = await lend({ assetId: first, pupilId: input.pupilId, startsOn: shift(today, -120), dueOn: shift(today, -30), conditions: CONDITIONS });
  if (input.parent) await input.parent('POST', `/api/equipment/loans/${returned}/acknowledge`);
  await input.director('POST', `/api/equipment/loans/${returned}/return`, { condition: 'good', comment: 'Rendue complète, avec sa coque.' });
  await lend({ assetId: second, pupilId: input.pupilId, dueOn: shift(today, 21), conditions: CONDITIONS });

  const other = await app.db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', input.schoolId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'student')
    .where('people.id', '!=', input.pupilId)
    .orderBy('people.searchKey')
    .executeTakeFirst();
  if (other) await lend({ assetId: third, pupilId: other.id, startsOn: shift(today, -60), dueOn: shift(today, -5), conditions: CONDITIONS });
}
