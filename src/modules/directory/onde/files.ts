// Finds the three ONDE exports in a folder, for the command line import.
import fs from 'node:fs/promises';
import path from 'node:path';
import { t } from '../i18n/fr.js';
import { n } from './match.js';
import type { OndeFile } from './parse.js';

export class OndeFolderError extends Error {
  override readonly name = 'OndeFolderError';
}

export interface OndeFolder {
  pupils: Uint8Array;
  teachers: Uint8Array;
  parents: Uint8Array;
  /** File name used for each export. */
  names: Record<OndeFile, string>;
}

/** Which export a file name designates; parents first, since "responsables des élèves" names both. */
export function ondeFileOf(name: string): OndeFile | null {
  const key = n(name);
  if (key.includes('responsable') || key.includes('parent')) return 'parents';
  if (key.includes('enseignant')) return 'teachers';
  if (key.includes('eleve')) return 'pupils';
  return null;
}

/**
 * Reads the pupils, teachers and parents exports of a folder, recognised by name (case and
 * accents aside: "eleve", "enseignant", "responsable" or "parent", ending in .csv).
 */
export async function readOndeFolder(dir: string): Promise<OndeFolder> {
  let entries: string[];
  try {
    entries = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    throw new OndeFolderError(t('directory.import.folder.unreadable', dir));
  }
  const csv = entries.filter((name) => name.toLowerCase().endsWith('.csv')).sort();
  const found: Record<OndeFile, string[]> = { pupils: [], teachers: [], parents: [] };
  for (const name of csv) {
    const kind = ondeFileOf(name);
    if (kind) found[kind].push(name);
  }
  const kinds: OndeFile[] = ['pupils', 'teachers', 'parents'];
  const missing = kinds.filter((k) => found[k].length === 0);
  if (missing.length > 0) {
    const labels = missing.map((k) => t(`directory.import.fileName.${k}`)).join(', ');
    throw new OndeFolderError(t('directory.import.folder.missing', dir, labels, csv.join(', ')));
  }
  for (const k of kinds) {
    if (found[k].length > 1) throw new OndeFolderError(t('directory.import.folder.ambiguous', dir, t(`directory.import.fileName.${k}`), found[k].join(', ')));
  }
  const names = { pupils: found.pupils[0]!, teachers: found.teachers[0]!, parents: found.parents[0]! };
  const read = (name: string) => fs.readFile(path.join(dir, name));
  const [pupils, teachers, parents] = await Promise.all([read(names.pupils), read(names.teachers), read(names.parents)]);
  return { pupils, teachers, parents, names };
}
