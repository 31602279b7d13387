import { AppError } from '../http/errors.js';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The file went past the size allowed; nothing was kept. */
export class BlobTooLarge extends AppError {
  constructor(readonly maxBytes: number) {
    super(413, 'storage.too_large', `Le fichier dépasse la taille maximale autorisée (${megabytes(maxBytes)}).`, { maxBytes });
  }
}

/** A stored blob is missing (deleted, or the store was moved). */
export class BlobMissing extends AppError {
  constructor() {
    super(404, 'not_found', 'Ce fichier est introuvable.');
  }
}
