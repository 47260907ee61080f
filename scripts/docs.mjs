#!/usr/bin/env node
// Regenerates the generated parts of the docs from the code (run after `npm run build`):
// - README rules table and each docs/rules/*.md header: eslint-doc-generator, from the built plugin;
// - README transforms list: codemods/scripts/transforms-list.mjs, from the registry the CLI uses.
// With --check nothing is written and the exit code is 1 when a generated part is stale (CI runs it).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
      '--rule-doc-title-format', 'desc-parens-prefix-name',
      '--rule-doc-notices', 'deprecated,configs,fixableAndHasSuggestions,requiresTypeChecking',
      ...(check ? ['--check'] : []),
    ],
    { cwd: `${root}rules`, stdio: 'inherit' },
  );
} catch {
  stale = true;
}

try {
  execFileSync(process.execPath, ['codemods/scripts/transforms-list.mjs', check ? '--check' : '--write', 'README.md'], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  stale = true;
}
process.exitCode = stale ? 1 : 0;
