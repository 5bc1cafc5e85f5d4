import { PATHOLOGICAL_CASES } from './test/support/pathological.js';
import { cleanForWechat, checkWechat, renderDigest } from './src/index.js';
const c = PATHOLOGICAL_CASES.find((x) => x.name === process.argv[2] && x.target === process.argv[3])!;
const input = c.make(Number(process.argv[4]));
const t = performance.now();
if (c.target === 'render') renderDigest({ title: 'P', sections: [{ items: [{ title: 'I', body: input }] }] });
else if (c.target === 'clean') checkWechat(cleanForWechat(input)); else checkWechat(input);
console.log(performance.now() - t);
