// Project-wide safety (ts-morph): the type check reverts a file whose rewrite adds type errors (in
// itself or in a file importing it), and the cross-file check skips a finding whose non-private member
// is used elsewhere in a way the runtime API does not cover. The rewrites here are hand-written texts:
// this checks the checker, independently of what the analysis finds.
import { join } from 'node:path';

import { checkProject, type FindingReport, type RewriteResult } from 'bounded-codemod';
import { afterEach, describe, expect, it } from 'vitest';

import { removeProject, tempProject } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeProject(d);
});

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] });

function report(text: string, needle: string, name: string, transform: FindingReport['transform'] = 'ring-buffer'): FindingReport {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`needle not found: ${needle}`);
  return { rule: 'no-unbounded-collection', name, transform, line: 1, column: 1, offset, message: 'rewrite' };
}

const noRewrite = (): RewriteResult => {
  throw new Error('rewrite() must not be called');
};

describe('checkProject', () => {
  it('reverts a file whose rewrite adds a type error and reports the first new diagnostic', () => {
    const original = `export const total: number = [1, 2].length;\nexport const broken: string = 1 as unknown as string;\n`;
    const output = original.replace('[1, 2].length', `'two'`);
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, 'src/a.ts': original });
    dirs.push(dir);
    const file = join(dir, 'src/a.ts');
    const result = checkProject({ tsconfig: join(dir, 'tsconfig.json'), typecheck: true, files: [{ file, original, output, applied: [], skipped: [] }], rewrite: noRewrite });
    const outcome = result.files.get(file)!;
    expect(outcome.output).toBe(original);
    expect(outcome.reverted).toMatch(/^src\/a\.ts:1:\d+ TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it('keeps a rewrite that adds no new error, even in a file with existing errors', () => {
    const original = `export const bad: number = 'x';\nexport const n = 1;\n`;
    const output = original.replace('export const n = 1;', 'export const n = 2;');
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, 'src/a.ts': original });
    dirs.push(dir);
    const file = join(dir, 'src/a.ts');
    const outcome = checkProject({ tsconfig: join(dir, 'tsconfig.json'), typecheck: true, files: [{ file, original, output, applied: [], skipped: [] }], rewrite: noRewrite }).files.get(file)!;
    expect(outcome.reverted).toBeUndefined();
    expect(outcome.output).toBe(output);
  });

  it('reverts a rewrite that breaks a file importing it', () => {
    const original = `export function make(): string[] {\n  return [];\n}\n`;
    const output = `export function make(): Set<string> {\n  return new Set();\n}\n`;
    const user = `import { make } from './a';\nexport const first: string | undefined = make()[0];\n`;
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, 'src/a.ts': original, 'src/b.ts': user });
    dirs.push(dir);
    const file = join(dir, 'src/a.ts');
    const outcome = checkProject({ tsconfig: join(dir, 'tsconfig.json'), typecheck: true, files: [{ file, original, output, applied: [], skipped: [] }], rewrite: noRewrite }).files.get(file)!;
    expect(outcome.output).toBe(original);
    expect(outcome.reverted).toMatch(/^src\/b\.ts:2:\d+ TS7053/);
  });

  it('skips a public field used from another file by index, and rewrites the file without it', () => {
    const original = `export class Log {\n  events: string[] = [];\n  private own: string[] = [];\n}\n`;
    const user = `import { Log } from './log';\nexport const first = (l: Log) => l.events[0];\nexport const n = (l: Log) => l.events.length;\n`;
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, 'src/log.ts': original, 'src/user.ts': user });
    dirs.push(dir);
    const file = join(dir, 'src/log.ts');
    const events = report(original, 'events', 'events');
    const own = report(original, 'private own', 'own');
    let excluded: ReadonlyMap<number, string> | undefined;
    const outcome = checkProject({
      tsconfig: join(dir, 'tsconfig.json'),
      typecheck: false,
      files: [{ file, original, output: 'rewritten', applied: [events, own], skipped: [] }],
      rewrite: (_file, exclude) => {
        excluded = exclude;
        return { output: 'partly rewritten', applied: [own], skipped: [{ ...events, message: exclude.get(events.offset)! }] };
      },
    }).files.get(file)!;
    expect([...excluded!.keys()]).toEqual([events.offset]);
    expect(excluded!.get(events.offset)).toMatch(/used in another file at src\/user\.ts:2:\d+ \(`l\.events\[0\]`\), which RingBuffer does not cover/);
    expect(outcome.output).toBe('partly rewritten');
    expect(outcome.skipped).toHaveLength(1);
  });

  it('accepts uses the runtime covers in other files (push, length, for-of, Map methods)', () => {
    const original = `export class Log {\n  events: string[] = [];\n  cache = new Map<string, number>();\n}\n`;
    const user = `import { Log } from './log';\nexport function use(l: Log): number {\n  l.events.push('x');\n  for (const e of l.events) void e;\n  l.cache.set('a', 1);\n  return l.events.length + (l.cache.get('a') ?? 0);\n}\n`;
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, 'src/log.ts': original, 'src/user.ts': user });
    dirs.push(dir);
    const file = join(dir, 'src/log.ts');
    const outcome = checkProject({
      tsconfig: join(dir, 'tsconfig.json'),
      typecheck: false,
      files: [{ file, original, output: 'rewritten', applied: [report(original, 'events', 'events'), report(original, 'cache', 'cache', 'ttl-map')], skipped: [] }],
      rewrite: noRewrite,
    }).files.get(file)!;
    expect(outcome.output).toBe('rewritten');
  });
});
