import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * node:assert builds the message of a bare `assert.ok(x)` by re-parsing the test's source, which
 * on transpiled TypeScript can spin forever instead of failing. Every `assert.ok`/`assert(` call
 * therefore carries its own message.
 */
function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) testFiles(full, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Index of the top-level comma of a call whose argument list starts at `start`, or -1. */
function hasSecondArgument(source: string, start: number): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return false;
      depth--;
    } else if (c === ',' && depth === 0) return true;
  }
  return false;
}

test('every assert.ok in the test suite has a message', () => {
  // The real project folder, also when this file runs compiled from a copy of the project whose
  // package.json is a link to the real one (scripts/test.mjs).
  const root = path.dirname(fs.realpathSync(path.join(import.meta.dirname, '..', '..', 'package.json')));
  const offenders: string[] = [];
  const self = path.join(root, 'test', 'meta', 'assertions.test.ts');
  const files = [...testFiles(path.join(root, 'src')), ...testFiles(path.join(root, 'test'))];
  assert.ok(files.includes(self) && files.length > 100, `the test files are found under ${root} (${files.length})`);
  for (const file of files.filter((f) => f !== self)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bassert(?:\.ok)?\(/g)) {
      if (!hasSecondArgument(source, match.index + match[0].length)) {
        const line = source.slice(0, match.index).split('\n').length;
        offenders.push(`${path.relative(root, file)}:${line}`);
      }
    }
  }
  assert.deepEqual(offenders, [], `assert.ok without a message at:\n${offenders.join('\n')}`);
});
