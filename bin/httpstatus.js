#!/usr/bin/env node
// Thin entry point. Until the full CLI lands, it looks a code up in the compiled catalog.
import { readFile } from 'node:fs/promises';

const catalogUrl = new URL('../dist/catalog.json', import.meta.url);
const [argument] = process.argv.slice(2);

if (argument === undefined || !/^\d{3}$/.test(argument)) {
  console.error('usage: httpstatus <code>   (a three-digit status code, e.g. httpstatus 421)');
  process.exit(2);
}

const catalog = JSON.parse(
  await readFile(catalogUrl, 'utf8').catch(() => {
    console.error('error: dist/catalog.json is missing; run npm run build');
    process.exit(2);
  }),
);
const entry = catalog.codes.find((candidate) => candidate.code === Number(argument));
if (!entry) {
  console.error(`error: no page for status code ${argument}`);
  process.exit(1);
}
console.log(`${entry.code} ${entry.phrase} (${entry.class}, ${entry.status})\n${entry.summary}`);
