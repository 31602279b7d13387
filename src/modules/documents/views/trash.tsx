import { t } from '../i18n/fr.js';
import type { NodeItem } from '../schema.js';
import { ItemsTable, Tabs, type Tab } from './space.js';

export function TrashPage(p: { title: string; tabs: Tab[]; items: NodeItem[]; csrf: string }) {
  return (
    <>
      <h1>{p.title}</h1>
      <Tabs tabs={p.tabs} />
      {p.items.length === 0 ? <p>{t('documents.trash.empty')}</p> : <ItemsTable items={p.items} caption={p.title} trash csrf={p.csrf} />}
    </>
  );
}
