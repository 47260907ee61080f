// The bounded-codemod CLI rewriting real findings of the shared analysis on temp projects: dry run,
// real run + idempotence, --transform, bound flags, --json, worker counts, the cross-file skip and the
// type-check revert.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

import type { JsonReport } from 'bounded-codemod';
import { afterEach, describe, expect, it } from 'vitest';

import { cli, FIXTURES, removeProject, ROOT, snapshot, tempProject } from './helpers.js';

const dirs: string[] = [];
function project(files: Record<string, string>, withRuntime = false): string {
  const dir = tempProject(files);
  dirs.push(dir);
  if (withRuntime) {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'runtime'), join(dir, 'node_modules', 'bounded'), 'dir');
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeProject(d);
});

const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] });
const PACKAGE = '{ "type": "module", "private": true }';
const TYPES = `export interface AgentEvent { readonly id: string }\nexport interface Session { readonly id: string }\n`;

describe('bounded-codemod rewrites', () => {
  it('--dry prints a unified diff and writes nothing', async () => {
    const dir = project({ 'src/log.ts': fixture('ring-buffer/class-field.input.ts') });
    const before = snapshot(dir);
    const { code, out } = await cli([dir, '--dry', '--no-typecheck']);
    expect(code).toBe(0);
    expect(out).toContain('--- ');
    expect(out).toMatch(/^-\s+private readonly events: AgentEvent\[\] = \[\];$/m);
    expect(out).toMatch(/^\+\s+private readonly events: RingBuffer<AgentEvent> = new RingBuffer<AgentEvent>\(EVENTS_CAPACITY\);$/m);
    expect(out).toMatch(/^\+import \{ RingBuffer \} from 'bounded';$/m);
    expect(out).toContain('would rewrite 1 finding(s) in 1 file(s)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('rewrites files to the fixture outputs, leaves the rest byte-identical, and a second run changes nothing', async () => {
    const dir = project({
      'src/log.ts': fixture('ring-buffer/class-field.input.ts'),
      'src/sessions.ts': fixture('ttl-map/class-map.input.ts'),
      'src/skipped.ts': fixture('ring-buffer/skipped-sort.input.ts'),
      'src/clean.ts': fixture('ring-buffer/bounded-already.input.ts'),
    });
    const first = await cli([dir, '--no-typecheck']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('rewrote 2 finding(s) in 2 file(s), 1 skipped, 0 failed, 0 reverted');
    expect(first.out).toMatch(/skipped\.ts:2:3 {2}no-unbounded-collection 'entries': entries is not rewritten: it uses Array#sort, which RingBuffer does not provide/);
    const after = snapshot(dir);
    expect(after['src/log.ts']).toBe(fixture('ring-buffer/class-field.output.ts'));
    expect(after['src/sessions.ts']).toBe(fixture('ttl-map/class-map.output.ts'));
    expect(after['src/skipped.ts']).toBe(fixture('ring-buffer/skipped-sort.input.ts'));
    expect(after['src/clean.ts']).toBe(fixture('ring-buffer/bounded-already.input.ts'));
    const second = await cli([dir, '--no-typecheck']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('rewrote 0 finding(s) in 0 file(s)');
    expect(snapshot(dir)).toEqual(after);
  });

  it('--transform limits the rewrites to the named transforms', async () => {
    const dir = project({ 'src/log.ts': fixture('ring-buffer/class-field.input.ts'), 'src/sessions.ts': fixture('ttl-map/class-map.input.ts') });
    const { code, out } = await cli([dir, '--no-typecheck', '--transform', 'ttl-map', '--json', '--dry']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    expect(report.transforms).toEqual(['ttl-map']);
    expect(report.files.filter((f) => f.status === 'changed').map((f) => f.file.split('/').pop())).toEqual(['sessions.ts']);
  });

  it('--capacity, --max and --ttl set the introduced constants', async () => {
    const dir = project({
      'src/log.ts': fixture('ring-buffer/class-field.input.ts'),
      'src/sessions.ts': fixture('ttl-map/class-map.input.ts'),
      'src/cache.ts': fixture('ttl-map/module-cache.input.ts'),
    });
    const { code } = await cli([dir, '--no-typecheck', '--capacity', '500', '--max', '25000', '--ttl', '1h']);
    expect(code).toBe(0);
    const after = snapshot(dir);
    expect(after['src/log.ts']).toContain('const EVENTS_CAPACITY = 500;');
    expect(after['src/sessions.ts']).toContain('const SESSIONS_MAX = 25_000;');
    expect(after['src/sessions.ts']).not.toContain('ttl');
    expect(after['src/cache.ts']).toContain('const EMBEDDING_CACHE_MAX = 25_000;');
    expect(after['src/cache.ts']).toContain('const EMBEDDING_CACHE_TTL_MS = 60 * 60_000;');
  });

  it('--json --dry reports applied findings with positions and each diff', async () => {
    const dir = project({ 'src/log.ts': fixture('ring-buffer/class-field.input.ts') });
    const { code, out } = await cli([dir, '--json', '--dry', '--no-typecheck']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    const file = report.files[0]!;
    expect(file.status).toBe('changed');
    expect(file.applied).toEqual([
      expect.objectContaining({ rule: 'no-unbounded-collection', name: 'events', transform: 'ring-buffer', line: 5, column: 3 }),
    ]);
    expect(file.diff).toMatch(/^\+import \{ RingBuffer \} from 'bounded';$/m);
    expect(report.summary).toMatchObject({ scanned: 1, changed: 1, rewrites: 1 });
  });

  it('gives identical results for --cpus 1 (in-process) and --cpus 2 (worker processes)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) {
      files[`src/log${i}.ts`] = fixture('ring-buffer/class-field.input.ts');
      files[`src/map${i}.ts`] = fixture('ttl-map/class-map.input.ts');
      files[`src/skip${i}.ts`] = fixture('ring-buffer/skipped-sort.input.ts');
    }
    files['src/broken.ts'] = 'export const = ;\n';
    const dir = project(files);
    const one = await cli([dir, '--json', '--dry', '--no-typecheck', '--cpus', '1']);
    const two = await cli([dir, '--json', '--dry', '--no-typecheck', '--cpus', '2']);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(JSON.parse(two.out)).toEqual(JSON.parse(one.out));
    expect((JSON.parse(one.out) as JsonReport).summary).toMatchObject({ scanned: 19, changed: 12, failed: 1, skipped: 6 });
  });

  it('skips a public field that another file sorts (no RingBuffer rewrite), with the reference as the reason', async () => {
    const log = `export class Log {\n  events: string[] = [];\n\n  add(e: string): void {\n    this.events.push(e);\n  }\n}\n`;
    const user = `import { Log } from './log.js';\n\nexport const sorted = (l: Log): string[] => l.events.sort();\n`;
    const dir = project({ 'tsconfig.json': TSCONFIG, 'package.json': PACKAGE, 'src/log.ts': log, 'src/user.ts': user }, true);
    const { code, out } = await cli([dir, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as JsonReport;
    const entry = report.files.find((f) => f.file.endsWith('log.ts'))!;
    expect(entry.status).toBe('unchanged');
    expect(entry.skipped[0]!.message).toMatch(/used in another file at src\/user\.ts:3:\d+ \(`l\.events\.sort\(\)`\), which RingBuffer does not cover/);
    expect(readFileSync(join(dir, 'src/log.ts'), 'utf8')).toBe(log);
  });

  it('keeps a rewrite in a project whose lib does not include the lib files the runtime declarations reference', async () => {
    // The runtime's declarations reference lib esnext.disposable; ts-morph serves lib files from a
    // virtual folder, so the after-program must read them from there too (it used to fail with TS6053
    // "File '/node_modules/typescript/lib/lib.esnext.disposable.d.ts' not found" and revert the file).
    const tsconfig = JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', lib: ['es2022'], module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true, skipLibCheck: false, types: [] }, include: ['src'] });
    const dir = project({ 'tsconfig.json': tsconfig, 'package.json': PACKAGE, 'src/types.ts': TYPES, 'src/log.ts': fixture('ring-buffer/class-field.input.ts') }, true);
    const { code, out } = await cli([dir]);
    expect(out).not.toContain('TS6053');
    expect(out).toContain('rewrote 1 finding(s) in 1 file(s), 0 skipped, 0 failed, 0 reverted');
    expect(code).toBe(0);
  });

  it('type-checks by default under a tsconfig and keeps rewrites that compile', async () => {
    const dir = project({
      'tsconfig.json': TSCONFIG,
      'package.json': PACKAGE,
      'src/types.ts': TYPES,
      'src/log.ts': fixture('ring-buffer/class-field.input.ts'),
    }, true);
    const { code, out } = await cli([dir]);
    expect(code).toBe(0);
    expect(out).toContain('rewrote 1 finding(s) in 1 file(s), 0 skipped, 0 failed, 0 reverted');
    expect(out).not.toContain('no type check');
  });

  it('reverts a file whose rewrite adds a type error, reports the diagnostic and exits 1', async () => {
    // No `bounded` package installed: the added import does not resolve.
    const dir = project({ 'tsconfig.json': TSCONFIG, 'package.json': PACKAGE, 'src/types.ts': TYPES, 'src/log.ts': fixture('ring-buffer/class-field.input.ts') });
    const before = snapshot(dir);
    const { code, out } = await cli([dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/Reverted \(the rewrite added type errors; file left untouched\):\n {2}\S*src\/log\.ts {2}src\/log\.ts:2:\d+ TS2307: Cannot find module 'bounded'.*npm install bounded/);
    expect(out).toContain('0 failed, 1 reverted');
    expect(snapshot(dir)).toEqual(before);
  });

  it('type-checks each file in the project of its nearest tsconfig (monorepo without a root tsconfig)', async () => {
    const dir = project({
      'package.json': PACKAGE,
      'packages/a/tsconfig.json': TSCONFIG,
      'packages/a/package.json': PACKAGE,
      'packages/a/src/types.ts': TYPES,
      'packages/a/src/log.ts': fixture('ring-buffer/class-field.input.ts'),
      'packages/b/tsconfig.json': TSCONFIG,
      'packages/b/package.json': PACKAGE,
      'packages/b/src/types.ts': TYPES,
      'packages/b/src/log.ts': fixture('ring-buffer/class-field.input.ts'),
    });
    // Only package a has the runtime installed.
    mkdirSync(join(dir, 'packages/a/node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'runtime'), join(dir, 'packages/a/node_modules/bounded'), 'dir');
    const { code, out } = await cli([dir, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as JsonReport;
    expect(report.typecheck).toBe(true);
    const status = Object.fromEntries(report.files.filter((f) => f.file.endsWith('log.ts')).map((f) => [f.file.split('/').slice(-3)[0], f.status]));
    expect(status).toEqual({ a: 'changed', b: 'reverted' });
    expect(readFileSync(join(dir, 'packages/a/src/log.ts'), 'utf8')).toBe(fixture('ring-buffer/class-field.output.ts'));
    expect(readFileSync(join(dir, 'packages/b/src/log.ts'), 'utf8')).toBe(fixture('ring-buffer/class-field.input.ts'));
  });

  it.each([
    [false, 'reverted'],
    [true, 'changed'],
  ])('honours the project skipLibCheck (%s): errors the runtime declarations bring in revert the rewrite', async (skipLibCheck, status) => {
    const tsconfig = JSON.stringify({ compilerOptions: { ...JSON.parse(TSCONFIG).compilerOptions, skipLibCheck }, include: ['src'] });
    const dir = project({
      'tsconfig.json': tsconfig,
      'package.json': PACKAGE,
      'src/types.ts': TYPES,
      'src/log.ts': fixture('ring-buffer/class-field.input.ts'),
      // A runtime whose declarations do not compile under this project's options.
      'node_modules/bounded/package.json': JSON.stringify({ name: 'bounded', type: 'module', types: './index.d.ts', exports: { '.': { types: './index.d.ts', default: './index.js' } } }),
      'node_modules/bounded/index.js': 'export class RingBuffer {}\n',
      'node_modules/bounded/index.d.ts': 'export declare class RingBuffer<T> {\n  constructor(capacity: number);\n  push(value: T): void;\n  at(i: number): T | undefined;\n  readonly length: number;\n  readonly broken: NotDeclaredAnywhere;\n}\n',
    });
    const { code, out } = await cli([dir, '--json']);
    const report = JSON.parse(out) as JsonReport;
    const log = report.files.find((f) => f.file.endsWith('log.ts'))!;
    expect(log.status).toBe(status);
    if (status === 'reverted') {
      expect(code).toBe(1);
      expect(log.error?.message).toMatch(/node_modules\/bounded\/index\.d\.ts:6:\d+ TS2304: Cannot find name 'NotDeclaredAnywhere'/);
    } else {
      expect(code).toBe(0);
    }
  });

  it('reverts the files of a project whose tsconfig cannot be loaded, with the reason', async () => {
    const dir = project({ 'tsconfig.json': '{ "extends": "./missing-base.json" }', 'package.json': PACKAGE, 'src/log.ts': fixture('ring-buffer/class-field.input.ts') }, true);
    const { code, out } = await cli([dir, '--json']);
    const report = JSON.parse(out) as JsonReport;
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ status: 'reverted', error: { message: expect.stringMatching(/^type check could not run for \S*tsconfig\.json: /) } });
    expect(readFileSync(join(dir, 'src/log.ts'), 'utf8')).toBe(fixture('ring-buffer/class-field.input.ts'));
  });

  it('type-checks files that use a rewritten member through a re-export, and reverts when they break', async () => {
    const log = `export class Log {\n  events: string[] = [];\n\n  add(e: string): void {\n    this.events.push(e);\n  }\n}\n`;
    // Syntactically a covered use (.map), but the callback's third argument is used as an array.
    const user = `import { Log } from './index.js';\n\nexport const grow = (l: Log): number[] => l.events.map((e, _i, all) => all.concat([e]).length);\n`;
    const dir = project({ 'tsconfig.json': TSCONFIG, 'package.json': PACKAGE, 'src/log.ts': log, 'src/index.ts': `export { Log } from './log.js';\n`, 'src/user.ts': user }, true);
    const { code, out } = await cli([dir, '--json']);
    const report = JSON.parse(out) as JsonReport;
    const entry = report.files.find((f) => f.file.endsWith('log.ts'))!;
    expect(code).toBe(1);
    expect(entry.status).toBe('reverted');
    expect(entry.error?.message).toMatch(/^src\/user\.ts:3:\d+ TS2339: Property 'concat' does not exist/);
    expect(readFileSync(join(dir, 'src/log.ts'), 'utf8')).toBe(log);
  });
});
