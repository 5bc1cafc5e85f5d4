/**
 * Stable error codes. A script can branch on `error.code` without parsing messages.
 *
 * - `E_INVALID_DIGEST`: the digest data does not match the schema.
 * - `E_INVALID_OPTION`: a render or publish option is wrong (unknown theme, bad colour, …).
 * - `E_INVALID_THEME`: a custom theme cannot be used.
 * - `E_INVALID_MARKDOWN`: a Markdown digest file cannot be read as a digest.
 * - `E_FILE`: an input file is missing or unreadable.
 * - `E_WECHAT_API`: the WeChat API refused a request.
 * - `E_NETWORK`: the WeChat API could not be reached.
 * - `E_CONTENT_LIMIT`: the article does not fit WeChat's limits.
 * - `E_IMAGE`: an image cannot be used in WeChat (type, size, unreadable).
 * - `E_WECHAT_CHECK`: the article holds what WeChat would break or refuse (see `problems`).
 * - `E_SOURCE`: an import source (arXiv, a feed) could not be read, or had nothing new.
 * - `E_FILL`: the language model could not fill some items (see `problems`; the rest were filled).
 * - `E_RELAY`: a publishing relay refused a request (key, signature, account, endpoint, size, rate).
 */
export type DigestErrorCode =
  | 'E_INVALID_DIGEST'
  | 'E_INVALID_OPTION'
  | 'E_INVALID_THEME'
  | 'E_INVALID_MARKDOWN'
  | 'E_FILE'
  | 'E_WECHAT_API'
  | 'E_NETWORK'
  | 'E_CONTENT_LIMIT'
  | 'E_IMAGE'
  | 'E_WECHAT_CHECK'
  | 'E_SOURCE'
  | 'E_FILL'
  | 'E_RELAY';

/** One problem found in the input: where it is and what was expected. */
export interface DigestProblem {
  /** Path in the input, e.g. `sections[0].items[2].authors[1]`; empty for the root. */
  path: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/**
 * The one error class of wechat-digest. Every mistake a user can make throws it,
 * with a stable `code` and a message that names the field and the fix.
 *
 * @example
 * try { parseDigest({}) } catch (e) {
 *   if (e instanceof DigestError) console.error(e.code, e.message)
 *   // e.code → 'E_INVALID_DIGEST'
 *   // e.message → 'Invalid digest:\n  ✖ title: required, expected string\n  ✖ sections: required, expected array'
 * }
 */
export class DigestError extends Error {
  override name = 'DigestError';
  /** Stable machine-readable code. */
  readonly code: DigestErrorCode;
  /** Each problem with its path (empty when the error is not about input fields). */
  readonly problems: DigestProblem[];
  /** Extra facts for programs (WeChat errcode, HTTP status, …). */
  readonly details: Record<string, unknown>;

  constructor(
    code: DigestErrorCode,
    message: string,
    options: { problems?: DigestProblem[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
    this.details = options.details ?? {};
  }
}

/** Builds a DigestError whose message lists every problem, one per line. */
export function problemsError(code: DigestErrorCode, heading: string, problems: DigestProblem[]): DigestError {
  const lines = problems.map((p) => `  ✖ ${p.path ? `${p.path}: ` : ''}${p.message}`);
  return new DigestError(code, `${heading}\n${lines.join('\n')}`, { problems });
}
