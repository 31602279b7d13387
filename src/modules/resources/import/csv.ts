// The catalogue's CSV layout (docs/resources.md): one header line naming the columns, `;` or `,`
// between cells, lists inside a cell separated by `|`.
import type { RawRecord } from './record.js';

export const CSV_COLUMNS = [
  'identifier',
  'title',
  'description',
  'url',
  'levels',
  'subjects',
  'theme',
  'type',
  'publisher',
  'licence',
  'audience',
  'access',
] as const;

/** RFC 4180 cells: quotes around a cell, doubled quotes inside. */
function parse(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Records of a CSV file, or the missing columns. */
export function readCsv(text: string): { records: RawRecord[] } | { missing: string[] } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.indexOf('\n') === -1 ? undefined : body.indexOf('\n'));
  const separator = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const [header = [], ...rows] = parse(body, separator);
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c) && c !== 'description' && c !== 'theme');
  if (missing.length > 0) return { missing };
  const at = (cells: string[], name: string) => cells[names.indexOf(name)] ?? '';
  const list = (value: string) =>
    value
      .split('|')
      .map((v) => v.trim())
      .filter(Boolean);
  return {
    records: rows.map((cells) => ({
      identifier: at(cells, 'identifier'),
      title: at(cells, 'title'),
      description: at(cells, 'description'),
      url: at(cells, 'url'),
      levels: list(at(cells, 'levels')),
      subjects: list(at(cells, 'subjects')),
      theme: at(cells, 'theme'),
      type: at(cells, 'type'),
      publisher: at(cells, 'publisher'),
      licence: at(cells, 'licence'),
      audience: list(at(cells, 'audience')),
      access: at(cells, 'access'),
      partner: names.includes('partner') ? at(cells, 'partner') : undefined,
    })),
  };
}
