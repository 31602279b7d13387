import { newId, type Db } from '../../kernel/db/index.js';
import { searchKeyOf } from './repository.js';

/** A signed-up municipal agent, member of their town: the demo's agents have passwords, not codes. */
export async function addDemoMunicipalAgent(
  db: Db,
  agent: { townId: string; login: string; firstName: string; lastName: string; passwordHash: string; at: string },
): Promise<string> {
  return addDemoMember(db, 'municipal', agent.townId, agent);
}

/** An inspector (IEN, adviser): staff, member of the circonscription or académie they work for, with a password. */
export async function addDemoInspector(
  db: Db,
  inspector: { structureId: string; login: string; firstName: string; lastName: string; passwordHash: string; at: string },
): Promise<string> {
  return addDemoMember(db, 'personnel', inspector.structureId, inspector);
}

async function addDemoMember(
  db: Db,
  profile: 'municipal' | 'personnel',
  structureId: string,
  agent: { login: string; firstName: string; lastName: string; passwordHash: string; at: string },
): Promise<string> {
  const { at } = agent;
  const names = { firstName: agent.firstName, lastName: agent.lastName, usageName: null };
  const id = newId();
  await db
    .insertInto('people')
    .values({
      id,
      profile,
      civility: null,
      ...names,
      birthDate: null,
      sex: null,
      email: null,
      phone: null,
      address: null,
      login: agent.login,
      passwordHash: agent.passwordHash,
      activationCode: null,
      activatedAt: at,
      charterAcceptedAt: at,
      photoConsent: null,
      isSuperAdmin: 0,
      status: 'active',
      searchKey: searchKeyOf(names),
      createdAt: at,
      updatedAt: at,
      deactivatedAt: null,
    })
    .execute();
  await db.insertInto('structureMembers').values({ structureId, personId: id, active: 1, importKey: null, source: 'manual', createdAt: at }).execute();
  return id;
}
