// Prints the WeChat checker's rules as a Markdown table (id, severity, what, why, how to fix).
// With --write, replaces the table between the rules-table markers in README.md and
// docs/wechat-rules.md.
// Run `npm run build` first: it reads the compiled rules from dist/.
import { readFileSync, writeFileSync } from 'node:fs';
import { checkRulesTable } from '../dist/wechat/rules.js';

const table = checkRulesTable();
if (!process.argv.includes('--write')) {
  console.log(table);
} else {
  // The same table stands in the README and in docs/wechat-rules.md.
  for (const name of ['README.md', 'docs/wechat-rules.md']) {
    const file = new URL(`../${name}`, import.meta.url);
    const doc = readFileSync(file, 'utf8');
    const start = '<!-- rules-table:start -->\n';
    const end = '\n<!-- rules-table:end -->';
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    if (from < 0 || to < from) {
      console.error(`${name}: the markers <!-- rules-table:start --> and <!-- rules-table:end --> are missing`);
      process.exit(1);
    }
    writeFileSync(file, doc.slice(0, from + start.length) + table + doc.slice(to));
    console.log(`${name}: ${table.split('\n').length - 2} rules written`);
  }
}
