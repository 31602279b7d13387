/** A partner tool allowed to sign people in through Préau's CAS server. */
export interface CasServicesTable {
  id: string;
  name: string;
  /** An exact prefix (`https://outil.example/ent/`) or an anchored pattern with `*` (`https://*.outil.example/*`). */
  urlPattern: string;
  /** The attribute names released to it, as JSON (`["displayName","profile"]`). */
  attributes: string;
  /** 1: the user is Préau's person id; 0: a pseudonym proper to this service. */
  trusted: number;
  /** 1: /cas/proxyValidate answers for its tickets (no proxy-granting ticket is issued). */
  proxy: number;
  createdAt: string;
  createdBy: string | null;
}

/** A service ticket: single use, short-lived, bound to the service URL it was issued for. */
export interface CasTicketsTable {
  /** sha256 of the ticket: the database never holds a ticket that could be replayed. */
  id: string;
  serviceId: string;
  serviceUrl: string;
  personId: string;
  /** 1 when issued right after the person typed their password (what `renew=true` asks for). */
  fresh: number;
  createdAt: string;
  expiresAt: string;
  /** Set by the one validation attempt the ticket allows, whatever its outcome. */
  usedAt: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    casServices: CasServicesTable;
    casTickets: CasTicketsTable;
  }
}
