import { describe, expect, it } from 'vitest';

import { analyzeSource, type Finding } from '../../rules/src/analysis/index.js';

/** Applies a finding's rewrite edits (not the import: the codemod adds that). */
function apply(text: string, finding: Finding): string {
  let out = text;
  for (const edit of [...finding.rewrite!.edits].sort((a, b) => b.range[0] - a.range[0])) {
    out = out.slice(0, edit.range[0]) + edit.text + out.slice(edit.range[1]);
  }
  return out;
}

const collection = (text: string, filename = 'file.ts'): Finding[] =>
  analyzeSource(text, filename).filter((finding) => finding.rule === 'no-unbounded-collection');

describe('analyzeCollections (no-unbounded-collection findings)', () => {
  it('reports the declaration, names the growth site and carries a ring-buffer rewrite', () => {
    const text = `class Log {\n  private events: string[] = [];\n  add(e: string) {\n    this.events.push(e);\n  }\n}\n`;
    const [finding, ...rest] = collection(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'no-unbounded-collection', messageId: 'unbounded', name: 'events' });
    expect(text.slice(finding!.range[0], finding!.range[1])).toBe('private events: string[] = [];');
    expect(finding!.sites.map(([s, e]) => text.slice(s, e))).toEqual(['this.events.push(e)']);
    expect(finding!.data).toMatchObject({ name: 'events', how: 'push()', line: 4 });
    expect(finding!.rewrite).toMatchObject({ transform: 'ring-buffer', imports: ['RingBuffer'] });
    expect(apply(text, finding!)).toBe(
      `const EVENTS_CAPACITY = 1000;\nclass Log {\n  private events: RingBuffer<string> = new RingBuffer<string>(EVENTS_CAPACITY);\n  add(e: string) {\n    this.events.push(e);\n  }\n}\n`,
    );
    expect(finding!.rewrite!.edits.some((edit) => edit.text.includes('import'))).toBe(false);
  });

  it('maps and sets become TtlMap / TtlSet (transform ttl-map), keeping the Map annotation', () => {
    const text = `const cache: Map<string, number> = new Map();\nconst seen = new Set();\nexport function f(k: string) {\n  cache.set(k, 1);\n  seen.add(k);\n}\n`;
    const findings = collection(text);
    expect(findings.map((f) => [f.name, f.rewrite?.transform, f.rewrite?.imports])).toEqual([
      ['cache', 'ttl-map', ['TtlMap']],
      ['seen', 'ttl-map', ['TtlSet']],
    ]);
    expect(apply(text, findings[0]!)).toContain('const CACHE_MAX = 10_000;\nconst cache: Map<string, number> = new TtlMap<string, number>({ max: CACHE_MAX });');
    expect(apply(text, findings[1]!)).toContain('const seen = new TtlSet<any>({ max: SEEN_MAX });');
  });

  it('gives a skipReason instead of a rewrite when a use cannot be rewritten', () => {
    const text = `class A {\n  xs: number[] = [];\n  add(x: number) {\n    this.xs.push(x);\n    this.xs.reverse();\n  }\n}\n`;
    const [finding] = collection(text);
    expect(finding!.rewrite).toBeUndefined();
    expect(finding!.skipReason).toMatch(/Array#reverse/);
  });

  it('names constants uniquely when two classes have a field of the same name', () => {
    const text = `class A {\n  items: number[] = [];\n  add(x: number) { this.items.push(x); }\n}\nclass B {\n  items: number[] = [];\n  add(x: number) { this.items.push(x); }\n}\n`;
    const findings = collection(text);
    const names = findings.map((f) => f.rewrite!.edits.map((e) => e.text).find((t) => t.startsWith('const')));
    expect(names).toEqual(['const A_ITEMS_CAPACITY = 1000;\n', 'const B_ITEMS_CAPACITY = 1000;\n']);
  });

  it('indents the constant like the statement it precedes and keeps CRLF line ends', () => {
    const text = `class A {\r\n  items: number[] = []\r\n  add(x: number) { this.items.push(x) }\r\n}\r\n`;
    const [finding] = collection(text);
    expect(apply(text, finding!)).toMatch(/^const ITEMS_CAPACITY = 1000\r\nclass A/);
  });
});

