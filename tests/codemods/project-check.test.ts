// Project-wide safety (ts-morph): the type check reverts a file whose rewrite adds type errors (in
// itself or in a file importing it), and the cross-file check rewrites the uses of a non-private member
// in other files, or skips the finding when a use has no rewrite. The declaring files' rewrites here
// are hand-written texts: this checks the checker, independently of what the analysis finds
// (tests/codemods/cross-file.test.ts runs the real CLI on fixture projects).
import { join } from 'node:path';

import { applyEdits, checkProject, type FindingReport, type RewriteResult, type TextEdit } from 'bounded-codemod';
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

  // ioredis without node_modules: `Buffer` does not resolve (TS2591) before the rewrite, and the rewrite
  // writes the Map's value type once more (in the constructor's type arguments), so the same environment
  // error occurs once more. A repeat of a name or module the project already failed to resolve in this file
  // is not an error the rewrite introduced.
  const TTL = `export class TtlMap<K, V> extends Map<K, V> {\n  constructor(readonly options: { ttl: number }) {\n    super();\n  }\n}\n`;
  const CHANNELS = `export class Channels {\n  private channels: Map<number, Array<string | Buffer>> = new Map();\n  add(id: number, chunk: string | Buffer): void {\n    this.channels.set(id, [...(this.channels.get(id) ?? []), chunk]);\n  }\n}\n`;
  const typecheckOne = (files: Record<string, string>, path: string, output: string): { output: string; reverted?: string } => {
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, ...files });
    dirs.push(dir);
    const file = join(dir, path);
    return checkProject({ tsconfig: join(dir, 'tsconfig.json'), typecheck: true, files: [{ file, original: files[path]!, output, applied: [], skipped: [] }], rewrite: noRewrite }).files.get(file)!;
  };

  it('keeps a rewrite that repeats an environment error the file already had (Buffer without @types/node)', () => {
    const output = `import { TtlMap } from './ttl';\n${CHANNELS.replace('= new Map();', '= new TtlMap<number, Array<string | Buffer>>({ ttl: 60_000 });')}`;
    const outcome = typecheckOne({ 'src/ttl.ts': TTL, 'src/channels.ts': CHANNELS }, 'src/channels.ts', output);
    expect(outcome.reverted).toBeUndefined();
    expect(outcome.output).toBe(output);
  });

  it('still reverts a name the file did not fail to resolve before, and a repeated error that is not the environment\'s', () => {
    // The runtime's import forgotten: `Cannot find name 'TtlMap'` is a message the file did not have.
    const noImport = CHANNELS.replace('= new Map();', '= new TtlMap<number, Array<string | Buffer>>({ ttl: 60_000 });');
    expect(typecheckOne({ 'src/ttl.ts': TTL, 'src/channels.ts': CHANNELS }, 'src/channels.ts', noImport)).toMatchObject({
      output: CHANNELS,
      reverted: expect.stringMatching(/^src\/channels\.ts:2:\d+ TS2304: Cannot find name 'TtlMap'/),
    });
    // `Buffer` unresolved in another file only: new in this one.
    const plain = `export class Channels {\n  private channels: Map<number, string[]> = new Map();\n}\n`;
    const withBuffer = plain.replace('Map<number, string[]> = new Map();', 'Map<number, Buffer[]> = new Map<number, Buffer[]>();');
    expect(typecheckOne({ 'src/other.ts': 'export const b: Buffer | undefined = undefined;\n', 'src/channels.ts': plain }, 'src/channels.ts', withBuffer)).toMatchObject({
      output: plain,
      reverted: expect.stringMatching(/^src\/channels\.ts:2:\d+ TS25\d\d: Cannot find name 'Buffer'/),
    });
    // A second `Type 'string' is not assignable to type 'number'` is new, even though the file had one.
    const bad = `export const bad: number = 'x';\nexport const sizes: number[] = [];\n`;
    expect(typecheckOne({ 'src/a.ts': bad }, 'src/a.ts', bad.replace('number[] = []', "number[] = ['y']"))).toMatchObject({
      output: bad,
      reverted: expect.stringMatching(/^src\/a\.ts:2:\d+ TS2322: Type 'string' is not assignable to type 'number'/),
    });
  });

  it('type-checks a rewritten ESM file with the module resolution the project was checked with (paths to a directory)', () => {
    // livekit agents-js: `"@livekit/agents": ["agents/src"]` with module node16 and a `"type": "module"` package.
    // The base program resolves the import; re-parsing the rewritten file with ESM rules did not, and the
    // resulting TS2307 was taken for an error the rewrite introduced.
    const original = `import { Base } from '@scope/core';\nexport class Vad extends Base {\n  readonly streams: string[] = [];\n}\n`;
    const output = original.replace('readonly streams: string[] = [];', 'readonly streams: ReadonlyArray<string> = [];');
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', baseUrl: '.', ignoreDeprecations: '6.0', noEmit: true, skipLibCheck: true, types: [], paths: { '@scope/core': ['core/src'] } }, include: ['plugin/src'] }),
      'package.json': JSON.stringify({ name: 'mono', type: 'module' }),
      'core/src/index.ts': 'export class Base {\n  name = "base";\n}\n',
      'plugin/src/vad.ts': original,
    });
    dirs.push(dir);
    const file = join(dir, 'plugin/src/vad.ts');
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
    const user = `import { Log } from './log';\nexport const first = (l: Log) => l.events.sort();\nexport const n = (l: Log) => l.events.length;\n`;
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
    expect(excluded!.get(events.offset)).toBe('used in another file at src/user.ts:2:36 (`l.events.sort()`), which RingBuffer does not cover (it uses Array#sort, which RingBuffer does not provide); rewrite that use or the field by hand');
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

