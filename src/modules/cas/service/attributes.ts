import crypto from 'node:crypto';
import type { Db } from '../../../kernel/db/index.js';
import { instanceSecret } from '../../../kernel/secrets.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import * as repo from '../repository.js';
import type { ServiceRow } from '../repository.js';

/** The attributes a service may be given, in the order they are listed and released. */
export const ATTRIBUTE_NAMES = ['displayName', 'firstName', 'lastName', 'email', 'profile', 'uai', 'className', 'login'] as const;
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

/** Released when none are named: enough for a partner to greet the person and place them in a class. */
export const DEFAULT_ATTRIBUTES: AttributeName[] = ['displayName', 'profile', 'uai', 'className'];

export const isAttributeName = (value: string): value is AttributeName => (ATTRIBUTE_NAMES as readonly string[]).includes(value);

export function serviceAttributes(service: Pick<ServiceRow, 'attributes'>): AttributeName[] {
  const parsed = JSON.parse(service.attributes) as string[];
  return parsed.filter(isAttributeName);
}

/**
 * The `user` a service is told. A trusted service gets Préau's person id (stable for life, unlike a
 * login that changes when a name is corrected); any other a pseudonym proper to the service, so two
 * partners cannot match their users without Préau (docs/decisions/0035).
 */
export async function userFor(db: Db, service: Pick<ServiceRow, 'id' | 'trusted'>, personId: string): Promise<string> {
  if (service.trusted) return personId;
  const key = await instanceSecret(db, 'cas_pseudonym_key');
  return crypto.createHmac('sha256', key).update(`${service.id}:${personId}`).digest('base64url');
}

export interface Released {
  user: string;
  /** The first structure the person belongs to, for the audit log's school filter. */
  structureId: string | null;
  /** Each released attribute with its values (several for a person in two schools); empty ones are left out. */
  attributes: Partial<Record<AttributeName, string[]>>;
  active: boolean;
}

/** What a validation gives a service about a person: its user and the attributes it was registered for. */
export async function release(db: Db, service: ServiceRow, personId: string, now: Date): Promise<Released | null> {
  const facts = await repo.personFacts(db, personId, schoolYearOf(now));
  if (!facts) return null;
  const { person, structures, classes } = facts;
  const values: Record<AttributeName, string[]> = {
    displayName: [displayName(person)],
    firstName: [person.firstName],
    lastName: [person.usageName || person.lastName],
    email: person.email ? [person.email] : [],
    profile: [person.profile],
    uai: structures.map((s) => s.uai).filter((u): u is string => !!u),
    className: classes,
    login: [person.login],
  };
  const attributes: Released['attributes'] = {};
  for (const name of serviceAttributes(service)) if (values[name].length > 0) attributes[name] = values[name];
  return { user: await userFor(db, service, personId), structureId: structures[0]?.id ?? null, attributes, active: person.status === 'active' };
}
