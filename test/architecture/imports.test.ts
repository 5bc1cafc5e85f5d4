import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importReport, importSpecifiers, LAYERS, layerOf, wrongWay } from '../../scripts/imports.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the layer rule (npm run imports)', () => {
  const report = importReport(SRC);

  it('every source file belongs to a layer', () => {
    expect(report.files.length).toBeGreaterThan(50);
    expect(report.unowned).toEqual([]);
  });

  it('every import arrow points down or stays inside its layer', () => {
    expect(report.arrows.length).toBeGreaterThan(100);
    expect(report.wrongWay.map((a) => `src/${a.from} → src/${a.to}: ${a.why}`)).toEqual([]);
  });

  it('reads static, type-only, re-exported and dynamic imports, not those inside comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "const d = await import('../d/d.js');",
      "import 'node:fs';",
      "import { z } from 'zod';",
      '/**',
      " * import { example } from '../../cli/index.js'",
      ' */',
      "// import { old } from '../old.js'",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a.js', '../b.js', './c.js', '../d/d.js']);
  });

  it('flags an upward and a sideways arrow, and allows a downward one', () => {
    expect(wrongWay({ from: 'theme/compile.ts', to: 'preview/page.ts' })).toBe('theme (3) imports preview (6): up');
    expect(wrongWay({ from: 'publish/split.ts', to: 'preview/page.ts' })).toBe('publish (6) imports preview (6): sideways');
    expect(wrongWay({ from: 'wechat/check.ts', to: 'render/markdown/env.ts' })).toBe('wechat (2) imports render (4): up');
    expect(wrongWay({ from: 'render/pipeline.ts', to: 'wechat/check.ts' })).toBeUndefined();
    expect(wrongWay({ from: 'wechat/transforms/code.ts', to: 'wechat/writers.ts' })).toBeUndefined();
  });

  it('names the layers bottom up, as README and docs/architecture.md describe them', () => {
    expect(LAYERS.map((l) => `${l.name}:${l.rank}`)).toEqual(['core:0', 'digest:1', 'wechat:2', 'theme:3', 'render:4', 'cover:5', 'preview:6', 'publish:6', 'sources:6', 'fill:6', 'relay:7', 'cli:8', 'api:9']);
    expect(layerOf('index.ts')?.name).toBe('api');
    expect(layerOf('wechat/reader/colour.ts')?.name).toBe('wechat');
  });
});
