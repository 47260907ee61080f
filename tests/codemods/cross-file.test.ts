// Cross-file rewrites through the real CLI: a rewritten non-private member's uses in other files are
// rewritten with it (or the finding is skipped with the use as the reason), and a type error in any file
// of that group reverts the whole group. Each case is a fixture project under
// tests/fixtures/codemods-projects/<case>/: `input/` is copied to a temp directory (with the runtime
// linked as node_modules/bounded), `output/` holds every file the run must change, byte for byte; every
// other file must stay byte-identical. The result must compile (`tsc --noEmit`), and a second run must
// change nothing.
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { JsonReport } from 'bounded-codemod';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';

import { cli, removeProject, ROOT, snapshot, tempProject } from './helpers.js';

const PROJECTS = join(ROOT, 'tests/fixtures/codemods-projects');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeProject(d);
});

/** Every file under `dir` (relative path → text). */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A temp copy of a fixture project's input, with the runtime installed; returns the directory. */
function copyProject(name: string): string {
  const dir = tempProject(readTree(join(PROJECTS, name, 'input')));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(join(ROOT, 'runtime'), join(dir, 'node_modules', 'bounded'), 'dir');
  return dir;
}

/** What the project must look like after the run: the input with the fixture's outputs laid over it. */
function expected(name: string): Record<string, string> {
  return { ...readTree(join(PROJECTS, name, 'input')), ...readTree(join(PROJECTS, name, 'output')) };
}

