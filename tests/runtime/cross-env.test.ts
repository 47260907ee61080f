// The portable runtime test files (listed in harness/entry.ts) run for real in workerd and headless
// Chromium, bundled with esbuild and a vitest shim; every case must pass there, and each environment
// must run as many cases as the files declare (so nothing is silently skipped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { equals } from './harness/vitest-shim.js';
import { runInChromium, runInNode, runInWorkerd, type EnvRun } from './harness/cross-env.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const portableFiles = [...readFileSync(join(here, 'harness/entry.ts'), 'utf8').matchAll(/^import '\.\.\/(.+)\.js';$/gm)].map((m) => `${m[1] as string}.ts`);
const declaredCases = portableFiles.reduce((n, f) => n + [...readFileSync(join(here, f), 'utf8').matchAll(/^\s*it\(/gm)].length, 0);

function summary(run: EnvRun) {
  return { failed: run.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error ?? ''}`), count: run.results.length };
}

describe('portable runtime tests in three environments', () => {
  it('lists the portable files', () => {
    expect(portableFiles).toEqual(['ring-buffer.test.ts', 'ttl-map.test.ts', 'ttl-set.test.ts', 'listener-scope.test.ts', 'model.test.ts', 'types.test.ts']);
    expect(declaredCases).toBeGreaterThanOrEqual(50);
  });

  it('the shim compares like toEqual and its failures are reported', () => {
    expect(equals([1, { a: 1, b: undefined }], [1, { a: 1 }])).toBe(true);
    expect(equals(new Map([[1, [2]]]), new Map([[1, [2]]]))).toBe(true);
    expect(equals([Number.NaN], [Number.NaN])).toBe(true);
    expect(equals([1, 2], [2, 1])).toBe(false);
    expect(equals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equals(new Set([1]), new Set([2]))).toBe(false);
  });

  it('Node (same bundle and shim)', async () => {
    const run = await runInNode();
    expect(summary(run)).toEqual({ failed: [], count: declaredCases });
  });

  it('workerd', async () => {
    const run = await runInWorkerd();
    expect(summary(run)).toEqual({ failed: [], count: declaredCases });
  });

  it('headless Chromium', async () => {
    const run = await runInChromium();
    expect(summary(run)).toEqual({ failed: [], count: declaredCases });
  });
});