describe('the ESLint rules and analyzeSource agree', () => {
  it('reports exactly the declarations marked LEAK in the fixture, through both front ends', async () => {
    const { readFileSync } = await import('node:fs');
    const { Linter } = await import('eslint');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const { default: collection } = await import('../../rules/src/rules/no-unbounded-collection.js');
    const { default: cache } = await import('../../rules/src/rules/no-unbounded-cache.js');
    const { default: string } = await import('../../rules/src/rules/no-unbounded-string.js');
    const text = readFileSync(new URL('fixtures/collections/leaks.ts', import.meta.url), 'utf8');
    const expected = text
      .split('\n')
      .flatMap((line, i) => {
        const match = /\/\/ LEAK (no-[\w-]+)/.exec(line);
        return match ? [`${match[1]}:${i + 1}`] : [];
      })
      .sort();
    expect(expected.length).toBe(7);

    const analysed = analyzeSource(text, 'leaks.ts')
      .filter((f) => f.rule.startsWith('no-unbounded'))
      .map((f) => `${f.rule}:${text.slice(0, f.range[0]).split('\n').length}`)
      .sort();
    expect(analysed).toEqual(expected);

    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      text,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as never },
          plugins: { bounded: { rules: { 'no-unbounded-collection': collection, 'no-unbounded-cache': cache, 'no-unbounded-string': string } as never } },
          rules: { 'bounded/no-unbounded-collection': 'error', 'bounded/no-unbounded-cache': 'error', 'bounded/no-unbounded-string': 'error' },
        },
      ],
      'leaks.ts',
    );
    expect(messages.map((m) => `${m.ruleId!.replace('bounded/', '')}:${m.line}`).sort()).toEqual(expected);
  });
});

