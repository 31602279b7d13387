import type { SearchIndex } from '../../kernel/search/index.js';

/** The catalogue, written by the imports with its facets (level, subject, type). */
export const catalogueSearchIndex: SearchIndex = { name: 'catalogue', language: 'french' };
