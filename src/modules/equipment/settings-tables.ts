import type { AssetCategory } from './tables.js';

/** A municipality's renewal ages (years per category) and fault resolution targets (days per category or room). */
export interface Targets {
  ages: Record<Exclude<AssetCategory, 'cart'>, number>;
  resolutionDays: Record<AssetCategory | 'room', number>;
}

/** The municipality's targets, once its technician changed them (absent: the defaults of `rules.ts`). */
export interface EquipmentTargetsTable {
  municipalityId: string;
  /** JSON `Targets['ages']`. */
  ages: string;
  /** JSON `Targets['resolutionDays']`. */
  resolutionDays: string;
  updatedBy: string;
  updatedAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    equipmentTargets: EquipmentTargetsTable;
  }
}
