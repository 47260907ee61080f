// Each transform runs under plain jscodeshift (`npx jscodeshift --no-babel -t <dist/transforms/x.js>`):
// its Worker require()s the ESM transform (Node >= 20.19). Options arrive as strings (--capacity=500).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import { FIXTURES, removeProject, ROOT, tempProject } from './helpers.js';

const dir = tempProject({
  'log.ts': readFileSync(join(FIXTURES, 'ring-buffer/class-field.input.ts'), 'utf8'),
  'broken.ts': 'export class {\n',
  'history.ts': readFileSync(join(FIXTURES, 'ring-buffer/skipped-sort.input.ts'), 'utf8'),
});
afterAll(() => removeProject(dir));

function jscodeshift(args: string[]): string {
  try {
    return execFileSync(process.execPath, [join(ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js'), ...args], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

it('runs the ring-buffer transform with plain jscodeshift, options included', () => {
  const out = jscodeshift(['--no-babel', '-t', join(ROOT, 'codemods/dist/transforms/ring-buffer.js'), '--capacity=500', '--extensions=ts', '.']);
  expect(out).toMatch(/1 errors/);
  expect(out).toMatch(/ERR .*broken\.ts Transformation error \(.*broken\.ts:\d+:\d+: /);
  expect(out).toMatch(/REP .*history\.ts 2:3 no-unbounded-collection 'entries' skipped: /);
  expect(out).toMatch(/1 ok/);
  const expected = readFileSync(join(FIXTURES, 'ring-buffer/class-field.output.ts'), 'utf8').replace('EVENTS_CAPACITY = 1000', 'EVENTS_CAPACITY = 500');
  expect(readFileSync(join(dir, 'log.ts'), 'utf8')).toBe(expected);
  expect(readFileSync(join(dir, 'broken.ts'), 'utf8')).toBe('export class {\n');
});
