import { audit } from '../../../kernel/audit.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { randomToken, sha256 } from '../../../kernel/auth/tokens.js';
import * as repo from '../repository.js';
import type { ServiceRow } from '../repository.js';
import { release, type AttributeName } from './attributes.js';
import type { CasDeps } from './deps.js';
import { serviceFor } from './services.js';

export type FailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET_SPEC' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'UNAUTHORIZED_SERVICE_PROXY';

export type Validation =
  { ok: true; user: string; attributes: Partial<Record<AttributeName, string[]>>; fresh: boolean; service: ServiceRow } | { ok: false; code: FailureCode };

/**
 * A service ticket for a signed-in person: `ST-` and 256 random bits, kept as its hash, valid for
 * `ticketSeconds` and for the exact service URL it was asked for.
 */
export async function issueTicket(
  deps: CasDeps,
  actor: Actor,
  service: ServiceRow,
  serviceUrl: string,
  options: { fresh: boolean; ip: string },
): Promise<string> {
  authorize(actor, 'cas.ticket.issue', service);
  const ticket = `ST-${randomToken(32)}`;
  const now = deps.clock.now();
  await repo.insertTicket(deps.db, {
    id: sha256(ticket),
    serviceId: service.id,
    serviceUrl,
    personId: actor.personId,
    fresh: options.fresh ? 1 : 0,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.ticketSeconds * 1000).toISOString(),
    usedAt: null,
  });
  await audit(deps.db, {
    action: 'cas.ticket.issued',
    actorId: actor.personId,
    structureId: actor.activeStructureId,
    ip: options.ip,
    details: { serviceId: service.id, service: service.name, fresh: options.fresh },
  });
  return ticket;
}

export interface ValidationRequest {
  ticket: string | undefined;
  service: string | undefined;
  renew: boolean;
  /** `1` for /validate (CAS 1.0, the user only), `2` for /serviceValidate (no attributes), `3` for /p3/serviceValidate, `proxy` for /proxyValidate. */
  endpoint: '1' | '2' | '3' | 'proxy';
  ip: string;
}

/**
 * Validates a service ticket as the CAS protocol says: one attempt per ticket, successful or not;
 * every outcome is in the audit log, a success with the attributes released.
 */
export async function validateTicket(deps: CasDeps, input: ValidationRequest): Promise<Validation> {
  const now = deps.clock.now();
  const refuse = async (code: FailureCode, reason: string, row?: repo.TicketRow): Promise<Validation> => {
    await audit(deps.db, {
      action: reason === 'replayed' ? 'cas.ticket.replayed' : 'cas.ticket.refused',
      subjectId: row?.personId ?? null,
      ip: input.ip,
      details: { code, reason, endpoint: input.endpoint, service: input.service?.slice(0, 500) ?? null },
    });
    return { ok: false, code };
  };
  if (!input.ticket || !input.service) return refuse('INVALID_REQUEST', 'missing');
  if (!input.ticket.startsWith('ST-')) return refuse('INVALID_TICKET_SPEC', 'not_a_service_ticket');
  const id = sha256(input.ticket);
  const won = await repo.claimTicket(deps.db, id, now.toISOString());
  const row = await repo.findTicket(deps.db, id);
  if (!row) return refuse('INVALID_TICKET', 'unknown');
  if (!won) return refuse('INVALID_TICKET', 'replayed', row);
  if (Date.parse(row.expiresAt) <= now.getTime()) return refuse('INVALID_TICKET', 'expired', row);
  if (row.serviceUrl !== input.service) return refuse('INVALID_SERVICE', 'other_service', row);
  if (input.renew && !row.fresh) return refuse('INVALID_TICKET', 'not_fresh', row);
  // The registration may have changed since the ticket was issued.
  const service = await serviceFor(deps, input.service);
  if (!service || service.id !== row.serviceId) return refuse('INVALID_SERVICE', 'unregistered', row);
  if (input.endpoint === 'proxy' && !service.proxy) return refuse('UNAUTHORIZED_SERVICE_PROXY', 'proxy_not_allowed', row);
  const released = await release(deps.db, service, row.personId, now);
  if (!released?.active) return refuse('INVALID_TICKET', 'person_inactive', row);
  const attributes = input.endpoint === '1' || input.endpoint === '2' ? {} : released.attributes;
  await audit(deps.db, {
    action: 'cas.ticket.validated',
    actorId: row.personId,
    subjectId: row.personId,
    structureId: released.structureId,
    ip: input.ip,
    details: {
      serviceId: service.id,
      service: service.name,
      serviceUrl: row.serviceUrl.slice(0, 500),
      endpoint: input.endpoint,
      user: service.trusted ? 'person_id' : 'pseudonym',
      attributes: Object.keys(attributes),
      fresh: !!row.fresh,
    },
  });
  return { ok: true, user: released.user, attributes, fresh: !!row.fresh, service };
}

/** Removes tickets expired for more than an hour; until then a replay is recognised and audited as one. */
export async function sweepTickets(deps: CasDeps, now: Date): Promise<number> {
  return repo.deleteTicketsExpiredBefore(deps.db, new Date(now.getTime() - 60 * 60_000).toISOString());
}
