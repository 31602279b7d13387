import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isActiveContent, isInlineSafe, sniffContentType } from './sniff.js';
import { contentDisposition, fileNameProblem, safeFileName } from './names.js';
import { parseRange } from './http.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

test('sniffs the magic numbers of the usual school files', () => {
  assert.equal(sniffContentType(text('%PDF-1.7\n')), 'application/pdf');
  assert.equal(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), 'image/png');
  assert.equal(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image/jpeg');
  assert.equal(sniffContentType(text('GIF89a....')), 'image/gif');
  assert.equal(sniffContentType(text('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffContentType(text('ID3\x04\0')), 'audio/mpeg');
  assert.equal(sniffContentType(text('\0\0\0\x18ftypmp42')), 'video/mp4');
  assert.equal(sniffContentType(bytes(0x1a, 0x45, 0xdf, 0xa3, 1)), 'video/webm');
  assert.equal(sniffContentType(text('OggS\0\x02')), 'audio/ogg');
  const zip = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0);
  assert.equal(sniffContentType(zip, 'archive.zip'), 'application/zip');
  assert.match(sniffContentType(zip, 'Rédaction.DOCX'), /wordprocessingml/);
  assert.match(sniffContentType(zip, 'tableau.ods'), /opendocument\.spreadsheet/);
  assert.equal(sniffContentType(text('Bonjour à tous\n')), 'text/plain; charset=utf-8');
  assert.equal(sniffContentType(bytes(0, 1, 2, 3, 0xfe)), 'application/octet-stream');
  assert.equal(sniffContentType(new Uint8Array()), 'text/plain; charset=utf-8');
});

test('HTML, SVG and XML are recognised and never inline', () => {
  const html = sniffContentType(text('\uFEFF  <!DOCTYPE html><html><script>alert(1)</script>'));
  assert.equal(html, 'text/html');
  assert.equal(sniffContentType(text('<script>alert(1)</script>')), 'text/html');
  const svg = sniffContentType(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'));
  assert.equal(svg, 'image/svg+xml');
  for (const type of [html, svg, 'application/xml']) {
    assert.equal(isInlineSafe(type), false);
    assert.equal(isActiveContent(type), true);
  }
  assert.equal(isInlineSafe('application/pdf'), true);
  assert.equal(isInlineSafe('video/mp4'), true);
});

test('a UTF-8 character cut at the end of the sniffed window is still text', () => {
  const head = text('é'.repeat(2048)).subarray(0, 4095);
  assert.equal(sniffContentType(head, undefined, true), 'text/plain; charset=utf-8');
  assert.equal(sniffContentType(head, undefined, false), 'application/octet-stream');
});

test('file names: trimmed and normalised, path separators and control characters refused', () => {
  assert.equal(safeFileName('  Poésie.pdf '), 'Poésie.pdf');
  assert.equal(safeFileName('Poe\u0301sie.pdf'), 'Poésie.pdf');
  for (const bad of ['a/b.pdf', '..\\x.pdf', 'tab\there', 'nul\u0000', '   ', '..', 'x'.repeat(201)]) {
    assert.ok(fileNameProblem(bad), `"${bad}" should be refused`);
    assert.throws(
      () => safeFileName(bad),
      (error: { statusCode?: number }) => error.statusCode === 400,
    );
  }
  assert.equal(safeFileName('x'.repeat(200)).length, 200);
});

test('Content-Disposition carries an ASCII fallback and the exact name (RFC 5987)', () => {
  const header = contentDisposition('attachment', 'Récit "final" (v2).pdf');
  assert.equal(header, `attachment; filename="Recit _final_ (v2).pdf"; filename*=UTF-8''R%C3%A9cit%20%22final%22%20%28v2%29.pdf`);
});

test('ranges: single, open, suffix; bad ones answer 416; several fall back to the whole file', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
  assert.equal(parseRange(undefined, 100), null);
  assert.equal(parseRange('bytes=0-1,5-6', 100), null);
  assert.equal(parseRange('bytes=100-', 100), 'bad');
  assert.equal(parseRange('bytes=9-3', 100), 'bad');
  assert.equal(parseRange('bytes=abc', 100), 'bad');
  assert.equal(parseRange('bytes=-0', 100), 'bad');
});
