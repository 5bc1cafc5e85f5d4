/**
 * Generated inputs that make naive parsers and string builders slow or deep: nesting, long runs
 * of one character, many blocks, many links, huge tables, long style attributes. Each case turns
 * a size `n` into one input for one entry point (`renderDigest` with the text as an item body,
 * `cleanForWechat`, or `checkWechat`). Used by the pathological-input test (in a child process,
 * with a time budget) and by `bench/pathological.ts` (the timings in docs/hostile-input.md).
 */

/** The entry point a case feeds. */
export type PathologicalTarget = 'render' | 'clean' | 'check';

/** One generated input, by size. */
export interface PathologicalCase {
  /** Stable name, shown in test titles and the bench table. */
  name: string;
  target: PathologicalTarget;
  /** The input of size `n` (Markdown for `render`, HTML for `clean` and `check`). */
  make(n: number): string;
  /** The smaller of the two sizes compared; the larger is `PATHOLOGICAL_FACTOR` times it. */
  n: number;
}

/** The larger size is this many times the smaller: linear work takes about this many times as long, quadratic work its square (16). */
export const PATHOLOGICAL_FACTOR = 4;

const rows = (n: number, row: (i: number) => string, sep = '\n') => Array.from({ length: n }, (_, i) => row(i)).join(sep);

/** Every case. Sizes are chosen so that the smaller runs in a few tens of milliseconds. */
export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = [
  // Markdown, rendered as one item's body
  { name: 'emphasis nested', target: 'render', n: 6_000, make: (n) => `${'*'.repeat(n)}x${'*'.repeat(n)}` },
  { name: 'emphasis pairs', target: 'render', n: 3_000, make: (n) => '*a_ '.repeat(n) },
  { name: 'unclosed emphasis', target: 'render', n: 10_000, make: (n) => '*a '.repeat(n) },
  { name: 'brackets', target: 'render', n: 10_000, make: (n) => '['.repeat(n) + ']'.repeat(n) },
  { name: 'link openers', target: 'render', n: 10_000, make: (n) => '[a]('.repeat(n) },
  { name: 'backticks', target: 'render', n: 3_000, make: (n) => rows(n, (i) => '`'.repeat((i % 20) + 1), ' x ') },
  { name: 'block quotes nested', target: 'render', n: 5_000, make: (n) => `${'> '.repeat(n)}x` },
  { name: 'lists nested', target: 'render', n: 1_000, make: (n) => rows(n, (i) => `${'  '.repeat(i % 150)}- x`) },
  { name: 'list items', target: 'render', n: 1_500, make: (n) => rows(n, (i) => `- item ${i}`) },
  { name: 'paragraphs', target: 'render', n: 1_500, make: (n) => rows(n, (i) => `paragraph ${i}`, '\n\n') },
  { name: 'links', target: 'render', n: 1_000, make: (n) => rows(n, (i) => `[l${i}](https://example.com/${i})`, ' ') },
  { name: 'table rows', target: 'render', n: 500, make: (n) => `| a | b | c |\n|---|---|---|\n${rows(n, (i) => `| ${i} | x | y |`)}` },
  { name: 'code lines', target: 'render', n: 3_000, make: (n) => `\`\`\`\n${rows(n, (i) => `  line ${i}`)}\n\`\`\`` },
  { name: 'raw HTML nested', target: 'render', n: 5_000, make: (n) => `<b>${'<i>'.repeat(n)}x` },
  { name: 'raw HTML tags', target: 'render', n: 800, make: (n) => rows(n, (i) => `<span style="color:#333">s${i}</span>`, ' ') },
  { name: 'runs of spaces', target: 'render', n: 50_000, make: (n) => `a${' '.repeat(n)}b${' \t'.repeat(n)}\nc` },
  { name: 'entities', target: 'render', n: 3_000, make: (n) => '&amp;&#x41;&bogus'.repeat(n) },

  // HTML given to cleanForWechat
  { name: 'divs nested', target: 'clean', n: 5_000, make: (n) => '<div>'.repeat(n) },
  { name: 'many links', target: 'clean', n: 800, make: (n) => `<section>${rows(n, (i) => `<a href="https://example.com/${i}">l${i}</a>`, ' ')}</section>` },
  { name: 'pre lines', target: 'clean', n: 8_000, make: (n) => `<pre>${rows(n, (i) => `  line ${i}`)}</pre>` },
  { name: 'list items', target: 'clean', n: 800, make: (n) => `<ul>${rows(n, (i) => `<li>item ${i}</li>`, '')}</ul>` },
  { name: 'table rows', target: 'clean', n: 800, make: (n) => `<table>${rows(n, (i) => `<tr><td>${i}</td><td>x</td></tr>`, '')}</table>` },
  { name: 'runs of spaces', target: 'clean', n: 50_000, make: (n) => `<p>a${' '.repeat(n)}b${' \t'.repeat(n)}\nc</p><pre>${' '.repeat(n)}x</pre>` },
  { name: 'long style', target: 'clean', n: 5_000, make: (n) => `<p style="${rows(n, (i) => `color:#${String(i % 999).padStart(3, '1')}`, ';')}">x</p>` },
  { name: 'unclosed comment in style', target: 'clean', n: 200_000, make: (n) => `<p style="color:red/*${'x;'.repeat(n)}">x</p>` },
  { name: 'parentheses in style', target: 'clean', n: 20_000, make: (n) => `<p style="color:${'rgb('.repeat(n)}">x</p>` },

  // HTML given to checkWechat
  { name: 'bold nested', target: 'check', n: 5_000, make: (n) => '<b>'.repeat(n) },
  { name: 'elements', target: 'check', n: 3_000, make: (n) => `<section>${rows(n, (i) => `<p style="color:#333;margin:${i % 9}px">p${i}</p>`, '')}</section>` },
  { name: 'svg shapes', target: 'check', n: 3_000, make: (n) => `<section><svg>${rows(n, (i) => `<path d="M${i} 0" fill="currentColor"></path>`, '')}</svg></section>` },
];
