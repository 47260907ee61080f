// Ctrl-C at any moment leaves every file either byte-for-byte old or fully rewritten, and no temp
// file behind (atomic writes: write-file-atomic's temp file + rename; SIGINT stops before the next file).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import { FIXTURES, removeProject, ROOT, tempProject } from './helpers.js';

const input = readFileSync(join(FIXTURES, 'ring-buffer/class-field.input.ts'), 'utf8');
const output = readFileSync(join(FIXTURES, 'ring-buffer/class-field.output.ts'), 'utf8');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) removeProject(d);
});

/**
 * Runs the CLI and sends SIGINT after `afterMs`, or (`'first-write'`) as soon as the first file on disk
 * is rewritten, i.e. in the middle of the write phase.
 */
function runAndInterrupt(dir: string, when: number | 'first-write'): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'codemods/bin/bounded-codemod.js'), dir, '--no-typecheck'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let sent = false;
    const interrupt = (): void => {
      if (!sent) child.kill('SIGINT');
      sent = true;
    };
    const timer =
      when === 'first-write'
        ? setInterval(() => {
            // Files are written in path order: f0.ts is the first.
            if (readFileSync(join(dir, 'src', 'f0.ts'), 'utf8') !== input) interrupt();
          }, 2)
        : setTimeout(interrupt, when);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

it.each([400, 'first-write'] as const)('SIGINT (%s) leaves every file old or new', async (when) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`src/f${i}.ts`] = input;
  const dir = tempProject(files);
  dirs.push(dir);
  const { code, signal, stderr } = await runAndInterrupt(dir, when);
  expect(code === 0 || code === 1 || signal === 'SIGINT').toBe(true);
  // Interrupted while writing: the CLI finishes the current file, reports it and exits 1.
  if (code === 1) expect(stderr).toContain('interrupted; every file is either unchanged or fully rewritten');
  const names = readdirSync(join(dir, 'src'));
  expect(names.sort()).toEqual(Object.keys(files).map((f) => f.slice(4)).sort());
  for (const name of names) {
    const text = readFileSync(join(dir, 'src', name), 'utf8');
    expect(text === input || text === output).toBe(true);
  }
});
