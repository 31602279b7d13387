import type { Profile } from '../../../kernel/authz/index.js';
import { t } from '../i18n/fr.js';
import type { StructureKind } from '../tables.js';

export const profileLabel = (p: Profile | string) => t(`directory.profile.${p as Profile}`);
export const kindLabel = (k: StructureKind | string) => t(`directory.structure.kind.${k as StructureKind}`);
export const PROFILES: Profile[] = ['student', 'teacher', 'relative', 'personnel', 'municipal'];
