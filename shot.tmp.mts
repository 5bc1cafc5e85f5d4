import { launchChromium } from './test/browser/browser.ts';
import { readFileSync } from 'node:fs';
const html = readFileSync(process.argv[2], 'utf8');
const { context, close } = await launchChromium({ width: Number(process.argv[4] ?? 375), height: 300 });
const page = await context.newPage();
await page.setContent(html);
await page.screenshot({ path: process.argv[3], fullPage: true });
await close();
