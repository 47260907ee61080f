// The edit engine of bounded-codemod: applying text edits byte-exactly and adding/merging the runtime
// import in the file's style. Findings here are hand-made edit lists (no detection): what the shared
// analysis returns is covered by the fixture pairs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseSource, type Finding } from 'eslint-plugin-bounded/analysis';
import { applyEdits, detectStyle, importEditFor, isVisible, parseDuration, pickNonOverlapping, rewriteText } from 'bounded-codemod';
import { describe, expect, it } from 'vitest';

import { FIXTURES } from './helpers.js';

function withImport(text: string, names: string[], filename = 'file.ts'): string {
  const { ast } = parseSource(text, filename);
  const edit = importEditFor(ast, text, names);
  return edit ? applyEdits(text, [edit]) : text;
}

function finding(edits: [number, number, string][]): Finding {
  return {
    rule: 'no-unbounded-collection',
    messageId: 'm',
    data: {},
    range: [edits[0]![0], edits[0]![1]],
    name: 'x',
    sites: [],
    rewrite: { transform: 'ring-buffer', description: 'd', imports: [], edits: edits.map(([s, e, text]) => ({ range: [s, e], text })) },
  };
}

describe('applyEdits', () => {
  it('keeps text outside the edits byte for byte, in any edit order', () => {
    const text = 'a  b\r\n\tc // d';
    expect(applyEdits(text, [{ range: [7, 8], text: 'C' }, { range: [0, 1], text: 'A' }])).toBe('A  b\r\n\tC // d');
  });
  it('keeps the order of insertions at the same offset', () => {
    expect(applyEdits('xy', [{ range: [1, 1], text: '1' }, { range: [1, 1], text: '2' }])).toBe('x12y');
  });
  it('rejects overlapping or out-of-range edits', () => {
    expect(() => applyEdits('abcdef', [{ range: [0, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow(RangeError);
    expect(() => applyEdits('abc', [{ range: [2, 9], text: '' }])).toThrow(RangeError);
  });
});

describe('pickNonOverlapping', () => {
  it('defers a finding whose edits overlap an earlier one, keeps disjoint ones and same-offset insertions', () => {
    const a = finding([[0, 5, 'A']]);
    const b = finding([[3, 8, 'B']]);
    const c = finding([[10, 12, 'C'], [0, 0, 'c']]);
    const { accepted } = pickNonOverlapping([a, b, c]);
    expect(accepted).toEqual([a, c]);
  });
  it('applies same-offset insertions of several findings in finding order, each finding\'s own edits in order', () => {
    // Two findings of one class (a cache and a collection) both insert constants before the class.
    const text = 'class X {\n  a = new Map();\n  b = new Set();\n}\n';
    const cache = finding([[0, 0, 'const A_MAX = 1;\n'], [0, 0, 'const A_TTL_MS = 2;\n'], [16, 25, 'new TtlMap()']]);
    const collection = finding([[0, 0, 'const B_MAX = 3;\n'], [33, 42, 'new TtlSet()']]);
    const apply = (findings: Finding[]): string => applyEdits(text, pickNonOverlapping(findings).edits);
    expect(apply([cache, collection])).toBe(
      'const A_MAX = 1;\nconst A_TTL_MS = 2;\nconst B_MAX = 3;\nclass X {\n  a = new TtlMap();\n  b = new TtlSet();\n}\n',
    );
    // Deterministic: the order is the findings' order (the analysis sorts them by declaration), nothing else.
    expect(apply([collection, cache])).toBe(
      'const B_MAX = 3;\nconst A_MAX = 1;\nconst A_TTL_MS = 2;\nclass X {\n  a = new TtlMap();\n  b = new TtlSet();\n}\n',
    );
    expect(apply([cache, collection])).toBe(apply([cache, collection]));
  });
  it('never applies a rewrite whose own edits overlap', () => {
    expect(pickNonOverlapping([finding([[0, 5, 'A'], [2, 3, 'B']])]).accepted).toEqual([]);
  });
});

describe('importEditFor', () => {
  it('adds an import after the last import, in the file quote and semicolon style', () => {
    expect(withImport(`import a from "a"\nimport { b } from "b"\n\nclass X {}\n`, ['RingBuffer'])).toBe(
      `import a from "a"\nimport { b } from "b"\nimport { RingBuffer } from "bounded"\n\nclass X {}\n`,
    );
    expect(withImport(`import a from 'a';\n\nconst x = 1;\n`, ['RingBuffer', 'TtlMap'])).toBe(
      `import a from 'a';\nimport { RingBuffer, TtlMap } from 'bounded';\n\nconst x = 1;\n`,
    );
  });
  it('merges into an existing value import of bounded without repeating names', () => {
    expect(withImport(`import { TtlMap } from 'bounded';\nconst x = 1;\n`, ['TtlMap', 'RingBuffer'])).toBe(
      `import { TtlMap, RingBuffer } from 'bounded';\nconst x = 1;\n`,
    );
    expect(withImport(`import { TtlMap } from 'bounded';\n`, ['TtlMap'])).toBe(`import { TtlMap } from 'bounded';\n`);
  });
  it('converts a type-only import of a wanted name (a second TtlMap binding would not compile)', () => {
    expect(withImport(`import type { TtlMap } from 'bounded';\n`, ['TtlMap'])).toBe(`import { TtlMap } from 'bounded';\n`);
    // Other names of the converted import stay type-only; missing names are merged into it.
    expect(withImport(`import type { TtlMap, TtlMapOptions } from 'bounded';\n`, ['TtlMap', 'RingBuffer'])).toBe(
      `import { TtlMap, type TtlMapOptions, RingBuffer } from 'bounded';\n`,
    );
    // An inline `type` specifier in a value import loses its `type`.
    expect(withImport(`import { type TtlMap, RingBuffer } from 'bounded';\n`, ['TtlMap'])).toBe(
      `import { TtlMap, RingBuffer } from 'bounded';\n`,
    );
    // With a value import next to the type-only one: the type-only one is converted, the rest merged
    // into the value import (one edit spanning both declarations).
    expect(withImport(`import { RingBuffer } from 'bounded';\nimport type { TtlMap } from 'bounded';\n`, ['TtlMap', 'TtlSet'])).toBe(
      `import { RingBuffer, TtlSet } from 'bounded';\nimport { TtlMap } from 'bounded';\n`,
    );
    // A type import under another local name does not make the value available and does not clash.
    expect(withImport(`import type { TtlMap as Cache } from 'bounded';\n`, ['TtlMap'])).toBe(
      `import type { TtlMap as Cache } from 'bounded';\nimport { TtlMap } from 'bounded';\n`,
    );
  });
  it('goes at the top without imports (after a hashbang), as the ESLint suggestion does', () => {
    expect(withImport(`/** Doc. */\nclass X {\n  a = 1;\n}\n`, ['RingBuffer'])).toBe(
      `import { RingBuffer } from 'bounded';\n/** Doc. */\nclass X {\n  a = 1;\n}\n`,
    );
    expect(withImport(`#!/usr/bin/env node\nconst x = 1\n`, ['RingBuffer'], 'cli.js')).toBe(
      `#!/usr/bin/env node\nimport { RingBuffer } from 'bounded'\nconst x = 1\n`,
    );
  });
  it('goes after the directive prologue when the file has no imports', () => {
    expect(withImport(`'use client';\n'use strict';\n\nexport const x = 1;\n`, ['TtlMap'], 'file.tsx')).toBe(
      `'use client';\n'use strict';\nimport { TtlMap } from 'bounded';\n\nexport const x = 1;\n`,
    );
    expect(withImport(`#!/usr/bin/env node\n"use strict"\nconst x = 1\n`, ['RingBuffer'], 'cli.js')).toBe(
      `#!/usr/bin/env node\n"use strict"\nimport { RingBuffer } from 'bounded'\nconst x = 1\n`,
    );
  });
  it('keeps directives first and CRLF line endings', () => {
    expect(withImport(`'use client'\r\nconst x = require("s")\r\n`, ['RingBuffer'], 'file.js')).toBe(
      `'use client'\r\nimport { RingBuffer } from "bounded"\r\nconst x = require("s")\r\n`,
    );
  });
});

describe('detectStyle', () => {
  it('reads quotes, semicolons (majority, class fields included) and line endings', () => {
    const text = `import a from "a";\r\n`;
    expect(detectStyle(parseSource(text, 'f.ts').ast, text)).toEqual({ quote: '"', semicolon: true, eol: '\r\n' });
    const asi = `const a = 1\nclass X {\n  b = 2\n  c = 3;\n}\n`;
    expect(detectStyle(parseSource(asi, 'f.ts').ast, asi)).toEqual({ quote: "'", semicolon: false, eol: '\n' });
  });
});

describe('parseDuration', () => {
  it('accepts ms and ms-package durations, rejects the rest', () => {
    expect(parseDuration('600000')).toBe(600_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration(250)).toBe(250);
    expect(() => parseDuration('soon')).toThrow(RangeError);
    expect(() => parseDuration('0')).toThrow(RangeError);
  });
});

describe('isVisible', () => {
  const text = [
    'class A {',
    '  pub: string[] = [];',
    '  private priv: string[] = [];',
    '  #hash: string[] = [];',
    '  protected prot: string[] = [];',
    '}',
    'export const exported: string[] = [];',
    'const later: string[] = [];',
    'const hidden: string[] = [];',
    'function f() { const local: string[] = []; return local; }',
    'export { later };',
  ].join('\n');
  const { ast } = parseSource(text, 'v.ts');
  const at = (needle: string): Finding => ({ ...finding([[text.indexOf(needle), text.indexOf(needle) + 1, '']]) });
  it.each([
    ['pub', true],
    ['private priv', false],
    ['#hash', false],
    ['protected prot', true],
    ['exported', true],
    ['later:', true],
    ['hidden', false],
    ['local', false],
  ])('%s → %s', (needle, expected) => {
    expect(isVisible(ast, at(needle))).toBe(expected);
  });
});

describe('rewriteText with a byte order mark', () => {
  it('keeps the BOM first and everything else byte-identical', () => {
    const input = readFileSync(join(FIXTURES, 'ring-buffer/no-imports-jsdoc.input.ts'), 'utf8');
    const output = readFileSync(join(FIXTURES, 'ring-buffer/no-imports-jsdoc.output.ts'), 'utf8');
    expect(rewriteText(`\ufeff${input}`, 'bom.ts', { transforms: ['ring-buffer'] }).output).toBe(`\ufeff${output}`);
    const clean = '\ufeffexport const a = 1;\n';
    expect(rewriteText(clean, 'clean.ts', { transforms: ['ring-buffer'] }).output).toBe(clean);
  });
});

describe('CommonJS files', () => {
  const body = "class Log {\n  constructor() {\n    this.lines = [];\n  }\n  add(line) {\n    this.lines.push(line);\n  }\n}\n";

  it('skip rewrites that need the runtime import, with the require() to add as the reason', () => {
    const input = `'use strict';\n${body}module.exports = { Log };\n`;
    const result = rewriteText(input, 'log.js', { transforms: ['ring-buffer'] });
    expect(result.output).toBe(input);
    expect(result.applied).toEqual([]);
    expect(result.skipped.map((s) => s.message)).toEqual([
      "CommonJS file: the rewrite needs the runtime (RingBuffer); add `const { RingBuffer } = require('bounded')` (Node >= 20.19) and apply it by hand",
    ]);
    expect(rewriteText(body, 'log.cjs', { transforms: ['ring-buffer'] }).output).toBe(body);
  });

  it('still rewrite ES modules and TypeScript files', () => {
    const esm = `${body}export { Log };\n`;
    expect(rewriteText(esm, 'log.js', { transforms: ['ring-buffer'] }).output).toContain("import { RingBuffer } from 'bounded'");
    expect(rewriteText(esm, 'log.mjs', { transforms: ['ring-buffer'] }).applied).toHaveLength(1);
  });
});

describe('bounds (--capacity, --max, --ttl) replace the value of every constant a rewrite introduces', () => {
  it('including the numbered constants added when a name is already taken', () => {
    const input = [
      'const EVENTS_CAPACITY = 5;',
      'const SESSIONS_MAX = 7;',
      'export class A {',
      '  private events: string[] = [];',
      '  private sessions = new Map<string, number>();',
      '  add(e: string): void {',
      '    this.events.push(e);',
      '    this.sessions.set(e, 1);',
      '  }',
      '}',
      '',
    ].join('\n');
    const { output, applied } = rewriteText(input, 'a.ts', { transforms: ['ring-buffer', 'ttl-map'], bounds: { capacity: 50, max: 60 } });
    expect(applied).toHaveLength(2);
    expect(output).toMatch(/^const EVENTS_CAPACITY_2 = 50;$/m);
    expect(output).toMatch(/^const SESSIONS_MAX_2 = 60;$/m);
    // The user's own constants are not touched.
    expect(output).toMatch(/^const EVENTS_CAPACITY = 5;$/m);
    expect(output).toMatch(/^const SESSIONS_MAX = 7;$/m);
  });
});
