// Writes schema/digest.schema.json from the zod schema (run by `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { digestJsonSchema } from '../dist/index.js';

const url = new URL('../schema/digest.schema.json', import.meta.url);
mkdirSync(new URL('.', url), { recursive: true });
writeFileSync(url, `${JSON.stringify(digestJsonSchema(), null, 2)}\n`);
