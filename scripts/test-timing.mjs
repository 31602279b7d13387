// Loaded into every test process when PREAU_TEST_TIMINGS names a file: each test file appends how
// long its process lived (start-up, hooks and tests) to it. `sort -rn` on it lists the slowest.
import fs from 'node:fs';

const target = process.env.PREAU_TEST_TIMINGS;
const file = process.argv[1] ?? '';
if (target && /\.test\.(js|tsx?)$/.test(file)) {
  process.on('exit', () => {
    fs.appendFileSync(target, `${process.uptime().toFixed(1).padStart(7)} s  ${file.replace(/^.*?\/(src|test|bench)\//, '$1/')}\n`);
  });
}
