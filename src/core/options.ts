import { z } from './zod.js';
import { DigestError, type DigestProblem } from './errors.js';
import { suggest } from './suggest.js';

/**
 * What a value is, as an error message says it: `null`, `array`, or its `typeof`.
 *
 * @example
 * typeName(null) // → 'null'
 * typeName([1])  // → 'array'
 * typeName('x')  // → 'string'
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The allowed values of an option as a message lists them.
 *
 * @example
 * oneOf(['paste', 'api']) // → '"paste" or "api"'
 */
export function oneOf(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(' or ');
}

/**
 * An options object: unknown keys are refused with the nearest known one and the list of all;
 * a value that is not an object is refused as `expected` says.
 *
 * @param shape - The options, each a zod schema (with a doc comment: it shows in the derived type).
 * @param expected - What the whole value should be, for the message. Default `'an object'`.
 * @example
 * import { z } from 'zod'
 * parseOptions(optionsObject({ links: z.string().optional() }), { link: 'x' })
 * // throws: options.link: unknown option; did you mean "links"? (known: links)
 */
export function optionsObject<T extends z.ZodRawShape>(shape: T, expected = 'an object') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'invalid_type') return `expected ${expected}, received ${typeName(issue.input)}`;
      if (issue.code !== 'unrecognized_keys') return undefined;
      const [key] = issue.keys;
      const near = suggest(key, known);
      return `unknown option${near ? `; did you mean "${near}"?` : ''} (known: ${known.join(', ')})`;
    },
  });
}

/**
 * One of a fixed list of strings, defined once (`LINK_MODES`, `CHECK_TARGETS`, …), with a message
 * that lists them.
 *
 * @example
 * parseOptions(optionsObject({ target: optionEnum(['paste', 'api']).optional() }), { target: 'mp' })
 * // throws: options.target: expected "paste" or "api", received "mp"
 */
export function optionEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => `expected ${oneOf(values)}, received ${JSON.stringify(issue.input)}` });
}

/**
 * A yes-or-no option.
 *
 * @example
 * parseOptions(optionsObject({ highlight: optionFlag().optional() }), { highlight: 'no' })
 * // throws: options.highlight: expected true or false, received "no"
 */
export function optionFlag() {
  return z.boolean({ error: (issue) => `expected true or false, received ${JSON.stringify(issue.input)}` });
}

/**
 * A value of the given `typeof` (a function, typically), kept as it is.
 *
 * @example
 * parseOptions(optionsObject({ fetch: ofType<typeof fetch>('function').optional() }), { fetch: 1 })
 * // throws: options.fetch: expected a function, received number
 */
export function ofType<T>(type: 'function' | 'string' | 'number' | 'boolean') {
  return z.custom<T>((v) => typeof v === type, { error: (issue) => `expected a ${type}, received ${typeName(issue.input)}` });
}

/** Formats a zod path as `options.render.links` or `sections[0].items[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = { object: 'an object', array: 'a list', int: 'a whole number' };

function problem(issue: z.core.$ZodIssue, root: string): DigestProblem[] {
  const path = [root, ...issue.path];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: issue.message }));
  let message = issue.message;
  // zod's own wording for the types no option map words itself: "expected a string, received number".
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
    message = `expected ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}, received ${typeName(issue.input)}`;
  }
  return [{ path: formatPath(path), message }];
}

/**
 * Checks options against their schema. Every problem is reported at once, one line each, with
 * the option's path and what it expects.
 *
 * @param schema - The options' schema (`RENDER_OPTIONS_SCHEMA`, `PUBLISH_OPTIONS_SCHEMA`, …).
 * @param value - What the caller passed.
 * @param root - The name the messages start with. Default `'options'`.
 * @returns The options as the schema outputs them.
 * @throws DigestError `E_INVALID_OPTION`, its `problems` holding each option's path and message.
 * @example
 * import { z } from 'zod'
 * const schema = optionsObject({ retries: z.number().int().optional() })
 * parseOptions(schema, { retries: 2 }) // → { retries: 2 }
 * parseOptions(schema, { retries: '2' }) // throws: options.retries: expected a number, received string
 */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, root = 'options'): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => problem(issue, root));
  throw new DigestError('E_INVALID_OPTION', problems.map((p) => `${p.path}: ${p.message}`).join('\n'), { problems });
}
