import type { SearchIndex } from '../../kernel/search/index.js';

/** People by their folded names (`search_key`), kept in step by the database whoever writes a person. */
export const peopleSearchIndex: SearchIndex = {
  name: 'people',
  language: 'simple',
  source: { table: 'people', key: 'id', columns: ['search_key'] },
};
