#!/usr/bin/env node
// Regenerates the generated parts of the docs from the code (run after `npm run build`):
// - README rules table and each docs/rules/*.md header: eslint-doc-generator, from the built plugin;
// - README transforms list: from bounded-codemod's registry, the same list the CLI uses.
// With --check nothing is written and the exit code is 1 when a generated part is stale (CI runs it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { TRANSFORMS } from 'bounded-codemod';

const check = process.argv.includes('--check');
const root = fileURLToPath(new URL('..', import.meta.url));
let stale = false;

const generator = fileURLToPath(new URL('../node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js', import.meta.url));
try {
  execFileSync(
    process.execPath,
    [
      generator,
      '--path-rule-doc', '../docs/rules/{name}.md',
      '--path-rule-list', '../README.md',
      '--ignore-config', 'all',
      ...(check ? ['--check'] : []),
    ],
    { cwd: `${root}rules`, stdio: 'inherit' },
  );
} catch {
  stale = true;
}

const readmePath = `${root}README.md`;
const readme = readFileSync(readmePath, 'utf8');
const begin = '<!-- begin transforms list -->';
const end = '<!-- end transforms list -->';
const table = [
  '| transform | what it does | fixes |',
  '| :-- | :-- | :-- |',
  ...TRANSFORMS.map(
    (t) => `| [${t.name}](${t.doc}) | ${t.description} | ${t.rules.map((r) => `\`bounded/${r}\``).join(', ')} |`,
  ),
].join('\n');
const start = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (start < 0 || stop < start) throw new Error(`README.md: missing ${begin} / ${end} markers`);
const next = `${readme.slice(0, start + begin.length)}\n\n${table}\n\n${readme.slice(stop)}`;
if (next !== readme) {
  if (check) {
    console.error('README.md: the transforms list is stale; run `npm run docs`');
    stale = true;
  } else {
    writeFileSync(readmePath, next);
  }
}
process.exitCode = stale ? 1 : 0;