/**
 * Runs the cross-file check on `src/log.ts` (declaring `finding`) and `src/user.<ext>` (its uses):
 * returns the user file's new text, or the reason the finding was skipped.
 */
function crossFile(
  log: string,
  needle: string,
  user: string,
  options: { transform?: FindingReport['transform']; ext?: string; compilerOptions?: Record<string, unknown> } = {},
): { user: string; uses: number } | { skipped: string } {
  const tsconfig = JSON.stringify({ compilerOptions: { ...JSON.parse(TSCONFIG).compilerOptions, allowJs: true, ...options.compilerOptions }, include: ['src'] });
  const userPath = `src/user.${options.ext ?? 'ts'}`;
  const dir = tempProject({ 'tsconfig.json': tsconfig, 'src/log.ts': log, [userPath]: user });
  dirs.push(dir);
  const file = join(dir, 'src/log.ts');
  const finding = report(log, needle, needle, options.transform ?? 'ring-buffer');
  let reason: string | undefined;
  const result = checkProject({
    tsconfig: join(dir, 'tsconfig.json'),
    typecheck: false,
    files: [{ file, original: log, output: `${log}// rewritten\n`, applied: [finding], skipped: [] }],
    rewrite: (path: string, exclude: ReadonlyMap<number, string>, edits: readonly TextEdit[], original: string): RewriteResult => {
      if (path === file) {
        reason = exclude.get(finding.offset);
        return { output: original, applied: [], skipped: [] };
      }
      return { output: applyEdits(original, edits), applied: [], skipped: [] };
    },
  });
  if (reason !== undefined) return { skipped: reason };
  const outcome = result.files.get(join(dir, userPath));
  return { user: outcome?.output ?? user, uses: outcome?.uses.length ?? 0 };
}

const LOG = `export class Log {\n  events: string[] = [];\n}\n`;
const RECORD = `export class Store {\n  cache: Record<string, number> = {};\n}\n`;
const use = (body: string, type = 'Log', from = './log'): string => `import type { ${type} } from '${from}';\n${body}\n`;

