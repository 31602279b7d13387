import type { Db } from '../../kernel/db/index.js';
export async function seedAttendanceDemo(_db: Db): Promise<void> {}
