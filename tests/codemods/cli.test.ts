// The bounded-codemod CLI on temp projects: parse failures, untouched files, usage errors, --json,
// the dirty-tree refusal. Rewrites themselves: cli-rewrite.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { cli, gitCommitAll, removeProject, snapshot, tempProject } from './helpers.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = tempProject(files);
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeProject(d);
});

const CLEAN = `export function add(a: number, b: number): number {\n  return a + b;\n}\n`;
const BROKEN = `export class Broken {\n  method( {\n}\n`;

describe('bounded-codemod CLI', () => {
  it('lists a file that does not parse by name with line:col, leaves it byte-for-byte unchanged and exits 1', async () => {
    const dir = project({ 'src/broken.ts': BROKEN, 'src/clean.ts': CLEAN });
    const before = snapshot(dir);
    const { code, out } = await cli([join(dir, 'src'), '--no-typecheck']);
    expect(code).toBe(1);
    expect(out).toMatch(/Failed \(left untouched\):\n {2}\S*src\/broken\.ts:\d+:\d+ {2}\S/);
    expect(out).toMatch(/2 file\(s\) scanned, rewrote 0 finding\(s\) in 0 file\(s\), 0 skipped, 1 failed, 0 reverted/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('leaves a file with nothing to rewrite byte-for-byte unchanged (CRLF, BOM-less, odd spacing) and exits 0', async () => {
    const odd = `// keep\r\nexport const  x = [1,2 ,3];;\r\n\r\n\r\nexport let m = new Map<string, number>()\r\n`;
    const dir = project({ 'a.ts': odd, 'b.js': CLEAN.replace(': number', '').replace(': number', '').replace(': number', '') });
    const before = snapshot(dir);
    const { code, out } = await cli([dir, '--no-typecheck']);
    expect(code).toBe(0);
    expect(out).toContain('2 file(s) scanned');
    expect(snapshot(dir)).toEqual(before);
  });

  it('skips node_modules, build output, .d.ts and .gitignored paths', async () => {
    const dir = project({
      'src/a.ts': CLEAN,
      'node_modules/x/index.ts': BROKEN,
      'dist/out.js': BROKEN,
      'src/types.d.ts': BROKEN,
      'generated/g.ts': BROKEN,
      'vendor/lib.min.js': BROKEN,
      '.gitignore': 'generated/\n',
    });
    const { code, out } = await cli([dir, '--no-typecheck', '--force']);
    expect(out).toContain('1 file(s) scanned');
    expect(code).toBe(0);
  });

  it('honours --ignore and --extensions', async () => {
    const dir = project({ 'a.ts': CLEAN, 'b.ts': BROKEN, 'c.js': BROKEN });
    const ignored = await cli([dir, '--no-typecheck', '--ignore', '**/b.ts', '--extensions', 'ts']);
    expect(ignored.out).toContain('1 file(s) scanned');
    expect(ignored.code).toBe(0);
  });

  it('takes the paths that follow a variadic option (--transform/--ignore) as paths', async () => {
    const dir = project({ 'a.ts': CLEAN, 'b.ts': BROKEN });
    const viaTransform = await cli(['--no-typecheck', '--transform', 'ring-buffer', 'ttl-map', dir]);
    expect(viaTransform.out).toContain('2 file(s) scanned');
    const viaIgnore = await cli(['--no-typecheck', '--ignore', '**/b.ts', dir]);
    expect(viaIgnore.out).toContain('1 file(s) scanned');
    expect(viaIgnore.code).toBe(0);
  });

  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['/definitely/not/here'], /path not found: \/definitely\/not\/here/],
    [['--ttl', 'soon', '.'], /--ttl/],
    [['--cpus', '0', '.'], /--cpus/],
    [['--capacity', 'ten', '.'], /--capacity/],
    [['--transform', 'nope', '.'], /nope/],
    [['--extensions', ',', '.'], /--extensions/],
  ])('exits 2 with a one-line message on a usage error: %j', async (argv, message) => {
    const { code, err, out } = await cli(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it('prints help and version with exit 0', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--dry');
    expect(help.out).toMatch(/ring-buffer[\s\S]*ttl-map[\s\S]*listener-cleanup[\s\S]*interval-cleanup/);
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('--json prints only the JSON report on stdout', async () => {
    const dir = project({ 'src/broken.ts': BROKEN, 'src/clean.ts': CLEAN });
    const { code, out } = await cli([dir, '--json', '--dry', '--no-typecheck']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      dry: boolean; exitCode: number; summary: Record<string, number>;
      files: { file: string; status: string; error?: { line?: number; column?: number; message: string } }[];
    };
    expect(report.dry).toBe(true);
    expect(report.exitCode).toBe(1);
    expect(report.summary).toMatchObject({ scanned: 2, changed: 0, unchanged: 1, failed: 1, reverted: 0 });
    const broken = report.files.find((f) => f.file.endsWith('broken.ts'))!;
    expect(broken.status).toBe('failed');
    expect(broken.error?.line).toBeGreaterThan(0);
    expect(broken.error?.column).toBeGreaterThan(0);
  });

  it('refuses a dirty git tree unless --force, and allows --dry', async () => {
    const dir = project({ 'src/a.ts': CLEAN });
    gitCommitAll(dir);
    writeFileSync(join(dir, 'src/a.ts'), `${CLEAN}// edited\n`);
    const refused = await cli([join(dir, 'src'), '--no-typecheck']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/uncommitted change\(s\).*--force/);
    expect((await cli([join(dir, 'src'), '--no-typecheck', '--dry'])).code).toBe(0);
    expect((await cli([join(dir, 'src'), '--no-typecheck', '--force'])).code).toBe(0);
    expect(readFileSync(join(dir, 'src/a.ts'), 'utf8')).toBe(`${CLEAN}// edited\n`);
  });
});