describe('rewrites of the uses RingBuffer and TtlMap do not cover', () => {
  it('rewrites index reads (also optional), aliases, spreads, template and argument uses of an array', () => {
    const text = [
      'export class Log {',
      '  private lines: string[];',
      '  constructor() {',
      '    this.lines = [];',
      '  }',
      '  add(s: string) {',
      '    this.lines.push(s);',
      '  }',
      '  last() {',
      '    const lines = this.lines;',
      '    return lines[lines.length - 1] ?? this.lines?.[0];',
      '  }',
      '  dump() {',
      '    console.log(`${this.lines}`, [...this.lines], { lines: this.lines });',
      '    for (const line of this.lines) console.log(line);',
      '    return JSON.stringify(this.lines);',
      '  }',
      '}',
      '',
    ].join('\n');
    const [finding] = collection(text);
    expect(finding!.rewrite).toBeDefined();
    expect(apply(text, finding!)).toBe(
      [
        'const LINES_CAPACITY = 1000;',
        'export class Log {',
        '  private lines: RingBuffer<string>;',
        '  constructor() {',
        '    this.lines = new RingBuffer<string>(LINES_CAPACITY);',
        '  }',
        '  add(s: string) {',
        '    this.lines.push(s);',
        '  }',
        '  last() {',
        '    const lines = this.lines;',
        '    return lines.at(lines.length - 1) ?? this.lines?.at(0)!;',
        '  }',
        '  dump() {',
        '    console.log(`${this.lines.toArray()}`, [...this.lines], { lines: this.lines.toArray() });',
        '    for (const line of this.lines) console.log(line);',
        '    return JSON.stringify(this.lines.toArray());',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('rewrites record reads, writes, `in`, delete and Object.values to TtlMap calls', () => {
    const text = [
      'const byId: { [id: string]: number } = {};',
      'export function put(id: string, n: number) {',
      '  byId[id] = n;',
      '}',
      'export function all() {',
      '  return Object.values(byId);',
      '}',
      'export function take(id: string) {',
      "  if (!(id in byId)) return undefined;",
      '  const n = byId[id];',
      '  return n;',
      '}',
      '',
    ].join('\n');
    const [finding] = collection(text);
    expect(finding!.rewrite?.transform).toBe('ttl-map');
    expect(apply(text, finding!)).toBe(
      [
        'const BY_ID_MAX = 10_000;',
        'const byId: TtlMap<string, number> = new TtlMap<string, number>({ max: BY_ID_MAX });',
        'export function put(id: string, n: number) {',
        '  byId.set(id, n);',
        '}',
        'export function all() {',
        '  return [...byId.values()];',
        '}',
        'export function take(id: string) {',
        '  if (!(byId.has(id))) return undefined;',
        '  const n = byId.get(id)!;',
        '  return n;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('skips with a reason: index assignment, unannotated element type, reassigned Map without a declared type', () => {
    const reasons = collection(
      [
        'export class A {',
        '  xs: number[] = [];',
        '  ys = [] as unknown[];',
        '  zs = [];',
        '  m = new Map<string, number>();',
        '  add(i: number, k: string, loaded: Map<string, number>) {',
        '    this.xs.push(i);',
        '    this.xs[i] = 0;',
        '    this.zs.push(i as never);',
        '    this.m.set(k, i);',
        '    if (i > 99) this.m = loaded;',
        '  }',
        '}',
        '',
      ].join('\n'),
    ).map((f) => [f.name, f.rewrite ? 'rewrite' : f.skipReason]);
    expect(reasons).toEqual([
      ['xs', 'xs is not rewritten: it assigns by index (this.xs[i] = ...)'],
      ['zs', 'zs is not rewritten: its element type is not written (annotate it as T[])'],
      ['m', 'm is not rewritten: it is reassigned without a declared Map/Set type (this.m = loaded)'],
    ]);
  });
});

describe('index reads in TypeScript', () => {
  it('skips destructuring and for...of targets by index, and asserts a read whose property is written', () => {
    const reason = (use: string): string | undefined => {
      const text = `export class Q {\n  items: { n: number }[] = [];\n  add(x: { n: number }) {\n    this.items.push(x);\n    ${use}\n  }\n}\n`;
      const [finding] = collection(text);
      return finding!.rewrite ? finding!.rewrite.edits.find((e) => e.text.startsWith('.at('))!.text : finding!.skipReason;
    };
    expect(reason('[this.items[0]] = [x];')).toBe('items is not rewritten: it writes by index as a destructuring or for...of target (this.items[0])');
    expect(reason('({ a: this.items[0] } = { a: x });')).toMatch(/destructuring or for\.\.\.of target/);
    expect(reason('for (this.items[0] of [x]);')).toMatch(/destructuring or for\.\.\.of target/);
    expect(reason('this.items[0].n = 1;')).toBe('.at(0)!');
    expect(reason('this.items[0]!.n = 1;')).toBe('.at(0)');
  });
});

describe('growth shapes', () => {
  it('counts unshift, nested get()!.push and a for (;;) local, and explains why nested growth has no rewrite', () => {
    const text = [
      'export class Feed {',
      '  private items: string[] = [];',
      '  private byLevel = new Map<string, string[]>([["info", []]]);',
      '  add(s: string) {',
      '    this.items.unshift(s);',
      '    this.byLevel.get("info")!.push(s);',
      '  }',
      '}',
      'export function poll(next: () => string) {',
      '  const seen: string[] = [];',
      '  for (;;) seen.push(next());',
      '}',
      '',
    ].join('\n');
    const findings = collection(text);
    expect(findings.map((f) => [f.name, f.messageId, f.data.how, f.data.context, f.skipReason ?? 'rewrite'])).toEqual([
      ['items', 'unbounded', 'unshift()', '', 'items is not rewritten: it uses Array#unshift, which RingBuffer does not provide'],
      ['byLevel', 'unbounded', 'nested push()', '', 'byLevel is not rewritten: its values grow, not its entries; bound the values where they are created'],
      ['seen', 'unboundedLocal', 'push()', 'for (;;) loop', 'rewrite'],
    ]);
  });
});
