// ScoLOMFR (the French profile of LOM) records, read as a stream: every <lom> element is one
// record, wherever it sits (a plain list, an OAI-PMH answer). Elements are matched by local
// name, so the LOM, LOMFR and ScoLOMFR namespaces and prefixes may be anything.
import { SaxesParser } from 'saxes';
import { foldForSearch } from '../../../kernel/search/index.js';
import type { RawRecord } from './record.js';

interface Draft {
  identifier: string;
  title: string;
  description: string;
  url: string;
  levels: string[];
  subjects: string[];
  themes: string[];
  type: string;
  publisher: string;
  licence: string;
  audience: string[];
  cost: string;
}

const empty = (): Draft => ({
  identifier: '',
  title: '',
  description: '',
  url: '',
  levels: [],
  subjects: [],
  themes: [],
  type: '',
  publisher: '',
  licence: '',
  audience: [],
  cost: '',
});

/** The FN line of a vCard ("BEGIN:VCARD … FN:Éditions du Préau …"), or the text itself. */
function vcardName(text: string): string {
  const fn = /(?:^|\n)\s*FN:([^\r\n]+)/i.exec(text);
  return (fn ? fn[1]! : text).trim();
}

/** Records of a ScoLOMFR document; a malformed document is an error with its line. */
export function readScolomfr(xml: string): RawRecord[] {
  const parser = new SaxesParser({ xmlns: false });
  const records: RawRecord[] = [];
  const path: string[] = [];
  let draft: Draft | null = null;
  let text = '';
  let purpose = '';
  let entries: string[] = [];
  let role = '';
  let entity = '';
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const inside = (...names: string[]) => names.every((n) => path.includes(n));

  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    path.push(name);
    text = '';
    if (name === 'lom') draft = empty();
    if (name === 'classification') {
      purpose = '';
      entries = [];
    }
    if (name === 'contribute') {
      role = '';
      entity = '';
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    const value = text.trim();
    text = '';
    const d = draft;
    if (d) {
      if (name === 'entry' && inside('general', 'identifier') && !d.identifier) d.identifier = value;
      else if (name === 'string' && inside('general', 'title') && !d.title) d.title = value;
      else if (name === 'string' && inside('general', 'description') && !d.description) d.description = value;
      else if (name === 'location' && inside('technical') && !d.url) d.url = value;
      else if (name === 'value' && inside('educational', 'learningResourceType') && !d.type) d.type = value;
      else if (name === 'value' && inside('educational', 'intendedEndUserRole')) d.audience.push(value);
      else if (name === 'value' && inside('rights', 'cost')) d.cost = value;
      else if (name === 'string' && inside('rights', 'description') && !d.licence) d.licence = value;
      else if (name === 'value' && inside('contribute', 'role')) role = value;
      else if (name === 'entity' && inside('contribute')) entity = value;
      else if (name === 'contribute' && ['publisher', 'editeur'].includes(foldForSearch(role)) && !d.publisher) d.publisher = vcardName(entity);
      else if (name === 'value' && inside('classification', 'purpose')) purpose = foldForSearch(value);
      else if (name === 'string' && inside('classification', 'taxon', 'entry')) entries.push(value);
      else if (name === 'classification') {
        if (purpose.includes('level') || purpose.includes('niveau')) d.levels.push(...entries);
        else if (purpose.includes('discipline') || purpose.includes('domaine')) d.subjects.push(...entries);
        else d.themes.push(...entries);
      } else if (name === 'lom') {
        records.push({
          identifier: d.identifier,
          title: d.title,
          description: d.description,
          url: d.url,
          levels: d.levels,
          subjects: d.subjects,
          theme: d.themes.join(', '),
          type: d.type,
          publisher: d.publisher,
          licence: d.licence,
          audience: d.audience.map((a) => (['learner', 'apprenant', 'eleve'].includes(foldForSearch(a)) ? 'student' : a)),
          access: ['yes', 'oui'].includes(foldForSearch(d.cost)) ? 'licence' : 'free',
        });
        draft = null;
      }
    }
    path.pop();
  });
  parser.write(xml).close();
  return records;
}
