import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The README rules table, the rule doc headers (eslint-doc-generator) and the README transforms list
// (bounded-codemod's registry) are generated: `npm run docs` writes them, this checks they are current.
it('README and rule doc headers match the code (npm run docs)', () => {
  let output = '';
  try {
    execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  expect(output).toBe('');
});
