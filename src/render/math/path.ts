/**
 * SVG path data in absolute coordinates: read from any path, moved by an affine transform,
 * written back with relative commands and integer coordinates, several paths as one.
 */

/** An affine transform `[a, b, c, d, e, f]`: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Affine = readonly [number, number, number, number, number, number];

/** The identity transform. */
export const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/** One absolute segment: a command (M L C Q Z) and its points. */
export interface Segment {
  cmd: 'M' | 'L' | 'C' | 'Q' | 'Z';
  pts: number[];
}

/**
 * `m` then `n` (the transform of a child inside its parent).
 *
 * @example
 * multiply([1, 0, 0, -1, 0, 0], [1, 0, 0, 1, 5, 7]) // → [1, 0, 0, -1, 5, -7]
 */
export function multiply(m: Affine, n: Affine): Affine {
  return [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/**
 * An SVG `transform` attribute (translate, scale, matrix; as MathJax writes them) as one affine
 * transform. Undefined for a rotation or skew, which the compact writer does not need.
 *
 * @example
 * parseTransform('translate(633,413) scale(0.707)') // → [0.707, 0, 0, 0.707, 633, 413]
 */
export function parseTransform(value: string): Affine | undefined {
  let m = IDENTITY;
  for (const [, fn, args] of value.matchAll(/([a-zA-Z]+)\s*\(([^)]*)\)/g)) {
    const v = args.split(/[\s,]+/).filter(Boolean).map(Number);
    if (fn === 'translate') m = multiply(m, [1, 0, 0, 1, v[0] ?? 0, v[1] ?? 0]);
    else if (fn === 'scale') m = multiply(m, [v[0], 0, 0, v[1] ?? v[0], 0, 0]);
    else if (fn === 'matrix' && v.length === 6) m = multiply(m, v as unknown as Affine);
    else return undefined;
  }
  return m;
}

const PATH_TOKEN = /[MmLlHhVvCcSsQqTtZzAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/**
 * Reads path data into absolute segments: H and V become L, S and T become C and Q with their
 * reflected control point, so that any affine transform can be applied point by point.
 * Arcs are not supported (MathJax draws none); undefined is returned for them.
 *
 * @example
 * parsePath('M1 2h3v4z') // → [{ cmd: 'M', pts: [1, 2] }, { cmd: 'L', pts: [4, 2] }, { cmd: 'L', pts: [4, 6] }, { cmd: 'Z', pts: [] }]
 */
export function parsePath(d: string): Segment[] | undefined {
  const toks = d.match(PATH_TOKEN) ?? [];
  const out: Segment[] = [];
  let i = 0;
  let cmd = '';
  let x = 0, y = 0, sx = 0, sy = 0;
  let lastCtrl: [number, number] | undefined;
  let lastKind = '';
  const num = () => Number(toks[i++]);
  while (i < toks.length) {
    if (/[a-zA-Z]/.test(toks[i])) cmd = toks[i++];
    else if (!cmd) return undefined;
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0, oy = rel ? y : 0;
    switch (cmd.toUpperCase()) {
      case 'M':
        x = ox + num(); y = oy + num(); sx = x; sy = y;
        out.push({ cmd: 'M', pts: [x, y] });
        cmd = rel ? 'l' : 'L';
        lastKind = 'M';
        continue;
      case 'L':
        x = ox + num(); y = oy + num();
        out.push({ cmd: 'L', pts: [x, y] });
        lastKind = 'L';
        continue;
      case 'H':
        x = (rel ? x : 0) + num();
        out.push({ cmd: 'L', pts: [x, y] });
        lastKind = 'L';
        continue;
      case 'V':
        y = (rel ? y : 0) + num();
        out.push({ cmd: 'L', pts: [x, y] });
        lastKind = 'L';
        continue;
      case 'C': case 'S': {
        let c1: [number, number];
        if (cmd.toUpperCase() === 'S') c1 = lastKind === 'C' && lastCtrl ? [2 * x - lastCtrl[0], 2 * y - lastCtrl[1]] : [x, y];
        else c1 = [ox + num(), oy + num()];
        const c2: [number, number] = [ox + num(), oy + num()];
        x = ox + num(); y = oy + num();
        out.push({ cmd: 'C', pts: [...c1, ...c2, x, y] });
        lastCtrl = c2;
        lastKind = 'C';
        continue;
      }
      case 'Q': case 'T': {
        const c: [number, number] = cmd.toUpperCase() === 'T'
          ? (lastKind === 'Q' && lastCtrl ? [2 * x - lastCtrl[0], 2 * y - lastCtrl[1]] : [x, y])
          : [ox + num(), oy + num()];
        x = ox + num(); y = oy + num();
        out.push({ cmd: 'Q', pts: [...c, x, y] });
        lastCtrl = c;
        lastKind = 'Q';
        continue;
      }
      case 'Z':
        out.push({ cmd: 'Z', pts: [] });
        x = sx; y = sy;
        lastKind = 'Z';
        cmd = '';
        continue;
      default:
        return undefined;
    }
  }
  return out.some((s) => s.pts.some((p) => !Number.isFinite(p))) ? undefined : out;
}

/**
 * Segments moved by `m` and rounded to integers.
 *
 * @example
 * transformSegments([{ cmd: 'M', pts: [10, 20] }], [0.1, 0, 0, -0.1, 0, 0]) // → [{ cmd: 'M', pts: [1, -2] }]
 */
export function transformSegments(segs: Segment[], m: Affine): Segment[] {
  return segs.map((s) => {
    const pts: number[] = [];
    for (let k = 0; k < s.pts.length; k += 2) {
      const px = s.pts[k], py = s.pts[k + 1];
      pts.push(Math.round(m[0] * px + m[2] * py + m[4]) || 0, Math.round(m[1] * px + m[3] * py + m[5]) || 0);
    }
    return { cmd: s.cmd, pts };
  });
}

/**
 * Writes absolute integer segments as the shortest path data this writer knows: relative
 * commands, `h`/`v` for straight lines along an axis, `t` where a quadratic's control point is
 * the reflection of the last one (within `tolerance` units: the drawing then moves by at most
 * that much), `s` likewise for cubics, no lines or curves that go nowhere, no repeated command
 * letters and no separator before a minus sign.
 *
 * @example
 * writePath([{ cmd: 'M', pts: [1, 2] }, { cmd: 'L', pts: [4, 2] }, { cmd: 'L', pts: [4, 6] }, { cmd: 'Z', pts: [] }]) // → 'M1 2h3v4z'
 */
export function writePath(segs: Segment[], tolerance = 0): string {
  let out = '';
  let last = '';
  let x = 0, y = 0, sx = 0, sy = 0;
  let first = true;
  let prevCtrl: [number, number] | undefined;
  let prevKind = '';
  const emit = (cmd: string, nums: number[]) => {
    if (cmd !== last || cmd === 'm' || cmd === 'M') out += cmd;
    else if (nums[0] >= 0) out += ' ';
    nums.forEach((n, k) => {
      if (k > 0 && n >= 0) out += ' ';
      out += n;
    });
    last = cmd;
  };
  for (const s of segs) {
    const p = s.pts;
    switch (s.cmd) {
      case 'M':
        if (first) emit('M', [p[0], p[1]]);
        else emit('m', [p[0] - x, p[1] - y]);
        first = false;
        x = sx = p[0]; y = sy = p[1];
        prevKind = 'M';
        break;
      case 'L':
        // A line that goes nowhere (rounded away) draws nothing; the state stays as it was.
        if (p[0] === x && p[1] === y) break;
        if (p[1] === y) emit('h', [p[0] - x]);
        else if (p[0] === x) emit('v', [p[1] - y]);
        else emit('l', [p[0] - x, p[1] - y]);
        x = p[0]; y = p[1];
        prevKind = 'L';
        break;
      case 'Q': {
        // The control point the renderer reflects for `t`; within `tolerance` of the real one, `t` it is.
        const r: [number, number] = prevKind === 'Q' && prevCtrl ? [2 * x - prevCtrl[0], 2 * y - prevCtrl[1]] : [x, y];
        if (p[0] === x && p[1] === y && p[2] === x && p[3] === y) break;
        if (Math.abs(p[0] - r[0]) <= tolerance && Math.abs(p[1] - r[1]) <= tolerance) {
          emit('t', [p[2] - x, p[3] - y]);
          prevCtrl = r;
        } else {
          emit('q', [p[0] - x, p[1] - y, p[2] - x, p[3] - y]);
          prevCtrl = [p[0], p[1]];
        }
        x = p[2]; y = p[3];
        prevKind = 'Q';
        break;
      }
      case 'C': {
        const r: [number, number] = prevKind === 'C' && prevCtrl ? [2 * x - prevCtrl[0], 2 * y - prevCtrl[1]] : [x, y];
        if (Math.abs(p[0] - r[0]) <= tolerance && Math.abs(p[1] - r[1]) <= tolerance) emit('s', [p[2] - x, p[3] - y, p[4] - x, p[5] - y]);
        else emit('c', [p[0] - x, p[1] - y, p[2] - x, p[3] - y, p[4] - x, p[5] - y]);
        prevCtrl = [p[2], p[3]];
        x = p[4]; y = p[5];
        prevKind = 'C';
        break;
      }
      case 'Z':
        if (last !== 'z') out += 'z';
        last = 'z';
        x = sx; y = sy;
        prevKind = 'Z';
        break;
    }
  }
  return out;
}
