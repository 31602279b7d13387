import { AppError } from '../http/errors.js';
import { formatSize } from '../i18n/index.js';

/** The file went past the size allowed; nothing was kept. */
export class BlobTooLarge extends AppError {
  constructor(
    readonly maxBytes: number,
    fileName?: string,
  ) {
    super(
      413,
      'storage.too_large',
      fileName
        ? `«\u00a0${fileName}\u00a0» dépasse ${formatSize(maxBytes)}, la taille maximale d’un fichier. Choisissez un fichier plus léger.`
        : `Le fichier dépasse la taille maximale autorisée (${formatSize(maxBytes)}).`,
      { maxBytes, ...(fileName ? { fileName } : {}) },
    );
  }
}

/** A stored blob is missing (deleted, or the store was moved). */
export class BlobMissing extends AppError {
  constructor() {
    super(404, 'not_found', 'Ce fichier est introuvable.');
  }
}
