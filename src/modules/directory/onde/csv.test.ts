import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, decodeCsv, decodeWindows1252, encodeWindows1252, parseCsv } from './csv.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function csvError(fn: () => unknown): CsvError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CsvError, `expected CsvError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a CsvError');
}

test('decodeCsv detects UTF-8 and strips the BOM', () => {
  const plain = decodeCsv(utf8('Prénom;Nom\nZoé;Cœur'));
  assert.deepEqual(plain, { text: 'Prénom;Nom\nZoé;Cœur', encoding: 'utf-8', otherLines: [] });
  const bom = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Élève')]));
  assert.deepEqual(bom, { text: 'Élève', encoding: 'utf-8', otherLines: [] });
});

test('decodeCsv falls back to windows-1252, including the 0x80-0x9F range', () => {
  // "Cœur ’ Élève €" in windows-1252.
  const bytes = new Uint8Array([0x43, 0x9c, 0x75, 0x72, 0x20, 0x92, 0x20, 0xc9, 0x6c, 0xe8, 0x76, 0x65, 0x20, 0x80, 0x8c]);
  assert.deepEqual(decodeCsv(bytes), { text: 'Cœur ’ Élève €Œ', encoding: 'windows-1252', otherLines: [] });
  assert.equal(decodeCsv(new Uint8Array([0x4e, 0x6f, 0xeb, 0x6c])).text, 'Noël');
});

test('decodeCsv reads a file mixing windows-1252 and UTF-8 line by line, and names the odd lines', () => {
  const cp = (s: string) => [...encodeWindows1252(s)];
  const u = (s: string) => [...utf8(s)];
  // Header and lines 2 and 4 in windows-1252, line 3 in UTF-8; CRLF, LF and a lone CR.
  const bytes = new Uint8Array([...cp('Prénom;Nom\r\n'), ...cp('Noël;Cœur\n'), ...u('Zoé;Béranger\r'), ...cp('Inès;Öztürk\n'), ...u('Paul;Martin')]);
  assert.deepEqual(decodeCsv(bytes), {
    text: 'Prénom;Nom\r\nNoël;Cœur\nZoé;Béranger\rInès;Öztürk\nPaul;Martin',
    encoding: 'windows-1252',
    otherLines: [3],
  });
  // Mostly UTF-8: the windows-1252 lines are the odd ones.
  const mostlyUtf8 = new Uint8Array([...u('Prénom;Nom\n'), ...u('Zoé;Béranger\n'), ...cp('Noël;Cœur\n'), ...u('Inès;Öztürk\n')]);
  assert.deepEqual(decodeCsv(mostlyUtf8), { text: 'Prénom;Nom\nZoé;Béranger\nNoël;Cœur\nInès;Öztürk\n', encoding: 'utf-8', otherLines: [3] });
});

test('windows-1252 encoder and decoder round-trip', () => {
  const text = 'ŒUVRAY Cœur l’Église Noël François Ÿ € ÿ';
  assert.equal(decodeWindows1252(encodeWindows1252(text)), text);
  assert.deepEqual([...encodeWindows1252('œŒ’é')], [0x9c, 0x8c, 0x92, 0xe9]);
  assert.deepEqual([...encodeWindows1252('ễ')], [0x3f]);
});

test('decodeCsv rejects empty and binary input', () => {
  assert.equal(csvError(() => decodeCsv(new Uint8Array())).code, 'csv.unreadable');
  assert.equal(csvError(() => decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf]))).code, 'csv.unreadable');
  assert.equal(csvError(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).code, 'csv.unreadable');
  // UTF-16 exports are full of NUL bytes.
  assert.equal(csvError(() => decodeCsv(new Uint8Array([0xff, 0xfe, 0x4e, 0x00]))).code, 'csv.unreadable');
});

test('parseCsv reads quoted and unquoted values', () => {
  const { header, rows } = parseCsv('Nom;Prénom;Ville\r\n"N\'DIAYE"; Aminata ;"Saint-Denis"\r\nDUPONT;"Jean ""Jeannot""";\r\n');
  assert.deepEqual(header, ['Nom', 'Prénom', 'Ville']);
  assert.deepEqual(rows, [
    { line: 2, cells: ["N'DIAYE", 'Aminata', 'Saint-Denis'] },
    { line: 3, cells: ['DUPONT', 'Jean "Jeannot"', ''] },
  ]);
});

test('parseCsv keeps separators and line breaks inside quotes and counts physical lines', () => {
  const text = 'a;b\n"Bât. C; appt 12";x\n"ligne 1\r\nligne 2\rligne 3";y\nz;w\n';
  const { rows } = parseCsv(text);
  assert.deepEqual(rows, [
    { line: 2, cells: ['Bât. C; appt 12', 'x'] },
    { line: 3, cells: ['ligne 1\nligne 2\nligne 3', 'y'] },
    { line: 6, cells: ['z', 'w'] },
  ]);
});

test('parseCsv accepts LF, CRLF and lone CR line ends', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const { header, rows } = parseCsv(['h1;h2', '1;2', '3;4'].join(eol));
    assert.deepEqual(header, ['h1', 'h2']);
    assert.deepEqual(rows, [
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  }
});

test('parseCsv skips blank lines and trailing empty lines', () => {
  const { rows } = parseCsv('h1;h2\r\n\r\n1;2\r\n   \r\n;\r\n3;4\r\n\r\n\r\n');
  assert.deepEqual(rows, [
    { line: 3, cells: ['1', '2'] },
    { line: 6, cells: ['3', '4'] },
  ]);
});

test('parseCsv keeps an empty last cell after a trailing separator', () => {
  assert.deepEqual(parseCsv('a;b\n1;').rows, [{ line: 2, cells: ['1', ''] }]);
  assert.deepEqual(parseCsv('a;b\n"";2').rows, [{ line: 2, cells: ['', '2'] }]);
});

test('parseCsv is lenient with stray quotes', () => {
  const { rows } = parseCsv('a;b\nN"DIAYE;"x" \n');
  assert.deepEqual(rows, [{ line: 2, cells: ['N"DIAYE', 'x'] }]);
});

test('parseCsv supports another separator', () => {
  assert.deepEqual(parseCsv('a,b\n"1,5",2', ',').rows, [{ line: 2, cells: ['1,5', '2'] }]);
});

test('parseCsv reports an unterminated quote with its line', () => {
  const err = csvError(() => parseCsv('a;b\n1;2\n"ouvert;3\n4;5\n'));
  assert.equal(err.code, 'csv.unterminated_quote');
  assert.equal(err.line, 3);
});

test('parseCsv on an empty text gives no header', () => {
  assert.deepEqual(parseCsv(''), { header: [], rows: [] });
  assert.deepEqual(parseCsv('\r\n\r\n'), { header: [], rows: [] });
});