/** `tsc --noEmit -p <dir>` in-process: the diagnostics, formatted. */
function typeErrors(dir: string): string[] {
  const configPath = join(dir, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/** Runs the CLI with --json on a project and parses the report. */
async function runJson(dir: string, ...flags: string[]): Promise<{ code: number; report: JsonReport }> {
  const { code, out } = await cli([dir, '--json', ...flags]);
  return { code, report: JSON.parse(out) as JsonReport };
}

const statusOf = (report: JsonReport): Record<string, string> =>
  Object.fromEntries(report.files.map((f) => [f.file.split('/').slice(-2).join('/'), f.status]));

/** Runs the case, checks the tree against `output/`, the type check and a second run; returns the report. */
async function rewriteCase(name: string, expectedCode = 0): Promise<JsonReport> {
  const dir = copyProject(name);
  const { code, report } = await runJson(dir);
  expect(code).toBe(expectedCode);
  const after = snapshot(dir);
  expect(after).toEqual(expected(name));
  expect(typeErrors(dir)).toEqual([]);
  const second = await runJson(dir);
  // A reverted group is reverted again (nothing written either time); everything else is done.
  expect(second.report.summary).toMatchObject({ changed: 0, rewrites: 0, uses: 0, reverted: report.summary.reverted });
  expect(snapshot(dir)).toEqual(after);
  return report;
}

describe('bounded-codemod rewrites uses of a rewritten member in other files', () => {
  it('class field: index reads (with ! unless already possibly undefined), length = 0, = [], array positions', async () => {
    const report = await rewriteCase('class-field');
    expect(statusOf(report)).toEqual({ 'src/admin.ts': 'changed', 'src/log.ts': 'changed', 'src/view.ts': 'changed' });
    expect(report.summary).toMatchObject({ scanned: 3, changed: 3, rewrites: 1, uses: 8, skipped: 0, reverted: 0 });
    const view = report.files.find((f) => f.file.endsWith('view.ts'))!;
    expect(view.applied).toEqual([]);
    expect(view.uses!.map((u) => [u.line, u.before, u.after])).toEqual([
      [5, 'log.events[0]', 'log.events.at(0)'],
      [10, 'log.events[n - 1]', 'log.events.at(n - 1)!'],
      [14, 'log.events[i]', 'log.events.at(i)'],
    ]);
    expect(view.uses![0]).toMatchObject({ name: 'events', declarationLine: 7 });
    expect(view.uses![0]!.declaredIn).toMatch(/src\/log\.ts$/);
    expect(view.group!.map((g) => g.split('/').pop())).toEqual(['admin.ts', 'log.ts']);
  });

  it('exported module array, imported by name and as a namespace', async () => {
    const report = await rewriteCase('module-array');
    expect(statusOf(report)).toEqual({ 'src/admin.ts': 'changed', 'src/audit.ts': 'changed', 'src/report.ts': 'changed' });
    expect(report.summary).toMatchObject({ changed: 3, rewrites: 1, uses: 4 });
  });

  it('record → TtlMap: get, set, delete, in, Object.keys', async () => {
    const report = await rewriteCase('record');
    const shop = report.files.find((f) => f.file.endsWith('shop.ts'))!;
    expect(shop.uses!.map((u) => `${u.before} → ${u.after}`)).toEqual([
      'sku in cache.prices → cache.prices.has(sku)',
      'cache.prices[sku] → cache.prices.get(sku)',
      'delete cache.prices[sku] → cache.prices.delete(sku)',
      'cache.prices[sku] = price → cache.prices.set(sku, price)',
      'Object.keys(cache.prices) → [...cache.prices.keys()]',
    ]);
  });

  it('skips the finding when one use has no rewrite, and then rewrites none of its uses', async () => {
    const report = await rewriteCase('skipped-use');
    // reader.ts has a rewritable use (journal.lines[0]) but stays untouched: the field is skipped.
    expect(statusOf(report)).toEqual({ 'src/log.ts': 'changed', 'src/reader.ts': 'unchanged', 'src/sorter.ts': 'unchanged' });
    const log = report.files.find((f) => f.file.endsWith('log.ts'))!;
    expect(log.applied.map((a) => a.name)).toEqual(['drafts']);
    expect(log.skipped).toHaveLength(1);
    expect(log.skipped[0]!.message).toBe(
      'used in another file at src/sorter.ts:4:18 (`journal.lines.sort()`), which RingBuffer does not cover (it uses Array#sort, which RingBuffer does not provide); rewrite that use or the field by hand',
    );
    expect(report.summary).toMatchObject({ changed: 1, uses: 0, skipped: 1 });
  });

  it('reverts the whole group when a rewritten use adds a type error, and keeps the other rewrites', async () => {
    const report = await rewriteCase('group-revert', 1);
    expect(statusOf(report)).toEqual({
      'src/history.ts': 'reverted',
      'src/idle.ts': 'reverted',
      'src/metrics.ts': 'changed',
      'src/sessions.ts': 'reverted',
    });
    const byName: Record<string, JsonReport['files'][number]> = Object.fromEntries(report.files.map((f) => [f.file.split('/').pop()!, f]));
    const diagnostic = /^src\/idle\.ts:4:9 TS2322: Type 'number \| undefined' is not assignable to type 'number'/;
    expect(byName['idle.ts']!.error!.message).toMatch(diagnostic);
    expect(byName['sessions.ts']!.error!.message).toMatch(/^reverted with src\/idle\.ts, whose rewrite it shares: src\/idle\.ts:4:9 TS2322/);
    expect(byName['history.ts']!.error!.message).toMatch(/^reverted with src\/idle\.ts/);
    expect(byName['sessions.ts']!.skipped[0]!.message).toMatch(/^reverted: reverted with src\/idle\.ts/);
    expect(byName['sessions.ts']!.group!.map((g) => g.split('/').pop())).toEqual(['history.ts', 'idle.ts']);
    expect(report.summary).toMatchObject({ changed: 1, reverted: 3, uses: 0 });
  });

  it('--dry shows the other files\' diffs and writes nothing; the summary counts them', async () => {
    const dir = copyProject('module-array');
    const before = snapshot(dir);
    const { code, out } = await cli([dir, '--dry']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\+\+\+ \S*src\/report\.ts$/m);
    expect(out).toMatch(/^-  return auditTrail\[auditTrail\.length - 1\];\n\+  return auditTrail\.at\(auditTrail\.length - 1\)!;$/m);
    expect(out).toMatch(/^-  audit\.auditTrail\.length = 0;\n\+  audit\.auditTrail\.clear\(\);$/m);
    expect(out).toMatch(/Uses in other files that would be rewritten with their member:\n {2}\S*src\/admin\.ts:4:9 {2}audit\.auditTrail\.length = 0 → audit\.auditTrail\.clear\(\) {2}\('auditTrail' of \S*src\/audit\.ts:6\)/);
    expect(out).toContain('would rewrite 1 finding(s) in 3 file(s), 0 skipped, 0 failed, 0 reverted, 4 use(s) in other files rewritten with them (dry run, nothing written)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('skips the finding when a use that needs an edit is in a file outside the given paths', async () => {
    const dir = copyProject('module-array');
    const before = snapshot(dir);
    const { code, report } = await runJson(join(dir, 'src/audit.ts'), join(dir, 'src/admin.ts'));
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ scanned: 2, changed: 0 });
    expect(report.files[1]!.skipped[0]!.message).toMatch(
      /^used in another file at src\/report\.ts:8:10 \(`auditTrail\[auditTrail\.length - 1\]`\), which needs a rewrite \(`auditTrail\.at\(auditTrail\.length - 1\)!`\) in a file this run does not rewrite/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('names, for each file of a group, the other files written or reverted with it', async () => {
    const dir = copyProject('record');
    const { report } = await runJson(dir, '--dry');
    const groups = report.files.map((f) => [f.file.split('/').pop(), (f.group ?? []).map((g) => g.split('/').pop())]);
    expect(groups).toEqual([
      ['cache.ts', ['shop.ts']],
      ['shop.ts', ['cache.ts']],
    ]);
  });

  it('rewrites uses in a scanned file the tsconfig leaves out (a test next to src/), in the same project', async () => {
    const dir = copyProject('module-array');
    const spec = `import { auditTrail } from '../src/audit.js';\n\nexport const firstAction = (): string => auditTrail[0].action;\n`;
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test/audit.spec.ts'), spec);
    const { code, report } = await runJson(dir);
    expect(code).toBe(0);
    expect(statusOf(report)['test/audit.spec.ts']).toBe('changed');
    expect(readFileSync(join(dir, 'test/audit.spec.ts'), 'utf8')).toBe(spec.replace('auditTrail[0].action', 'auditTrail.at(0)!.action'));
    expect(report.summary).toMatchObject({ changed: 4, uses: 5 });
  });

  it('skips the finding when another tsconfig project of a monorepo needs an edit, and rewrites nothing of it', async () => {
    const log = readFileSync(join(PROJECTS, 'skipped-use/input/src/log.ts'), 'utf8');
    const tsconfig = readFileSync(join(PROJECTS, 'skipped-use/input/tsconfig.json'), 'utf8');
    const pkg = readFileSync(join(PROJECTS, 'skipped-use/input/package.json'), 'utf8');
    const user = `import type { Journal } from '../../a/src/log.js';\n\nexport const firstLine = (j: Journal): string => j.lines[0];\n`;
    const dir = tempProject({ 'packages/a/tsconfig.json': tsconfig, 'packages/a/package.json': pkg, 'packages/a/src/log.ts': log, 'packages/b/tsconfig.json': tsconfig, 'packages/b/package.json': pkg, 'packages/b/src/user.ts': user });
    dirs.push(dir);
    for (const p of ['a', 'b']) {
      mkdirSync(join(dir, 'packages', p, 'node_modules'), { recursive: true });
      symlinkSync(join(ROOT, 'runtime'), join(dir, 'packages', p, 'node_modules', 'bounded'), 'dir');
    }
    const { code, report } = await runJson(dir);
    expect(code).toBe(0);
    const a = report.files.find((f) => f.file.endsWith('a/src/log.ts'))!;
    expect(a.applied.map((f) => f.name)).toEqual(['drafts']);
    expect(a.skipped[0]!.message).toMatch(/^used in another file at \S*packages\/b\/src\/user\.ts:3:\d+ \(`j\.lines\[0\]`\), which needs a rewrite \(`j\.lines\.at\(0\)!`\) in a file this run does not rewrite \(.*in another tsconfig project\)/);
    expect(readFileSync(join(dir, 'packages/b/src/user.ts'), 'utf8')).toBe(user);
  });

  it('rewrites a file\'s own findings and its uses of another file\'s member together, positions from the original text', async () => {
    const dir = copyProject('class-field');
    const own = `import type { EventLog } from './log.js';\n\nexport const firstId = (log: EventLog): string => log.events[0].id;\n\nexport class Recent {\n  private ids: string[] = [];\n\n  add(log: EventLog): void {\n    this.ids.push(log.events[log.events.length - 1].id);\n  }\n}\n`;
    writeFileSync(join(dir, 'src/recent.ts'), own);
    const { code, report } = await runJson(dir);
    expect(code).toBe(0);
    const recent = report.files.find((f) => f.file.endsWith('recent.ts'))!;
    expect(recent.status).toBe('changed');
    expect(recent.applied).toEqual([expect.objectContaining({ name: 'ids', line: 6, column: 3, offset: own.indexOf('private ids') })]);
    expect(recent.uses!.map((u) => [u.line, u.column, u.after])).toEqual([
      [3, 55, 'log.events.at(0)!'],
      [9, 23, 'log.events.at(log.events.length - 1)!'],
    ]);
    const text = readFileSync(join(dir, 'src/recent.ts'), 'utf8');
    expect(text).toContain('export const firstId = (log: EventLog): string => log.events.at(0)!.id;\n');
    expect(text).toContain('    this.ids.push(log.events.at(log.events.length - 1)!.id);\n');
    expect(text).toMatch(/^ {2}private ids: RingBuffer<string> = new RingBuffer<string>\(IDS_CAPACITY\);$/m);
    expect(typeErrors(dir)).toEqual([]);
    const second = await runJson(dir);
    expect(second.report.summary).toMatchObject({ changed: 0, rewrites: 0, uses: 0 });
  });

  it('gives the same cross-file result for --cpus 1 (in-process) and --cpus 2 (worker processes)', async () => {
    const dir = copyProject('class-field');
    writeFileSync(join(dir, 'src/audit.ts'), readFileSync(join(PROJECTS, 'module-array/input/src/audit.ts'), 'utf8'));
    writeFileSync(join(dir, 'src/report.ts'), readFileSync(join(PROJECTS, 'module-array/input/src/report.ts'), 'utf8'));
    const one = await runJson(dir, '--dry', '--cpus', '1');
    const two = await runJson(dir, '--dry', '--cpus', '2');
    expect(one.report.summary).toMatchObject({ changed: 5, rewrites: 2, uses: 11 });
    expect(two.report).toEqual(one.report);
  });
});
