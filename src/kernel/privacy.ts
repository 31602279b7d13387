/**
 * What each module declares for the RGPD: its entry of the processing register (registre des
 * traitements) and how to gather one person's data for the right of access. The privacy module
 * reads the declarations; the kernel only keeps them, so no module imports another for this.
 */
import type { Db } from './db/index.js';

/** One processing activity, as the register shows it (article 30 of the RGPD). */
export interface ProcessingEntry {
  /** Finalité: why the data is processed, in French. */
  purpose: string;
  /** Catégories de données. */
  dataKinds: string[];
  /** Personnes concernées. */
  people: string[];
  /** Durée de conservation, in words. */
  retention: string;
  /** Destinataires: who reads the data. */
  recipients: string[];
}

/** One person's data from one module: named JSON tables and the files that go with them. */
export interface PersonalData {
  /** `name` becomes `<module>/<name>.json` in the archive. */
  tables: Array<{ name: string; rows: unknown[] }>;
  /** Files, put under `<module>/files/<path>`; `path` is made unique by the archive builder. */
  files: Array<{ path: string; blobKey: string; size: number }>;
}

export interface PrivacyDeclaration {
  /** The module's name (the archive's folder, the register's section). */
  module: string;
  /** Its name for people, in French. */
  title: string;
  processing: ProcessingEntry;
  /** The person's own data only: what they wrote, what they received, what is about them. */
  exportPerson(db: Db, personId: string): Promise<PersonalData>;
}

export class PrivacyRegistry {
  private readonly declarations = new Map<string, PrivacyDeclaration>();

  declare(declaration: PrivacyDeclaration): void {
    if (this.declarations.has(declaration.module)) throw new Error(`Privacy of ${declaration.module} is declared twice`);
    this.declarations.set(declaration.module, declaration);
  }

  /** Every declaration, by module name. */
  get all(): PrivacyDeclaration[] {
    return [...this.declarations.values()].sort((a, b) => a.module.localeCompare(b.module));
  }
}
