export { parseMarkdownDigest } from './parse.js';
export { digestToMarkdown } from './write.js';
