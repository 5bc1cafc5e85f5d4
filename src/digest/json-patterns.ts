// The rules of the digest schema that zod checks in code (refinements), written as JSON Schema
// so that the exported schema accepts exactly what `parseDigest` accepts. The patterns are
// ECMAScript regular expressions without flags, as JSON Schema validators compile them.

/** A calendar date `YYYY-MM-DD`: months 01–12, the days each month has, 29 February in leap years only. */
export const CALENDAR_DATE_PATTERN =
  '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const PORT = '(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}|0)';
// ASCII labels; the last one starts with a letter, so that the URL parser never reads the host as
// a (possibly invalid) IPv4 number; no `xn--` labels, whose Punycode the parser may refuse.
const LABEL = '(?![Xx][Nn]--)[A-Za-z0-9_-]+';
const HOST = `(?:(?:${LABEL}\\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9_-]*|${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3})`;

/**
 * An absolute http(s) URL without whitespace whose host is an ASCII name or an IPv4 address.
 * Every string it matches passes `isHttpUrl`; it leaves out what a JSON Schema cannot check
 * (hosts the URL parser may refuse: non-ASCII and Punycode names, IPv6).
 */
export const HTTP_URL_PATTERN = `^[Hh][Tt][Tt][Pp][Ss]?://${HOST}(?::${PORT})?(?:[/?#]\\S*)?$`;

/**
 * A value that starts with a URL scheme of two letters or more, read as a browser reads it:
 * leading spaces and controls skipped, tabs and newlines ignored. (One letter is a Windows drive.)
 */
export const SCHEME_PATTERN = '^[\\u0000-\\u0020]*[A-Za-z](?:[\\t\\n\\r]*[A-Za-z0-9+.\\-])+[\\t\\n\\r]*:';

/**
 * `isSchemeRelative` as a JSON Schema pattern: a URL that names a server without a scheme
 * (`//host/x.png`, `\\host\x.png`), after the spaces and controls a browser skips.
 *
 * @example
 * new RegExp(SCHEME_RELATIVE_PATTERN).test('//cdn.example.com/a.png') // → true
 */
export const SCHEME_RELATIVE_PATTERN = '^[\\u0000-\\u0020]*[\\t\\n\\r]*[\\\\/][\\t\\n\\r]*[\\\\/]';
