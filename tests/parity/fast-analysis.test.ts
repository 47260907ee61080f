// The codemod's fast path through the analysis (rules/src/analysis/index.ts) must find exactly what the
// slow, ESLint-shaped path finds. Two shortcuts are checked on every input the tests hold — every
// fixture file under tests/ and every code string of every test file (RuleTester cases, inline
// sources), with the options of the cases that carry literal ones:
// - parseSource's settings (no tokens, no JSDoc, comments on demand, scope-manager `lib: []`) against
//   a parse with @typescript-eslint/parser's ESLint defaults (tokens, comments, `lib: ['esnext']`);
// - the text pre-check `mayHaveListenerFindings`: it may only answer false for a text on which the
//   full listener analysis finds nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { analyze } from '@typescript-eslint/scope-manager';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import {
  analyzeCollections,
  analyzeListeners,
  analyzeSource,
  mayHaveListenerFindings,
  parseSource,
  type AnalysisContext,
  type AnalysisOptions,
  type Finding,
} from 'eslint-plugin-bounded/analysis';
import { describe, expect, it } from 'vitest';

import { ROOT } from '../codemods/helpers.js';

const TESTS = join(ROOT, 'tests');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A literal value (strings, numbers, booleans, arrays, objects), or undefined when not literal. */
function literal(node: TSESTree.Node | null | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis[0]!.value.cooked : undefined;
    case 'ArrayExpression': {
      const out = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? literal(e) : undefined));
      return out.every((v) => v !== undefined) ? out : undefined;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.computed) return undefined;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
        const value = literal(p.value as TSESTree.Node);
        if (key === undefined || value === undefined) return undefined;
        out[key] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

interface Input {
  readonly origin: string;
  readonly text: string;
  readonly options: AnalysisOptions;
}

/** Every code string of a test file; a `{ code, options: [{...}] }` case gets its options for every rule. */
function inputsOf(path: string): Input[] {
  const source = readFileSync(path, 'utf8');
  const ast = parse(source, { range: true, loc: true, jsx: path.endsWith('x') });
  const out: Input[] = [];
  const visit = (node: unknown, withOptions: AnalysisOptions): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, withOptions);
      return;
    }
    const n = node as TSESTree.Node;
    let options = withOptions;
    if (n.type === 'ObjectExpression') {
      const opts = n.properties.find((p): p is TSESTree.Property => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'options');
      const value = opts ? literal(opts.value) : undefined;
      const first = Array.isArray(value) ? value[0] : undefined;
      if (first && typeof first === 'object') {
        const ruleOptions = first as Record<string, unknown>;
        options = {
          'no-unbounded-collection': ruleOptions,
          'no-unbounded-cache': ruleOptions,
          'no-unbounded-string': ruleOptions,
          'no-leaked-listener': ruleOptions,
          'no-leaked-interval': ruleOptions,
        };
      }
    }
    if ((n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral') {
      const text = literal(n);
      if (typeof text === 'string' && text.length >= 12) out.push({ origin: `${relative(ROOT, path)}:${n.loc.start.line}`, text, options });
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      visit((n as unknown as Record<string, unknown>)[key], options);
    }
  };
  visit(ast.body, {});
  return out;
}

/** The ESLint-shaped context: @typescript-eslint/parser's defaults (tokens, comments, default lib). */
function eslintShapedContext(text: string, filename: string): AnalysisContext {
  const jsx = filename.endsWith('x');
  const ast = parse(text, { range: true, loc: true, comment: true, tokens: true, jsx, filePath: filename });
  return { ast, scopeManager: analyze(ast, { sourceType: 'module', jsxPragma: jsx ? 'React' : null }), text, filename };
}

function full(context: AnalysisContext, options: AnalysisOptions): Finding[] {
  return [...analyzeCollections(context, options as never), ...analyzeListeners(context, options as never)].sort(
    (a, b) => a.range[0] - b.range[0] || a.rule.localeCompare(b.rule),
  );
}

const corpus: Input[] = [];
for (const path of files(TESTS)) {
  if (/\.(?:test|spec)\.tsx?$/.test(path)) corpus.push(...inputsOf(path));
  else if (/\.[cm]?[jt]sx?$/.test(path) && !path.endsWith('setup.ts')) corpus.push({ origin: relative(ROOT, path), text: readFileSync(path, 'utf8'), options: {} });
}

/** Inputs that parse (as .ts, else .tsx), under a path outside any test folder (test files are exempt). */
const parsed = corpus.flatMap((input) => {
  for (const filename of ['/virtual/src/input.ts', '/virtual/src/input.tsx']) {
    try {
      parseSource(input.text, filename);
      return [{ ...input, filename }];
    } catch {
      // not code, or needs the other grammar
    }
  }
  return [];
});

describe('fast analysis path ⇔ full analysis', () => {
  it('has a corpus with findings of both families', () => {
    expect(parsed.length).toBeGreaterThan(300);
    const rules = new Set(parsed.flatMap((i) => analyzeSource(i.text, i.filename, i.options).map((f) => f.rule)));
    expect([...rules].sort()).toEqual(['no-leaked-interval', 'no-leaked-listener', 'no-unbounded-cache', 'no-unbounded-collection', 'no-unbounded-string']);
  });

  it('parseSource (no tokens, lazy comments, lib []) finds what the ESLint-shaped parse finds', () => {
    const differ: string[] = [];
    for (const input of parsed) {
      const fast = analyzeSource(input.text, input.filename, input.options);
      const slow = full(eslintShapedContext(input.text, input.filename), input.options);
      if (JSON.stringify(fast) !== JSON.stringify(slow)) differ.push(input.origin);
    }
    expect(differ).toEqual([]);
  });

  it('the listener pre-check never drops a file with a listener or interval finding', () => {
    const lost: string[] = [];
    let skipped = 0;
    let withListenerFindings = 0;
    for (const input of parsed) {
      const listenerFindings = analyzeListeners(parseSource(input.text, input.filename), input.options as never);
      const may = mayHaveListenerFindings(input.text, input.options);
      if (listenerFindings.length > 0) withListenerFindings++;
      if (!may) skipped++;
      if (listenerFindings.length > 0 && !may) lost.push(input.origin);
    }
    expect(lost).toEqual([]);
    // The check is not vacuous: it sees findings, and it does skip inputs.
    expect(withListenerFindings).toBeGreaterThan(20);
    expect(skipped).toBeGreaterThan(20);
  });

  it('the pre-check answers true for registrations written in any form', () => {
    expect(mayHaveListenerFindings('emitter.on("data", f)')).toBe(true);
    expect(mayHaveListenerFindings("emitter['once']('data', f)")).toBe(true);
    expect(mayHaveListenerFindings('const t = setInterval(tick, 10)')).toBe(true);
    expect(mayHaveListenerFindings('bus.o\\u006e("x", f)')).toBe(true);
    expect(mayHaveListenerFindings('bus.enqueue("x", f)', { 'no-leaked-listener': { addMethods: ['enqueue'] } })).toBe(true);
    expect(mayHaveListenerFindings('bus.enqueue("x", f); const session = 1')).toBe(false);
  });
});
