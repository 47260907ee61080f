#!/usr/bin/env node
// Prints the transforms table generated from the registry (codemods/src/registry.ts, built), or keeps a
// Markdown file's `<!-- begin transforms list -->` ... `<!-- end transforms list -->` block in sync with it:
//   node codemods/scripts/transforms-list.mjs                 print the table
//   node codemods/scripts/transforms-list.mjs --write README.md   rewrite the block
//   node codemods/scripts/transforms-list.mjs --check README.md   exit 1 when the block is stale
import { readFileSync, writeFileSync } from 'node:fs';

import { transformsTable } from '../dist/registry.js';

const BEGIN = '<!-- begin transforms list -->';
const END = '<!-- end transforms list -->';
const [mode, file] = process.argv.slice(2);
const table = transformsTable();

if (!mode) {
  console.log(table);
} else if ((mode === '--write' || mode === '--check') && file) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`transforms-list: ${file} has no ${BEGIN} ... ${END} block`);
    process.exit(2);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const next = `${text.slice(0, start + BEGIN.length)}${eol}${eol}${table.replaceAll('\n', eol)}${eol}${eol}${text.slice(end)}`;
  if (mode === '--write') {
    if (next !== text) writeFileSync(file, next);
  } else if (next !== text) {
    console.error(`transforms-list: the transforms list in ${file} is stale; run node codemods/scripts/transforms-list.mjs --write ${file}`);
    process.exit(1);
  }
} else {
  console.error('usage: transforms-list.mjs [--write|--check <file.md>]');
  process.exit(2);
}
