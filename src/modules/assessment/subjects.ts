import type { Db } from '../../kernel/db/index.js';
import { subjectsTaughtInGroup } from '../directory/index.js';

/** Subjects of a primary class, whose teacher teaches everything and whom the directory gives no subject list. */
const PRIMARY_SUBJECTS: { code: string; label: string }[] = [
  { code: 'FRANCAIS', label: 'Français' },
  { code: 'MATHS', label: 'Mathématiques' },
  { code: 'LV', label: 'Langues vivantes' },
  { code: 'QLM', label: 'Questionner le monde' },
  { code: 'SCITECHNO', label: 'Sciences et technologie' },
  { code: 'HISTGEO', label: 'Histoire-géographie' },
  { code: 'ARTS', label: 'Arts plastiques' },
  { code: 'MUSIQUE', label: 'Éducation musicale' },
  { code: 'EPS', label: 'EPS' },
  { code: 'EMC', label: 'EMC' },
];

/**
 * The subjects a teacher may assess in a group: those the directory's teaching assignments give
 * them there (collèges, lycées), or, when it gives none (a primary class), the primary subjects.
 */
export async function assessableSubjects(db: Db, teacherId: string, groupId: string): Promise<{ code: string; label: string }[]> {
  const taught = await subjectsTaughtInGroup(db, teacherId, groupId);
  return taught.length > 0 ? taught : PRIMARY_SUBJECTS;
}
