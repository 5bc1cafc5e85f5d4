// Renders examples/arxiv-daily.json into examples/out/: the fragment and a page that shows it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderDigest, previewPage } from '../dist/index.js';

const input = JSON.parse(readFileSync(new URL('../examples/arxiv-daily.json', import.meta.url), 'utf8'));
const result = renderDigest(input);
const out = new URL('../examples/out/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('arxiv-daily.html', out), result.html);
writeFileSync(new URL('arxiv-daily.page.html', out), previewPage(result, { title: input.title }));
const { characters, items, footnotes } = result.stats;
console.log(`examples/out/arxiv-daily.html       ${characters.toLocaleString('en')} characters (limit 20,000), ${items} items, ${footnotes} footnotes`);
console.log('examples/out/arxiv-daily.page.html  the preview page: open it in a browser (phone and desktop width, light and dark, Copy for WeChat)');
for (const w of result.warnings) console.log(`${w.severity} ${w.rule}: ${w.message}`);
