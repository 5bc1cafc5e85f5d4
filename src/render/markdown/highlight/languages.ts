/**
 * The languages a fenced code block may name, as data: the name a reader knows it by, the
 * highlight.js module that colours it, the names people write after the fence, and the modules
 * its embedded code needs (`<style>` and `<script>` in HTML). Only the modules of the languages
 * a digest uses are ever loaded.
 */
export interface CodeLanguage {
  /** The canonical name, e.g. `typescript`. */
  name: string;
  /** The highlight.js language module (`highlight.js/lib/languages/<module>`). */
  module: string;
  /** Other names written after the fence, lower case. */
  aliases: readonly string[];
  /** Modules of the languages embedded in this one. */
  embeds?: readonly string[];
}

/** Every language that is highlighted, by canonical name. */
export const CODE_LANGUAGES: readonly CodeLanguage[] = [
  { name: 'bash', module: 'bash', aliases: ['sh', 'shell', 'zsh', 'ksh'] },
  { name: 'c', module: 'c', aliases: ['h'] },
  { name: 'clojure', module: 'clojure', aliases: ['clj', 'cljs', 'edn'] },
  { name: 'cmake', module: 'cmake', aliases: [] },
  { name: 'console', module: 'shell', aliases: ['shell-session', 'shellsession', 'terminal'] },
  { name: 'cpp', module: 'cpp', aliases: ['c++', 'cc', 'cxx', 'hpp', 'hxx', 'hh'] },
  { name: 'csharp', module: 'csharp', aliases: ['cs', 'c#'] },
  { name: 'css', module: 'css', aliases: [] },
  { name: 'dart', module: 'dart', aliases: [] },
  { name: 'diff', module: 'diff', aliases: ['patch', 'udiff'] },
  { name: 'dockerfile', module: 'dockerfile', aliases: ['docker', 'containerfile'] },
  { name: 'elixir', module: 'elixir', aliases: ['ex', 'exs'] },
  { name: 'erlang', module: 'erlang', aliases: ['erl'] },
  { name: 'go', module: 'go', aliases: ['golang'] },
  { name: 'graphql', module: 'graphql', aliases: ['gql'] },
  { name: 'groovy', module: 'groovy', aliases: ['gradle'] },
  { name: 'haskell', module: 'haskell', aliases: ['hs'] },
  { name: 'html', module: 'xml', aliases: ['htm', 'xhtml', 'vue', 'svelte'], embeds: ['css', 'javascript'] },
  { name: 'ini', module: 'ini', aliases: ['cfg', 'conf', 'editorconfig', 'properties'] },
  { name: 'java', module: 'java', aliases: [] },
  { name: 'javascript', module: 'javascript', aliases: ['js', 'jsx', 'mjs', 'cjs', 'node'], embeds: ['xml', 'css'] },
  { name: 'json', module: 'json', aliases: ['jsonc', 'json5', 'jsonl', 'ndjson', 'geojson'] },
  { name: 'julia', module: 'julia', aliases: ['jl'] },
  { name: 'kotlin', module: 'kotlin', aliases: ['kt', 'kts'] },
  { name: 'latex', module: 'latex', aliases: ['tex'] },
  { name: 'less', module: 'less', aliases: [] },
  { name: 'lua', module: 'lua', aliases: [] },
  { name: 'makefile', module: 'makefile', aliases: ['make', 'mk', 'mak'] },
  { name: 'markdown', module: 'markdown', aliases: ['md', 'mdx'], embeds: ['xml'] },
  { name: 'nginx', module: 'nginx', aliases: ['nginxconf'] },
  { name: 'nix', module: 'nix', aliases: ['nixos'] },
  { name: 'objectivec', module: 'objectivec', aliases: ['objc', 'obj-c', 'objective-c'] },
  { name: 'ocaml', module: 'ocaml', aliases: ['ml'] },
  { name: 'perl', module: 'perl', aliases: ['pl', 'pm'] },
  { name: 'php', module: 'php', aliases: [] },
  { name: 'powershell', module: 'powershell', aliases: ['ps1', 'ps', 'pwsh', 'psm1'] },
  { name: 'protobuf', module: 'protobuf', aliases: ['proto'] },
  { name: 'python', module: 'python', aliases: ['py', 'py3', 'python3', 'pyi'] },
  { name: 'r', module: 'r', aliases: ['rscript'] },
  { name: 'ruby', module: 'ruby', aliases: ['rb', 'gemspec', 'rake'] },
  { name: 'rust', module: 'rust', aliases: ['rs'] },
  { name: 'scala', module: 'scala', aliases: ['sc', 'sbt'] },
  { name: 'scss', module: 'scss', aliases: ['sass'] },
  { name: 'sql', module: 'sql', aliases: ['mysql', 'postgresql', 'postgres', 'psql', 'sqlite', 'plsql'] },
  { name: 'swift', module: 'swift', aliases: [] },
  { name: 'toml', module: 'ini', aliases: [] },
  { name: 'typescript', module: 'typescript', aliases: ['ts', 'tsx', 'mts', 'cts'], embeds: ['xml', 'css'] },
  { name: 'xml', module: 'xml', aliases: ['svg', 'plist', 'xsd', 'xsl', 'rss', 'atom'], embeds: ['css', 'javascript'] },
  { name: 'yaml', module: 'yaml', aliases: ['yml'] },
];

/**
 * Names that mean "no language": the block is written as it is, without colours or a warning.
 *
 * @example
 * PLAIN_CODE_NAMES.includes('text') // → true
 */
export const PLAIN_CODE_NAMES: readonly string[] = ['text', 'txt', 'plain', 'plaintext', 'none', 'output', 'log'];

const byName = new Map<string, CodeLanguage>();
for (const lang of CODE_LANGUAGES) for (const n of [lang.name, ...lang.aliases]) byName.set(n, lang);

/**
 * The language a fence names (case does not matter), or undefined when it is not one of
 * `CODE_LANGUAGES`.
 *
 * @example
 * findCodeLanguage('TS')?.name    // → 'typescript'
 * findCodeLanguage('shell')?.name // → 'bash'
 * findCodeLanguage('brainfuck')   // → undefined
 */
export function findCodeLanguage(name: string): CodeLanguage | undefined {
  return byName.get(name.toLowerCase());
}

/**
 * Every name a fence may use, sorted (for messages and the docs).
 *
 * @example
 * codeLanguageNames().includes('rs') // → true
 */
export function codeLanguageNames(): string[] {
  return [...byName.keys()].sort();
}
