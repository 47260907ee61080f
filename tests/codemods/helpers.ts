// Helpers of the codemod tests: temp projects, an in-process CLI run, and a vitest version of
// jscodeshift's defineTest (which assumes Jest) over `applyTransform` from jscodeshift/src/testUtils.js.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { main } from 'bounded-codemod';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'tests/fixtures/codemods');

type Transform = (file: { path: string; source: string }, api: unknown, options: Record<string, unknown>) => string | undefined;
const { applyTransform } = require('jscodeshift/src/testUtils.js') as {
  applyTransform: (module: { default: Transform }, options: Record<string, unknown>, input: { path: string; source: string }) => string;
};

/** Loads a built transform (`codemods/dist/transforms/<name>.js`). */
export async function loadTransform(name: string): Promise<{ default: Transform }> {
  return (await import(join(ROOT, 'codemods/dist/transforms', `${name}.js`))) as { default: Transform };
}

/** Runs a transform through jscodeshift's applyTransform (output trimmed, '' when unchanged). */
export function apply(module: { default: Transform }, source: string, path: string, options: Record<string, unknown> = {}): string {
  return applyTransform(module, options, { path, source });
}

/**
 * Fixture pairs of one transform: `<case>.input.ts` / `<case>.output.ts`. `inputPath` is the path the
 * tests analyse the input under: a source file of a user project (`src/<transform>/<case>.input.ts`, relative like the paths ESLint lints),
 * not the fixture's own path, because the analysis skips files under a `tests/` folder as test code
 * (and every fixture lives in tests/fixtures/).
 */
export function fixturePairs(transform: string): { name: string; input: string; output: string; inputPath: string }[] {
  const dir = join(FIXTURES, transform);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /\.input\.[cm]?[jt]sx?$/.test(n))
    .sort()
    .map((n) => {
      const fixturePath = join(dir, n);
      return {
        name: n.replace(/\.input\.[cm]?[jt]sx?$/, ''),
        inputPath: `src/${transform}/${n}`,
        input: readFileSync(fixturePath, 'utf8'),
        output: readFileSync(fixturePath.replace('.input.', '.output.'), 'utf8'),
      };
    });
}

/** A temp directory with `files` (relative path → text); returns its path. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bounded-codemod-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file of a directory (relative path → text), to compare before/after byte for byte. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      if (n === '.git' || n === 'node_modules') continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Runs the CLI in-process, capturing stdout/stderr. */
export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

/** `git init` + commit everything in `dir`. */
export function gitCommitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'init');
}
