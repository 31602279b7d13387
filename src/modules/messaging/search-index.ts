import type { SearchIndex } from '../../kernel/search/index.js';

/** Messages by their folded sender, subject and text (`search_text`), kept in step by the database. */
export const messagesSearchIndex: SearchIndex = {
  name: 'messages',
  language: 'french',
  source: { table: 'messages', key: 'id', columns: ['search_text'] },
};
