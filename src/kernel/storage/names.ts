import { InvalidInput } from '../http/errors.js';

export const FILE_NAME_MAX = 200;

/** Bidirectional embeddings, overrides, isolates and marks (Unicode UAX #9). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Zero-width space, joiners, word joiner, invisible operators, byte-order mark, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u180e\u200b-\u200d\u2060-\u2064\ufeff]/;

/** Why a file name is refused, in French, or null when it is fine once trimmed. */
export function fileNameProblem(raw: string): string | null {
  const name = raw.normalize('NFC').trim();
  if (name === '') return 'Le nom du fichier est vide.';

  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'Le nom du fichier contient des caractères de contrôle.';
  // Refused, not stripped: `facture\u202Efdp.exe` shows as "facture exe.pdf", and a zero-width
  // character makes two names look identical. Silently removing them would rename the file.
  if (BIDI_CONTROLS.test(name)) return 'Le nom du fichier contient un caractère qui inverse le sens du texte ; retirez-le.';
  if (ZERO_WIDTH.test(name)) return 'Le nom du fichier contient un caractère invisible ; retirez-le.';
  if (/[/\\]/.test(name)) return 'Le nom du fichier ne peut pas contenir « / » ni « \\ ».';
  if (name === '.' || name === '..') return 'Ce nom de fichier n’est pas permis.';
  if ([...name].length > FILE_NAME_MAX) return `Le nom du fichier dépasse ${FILE_NAME_MAX} caractères.`;
  return null;
}

/**
 * A file (or folder) name fit to store and to send back: NFC, trimmed, no path separators, no
 * control, bidirectional or zero-width characters, at most 200 characters. Anything else is
 * refused (400), never silently fixed.
 */
export function safeFileName(raw: string, field = 'name'): string {
  const problem = fileNameProblem(raw);
  if (problem) throw new InvalidInput([{ field, message: problem }], 'storage.bad_file_name');
  return raw.normalize('NFC').trim();
}

/** `Content-Disposition` with an ASCII fallback and the exact name in RFC 5987 `filename*`. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
