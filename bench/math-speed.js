// One side of the math speed comparison, alone in a fresh Node.js process with no loader in
// between: `node bench/math-speed.js ours <digest.json>` or `… wenyan <digest.md>`. Warms the
// side up, times `runs` renders one by one and prints their median in ms as JSON. A process per
// side keeps one side's garbage from being collected on the other side's clock. The time is the
// CPU time the process spent (every thread, so MathJax's garbage collection counts), which
// other work on a busy machine does not inflate the way it inflates the wall clock.
import { readFileSync } from 'node:fs';

const [side, input, warmArg, runsArg] = process.argv.slice(2);
const warm = Number(warmArg ?? 0);
const runs = Number(runsArg ?? 0);
if (!['ours', 'wenyan'].includes(side) || !input || !(warm >= 0) || !(runs > 0)) {
  process.stderr.write('usage: node bench/math-speed.js ours|wenyan <input> <warm-up renders> <timed renders>\n');
  process.exit(2);
}

async function renderer() {
  if (side === 'ours') {
    const { renderDigest } = await import('../dist/index.js');
    const digest = JSON.parse(readFileSync(input, 'utf8'));
    return () => renderDigest(digest);
  }
  const { createWenyanCore } = await import('@wenyan-md/core');
  const core = await createWenyanCore({ isConvertMathJax: true, isWechat: true });
  const markdown = readFileSync(input, 'utf8');
  return () => core.renderMarkdown(markdown);
}

const render = await renderer();
for (let i = 0; i < warm; i++) await render();
const times = [];
for (let i = 0; i < runs; i++) {
  const start = process.cpuUsage();
  await render();
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ median: times[Math.floor(times.length / 2)] }));