describe('checkProject: uses in other files', () => {
  it.each([
    // [use, rewritten]
    ['export const a = (l: Log): string => l.events[0];', 'export const a = (l: Log): string => l.events.at(0)!;'],
    ['export const a = (l: Log) => l.events[0] ?? "";', 'export const a = (l: Log) => l.events.at(0) ?? "";'],
    ['export const a = (l: Log) => l.events[0]!;', 'export const a = (l: Log) => l.events.at(0)!;'],
    ['export const a = (l: Log) => (l.events[0] === undefined ? 0 : 1);', 'export const a = (l: Log) => (l.events.at(0) === undefined ? 0 : 1);'],
    ['export const a = (l: Log) => l.events[1]?.length;', 'export const a = (l: Log) => l.events.at(1)?.length;'],
    ['export const a = (l?: Log) => l?.events[0];', 'export const a = (l?: Log) => l?.events.at(0);'],
    ['export const a = (l: Log) => l.events[l.events.length - 1]!.trim();', 'export const a = (l: Log) => l.events.at(l.events.length - 1)!.trim();'],
    ['export function a(l: Log): void { l.events.length = 0; }', 'export function a(l: Log): void { l.events.clear(); }'],
    ['export function a(l: Log): void { l.events = []; }', 'export function a(l: Log): void { l.events.clear(); }'],
    ['export const a = (l: Log): readonly string[] => l.events;', 'export const a = (l: Log): readonly string[] => l.events.toArray();'],
    ['export const a = (l: Log) => ({ all: l.events });', 'export const a = (l: Log) => ({ all: l.events.toArray() });'],
    ['export const a = (l: Log) => `${l.events}`;', 'export const a = (l: Log) => `${l.events.toArray()}`;'],
    ['export const a = (l: Log) => JSON.stringify(l.events);', 'export const a = (l: Log) => JSON.stringify(l.events);'],
    ['export const a = (l: Log) => [...l.events].length + l.events.length;', 'export const a = (l: Log) => [...l.events].length + l.events.length;'],
  ])('array: %s', (body, rewritten) => {
    expect(crossFile(LOG, 'events', use(body))).toMatchObject({ user: use(rewritten) });
  });

  it.each([
    ['export function a(l: Log): void { l.events[0] = "x"; }', 'l.events[0] = "x"', 'it assigns by index'],
    ['export function a(l: Log): void { [l.events[0]] = ["x"]; }', 'l.events[0]', 'it writes by index as a destructuring or for...of target'],
    ['export function a(l: Log): void { l.events = ["x"]; }', 'l.events = ["x"]', 'it is reassigned'],
    ['export function a(l: Log): void { l.events.length = 1; }', 'l.events.length = 1', 'it truncates with length = n'],
    ['export function a(l: Log): void { l.events.push(...["x"]); }', 'l.events.push(...["x"])', 'it pushes a spread: RingBuffer#push evicts one item per argument, check the order'],
    ['export function a(l: Log): string[] { const e = l.events; return e; }', 'e = l.events', 'it is aliased as e'],
    ['export function a(l: Log): boolean { return l.events instanceof Array; }', 'l.events instanceof Array', undefined],
    ['export function a(l: Log): object { return { ...l.events }; }', '{ ...l.events }', 'it is spread into an object'],
  ])('array, skipped: %s', (body, shown, why) => {
    const result = crossFile(LOG, 'events', use(body));
    expect(result).toEqual({ skipped: `used in another file at src/user.ts:2:${use(body).split('\n')[1]!.indexOf('events') + 1} (\`${shown}\`), which RingBuffer does not cover${why ? ` (${why})` : ''}; rewrite that use or the field by hand` });
  });

  it('writes no ! where noUncheckedIndexedAccess already makes the read possibly undefined, nor in JavaScript', () => {
    const body = 'export const a = (l: Log): string | undefined => l.events[0];';
    expect(crossFile(LOG, 'events', use(body), { compilerOptions: { noUncheckedIndexedAccess: true } })).toMatchObject({ user: use(body.replace('l.events[0]', 'l.events.at(0)')) });
    const js = `import { Log } from './log';\nexport const log = new Log();\nexport const a = log.events[0];\n`;
    expect(crossFile(LOG, 'events', js, { ext: 'js' })).toMatchObject({ user: js.replace('log.events[0]', 'log.events.at(0)') });
  });

  it('rewrites nested uses of one member and keeps the rest of the file byte-identical', () => {
    const body = 'export const a = (l: Log, m: Log) =>  l.events[ m.events[0]!.length ] /* keep */;\n// untouched: l.events[0]';
    expect(crossFile(LOG, 'events', use(body))).toEqual({ user: use('export const a = (l: Log, m: Log) =>  l.events.at( m.events.at(0)!.length )! /* keep */;\n// untouched: l.events[0]'), uses: 2 });
  });

  it.each([
    ['export const a = (s: Store, k: string) => s.cache[k];', 'export const a = (s: Store, k: string) => s.cache.get(k);'],
    ['export function a(s: Store, k: string): void { s.cache[k] = 1; }', 'export function a(s: Store, k: string): void { s.cache.set(k, 1); }'],
    ['export function a(s: Store, k: string): void { delete s.cache[k]; }', 'export function a(s: Store, k: string): void { s.cache.delete(k); }'],
    ['export const a = (s: Store, k: string) => k in s.cache;', 'export const a = (s: Store, k: string) => s.cache.has(k);'],
    ['export const a = (s: Store) => Object.entries(s.cache);', 'export const a = (s: Store) => [...s.cache.entries()];'],
  ])('record: %s', (body, rewritten) => {
    expect(crossFile(RECORD, 'cache', use(body, 'Store'), { transform: 'ttl-map' })).toMatchObject({ user: use(rewritten, 'Store') });
  });

  it.each([
    ['export function a(s: Store, k: string): void { s.cache[k] += 1; }', 's.cache[k] += 1', 'it writes the record in an expression or with a compound operator'],
    ['export function a(s: Store, k: string): void { s.cache[k]++; }', 's.cache[k]++', 'it updates an entry in place'],
    ['export const a = (s: Store) => s.cache.total;', 's.cache.total', 'it reads a fixed key'],
    ['export const a = (s: Store) => ({ ...s.cache });', '...s.cache', undefined],
  ])('record, skipped: %s', (body, shown, why) => {
    const result = crossFile(RECORD, 'cache', use(body, 'Store'), { transform: 'ttl-map' });
    expect(result).toMatchObject({ skipped: expect.stringContaining(`(\`${shown}\`), which TtlMap does not cover${why ? ` (${why})` : ''}; `) });
  });

  it('leaves Map uses alone (TtlMap is a Map) but skips a reassignment', () => {
    const map = `export class Store {\n  cache = new Map<string, number>();\n}\n`;
    expect(crossFile(map, 'cache', use('export const a = (s: Store) => s.cache.get("k") ?? [...s.cache.keys()].length;', 'Store'), { transform: 'ttl-map' })).toEqual({ user: use('export const a = (s: Store) => s.cache.get("k") ?? [...s.cache.keys()].length;', 'Store'), uses: 0 });
    expect(crossFile(map, 'cache', use('export function a(s: Store): void { s.cache = new Map(); }', 'Store'), { transform: 'ttl-map' })).toMatchObject({ skipped: expect.stringContaining('(`s.cache = new Map()`), which TtlMap/TtlSet does not cover (it is reassigned)') });
  });
});
