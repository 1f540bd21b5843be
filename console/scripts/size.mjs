// Prints the gzipped size of the JavaScript and CSS that index.html loads at start (not the lazily loaded pages),
// and fails the build above the budget of 300 KB of JavaScript.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 300 * 1024;
const html = readFileSync('dist/index.html', 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let js = 0;
let css = 0;
for (const f of files) {
  const size = gzipSync(readFileSync(`dist/${f}`)).length;
  if (f.endsWith('.js')) js += size; else css += size;
  console.log(`  ${f}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial JavaScript: ${(js / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB); CSS ${(css / 1024).toFixed(1)} KB`);
if (js > BUDGET) {
  console.error('initial JavaScript is over budget');
  process.exit(1);
}
