/**
 * The shared analysis of bounded: the single place that decides whether code is a finding and what its
 * bounded rewrite is. The ESLint rules report these findings; the codemod transforms apply their
 * rewrites. Exported as `eslint-plugin-bounded/analysis`.
 */
import { analyze } from '@typescript-eslint/scope-manager';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';

import { analyzeCollections, type CollectionOptions } from './collections/index.js';
import type { AnalysisContext } from './context.js';
import { mayHaveFindings } from './listeners/from-eslint.js';
import { analyzeListeners, type LeakedListenerOptions, type ListenerOptions } from './listeners/index.js';
import type { Finding, RuleName } from './types.js';

export type { AnalysisContext } from './context.js';
export type { Finding, Range, Rewrite, RuleName, TextEdit, TransformName } from './types.js';
export { analyzeCollections, analyzeListeners };
export { fileStyle, importEdit, isCommonJs } from './shared/style.js';
export type { FileStyle as AnalysisFileStyle } from './shared/style.js';

/** Options of every rule, by rule name (each as the rule's single options object). */
export type AnalysisOptions = Partial<Record<RuleName, Record<string, unknown>>>;

/** Thrown by {@link parseSource} when the text does not parse; carries the 1-based position. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly filename: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${filename}:${line}:${column}: ${message}`);
    this.name = 'ParseError';
  }
}

/**
 * Parses one file the way `@typescript-eslint/parser` does for ESLint (same TSESTree, same scope
 * manager), so the codemod sees exactly the findings the rules report. JSX is enabled for `.tsx`,
 * `.jsx`, `.js`, `.mjs` and `.cjs`.
 *
 * Four settings differ from the parser's ESLint defaults because the analysis never reads what
 * they produce, and together they cut the cost of a call by about a third (bench/codemod.ts,
 * docs/codemods/evaluation.md):
 * - `tokens: false`: the analysis reads nodes, comments and text, never `ast.tokens` (which is then
 *   absent);
 * - comments on demand: `ast.comments` is computed on first read (see {@link lazyComments});
 * - `jsDocParsingMode: 'none'`: TypeScript's JSDoc nodes never reach the TSESTree (comments still do);
 * - scope-manager `lib: []`: no implicit variables for the ES library globals (`Map`, `Promise`, ...).
 *   Such a variable has no `defs`, and the analysis treats "no variable" and "a variable without
 *   defs" alike (an undeclared global), so its findings do not change; tests/parity/fast-analysis.test.ts
 *   asserts that on every fixture and rule test case.
 * @throws {ParseError} when the text is not valid TypeScript/JavaScript.
 */
export function parseSource(text: string, filename: string): AnalysisContext {
  const jsx = /\.(?:tsx|jsx|js|mjs|cjs)$/i.test(filename);
  let ast;
  try {
    ast = parse(text, { range: true, loc: true, comment: false, tokens: false, jsDocParsingMode: 'none', jsx, filePath: filename });
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    throw new ParseError(e.message ?? String(error), filename, e.lineNumber ?? 1, (e.column ?? 0) + 1);
  }
  lazyComments(ast, text, jsx, filename);
  const scopeManager = analyze(ast, { sourceType: 'module', jsxPragma: jsx ? 'React' : null, lib: [] });
  return { ast, scopeManager, text, filename };
}

/**
 * Makes `ast.comments` a lazy, non-enumerable property: typescript-estree finds comments by scanning
 * the whole file a second time, yet only a rewrite reads them (to place an inserted constant above a
 * statement's leading comments), so most files never need them. The first read parses the text again
 * with `comment: true` and keeps that parse's comments: the same array `parse` would have returned.
 */
function lazyComments(ast: TSESTree.Program, text: string, jsx: boolean, filename: string): void {
  let comments: TSESTree.Comment[] | undefined;
  Object.defineProperty(ast, 'comments', {
    configurable: true,
    enumerable: false,
    get(): TSESTree.Comment[] {
      comments ??= parse(text, { range: true, loc: true, comment: true, tokens: false, jsDocParsingMode: 'none', jsx, filePath: filename }).comments;
      return comments;
    },
    set(value: TSESTree.Comment[]) {
      comments = value;
    },
  });
}

/**
 * Whether the text may hold a finding of the listener family (no-leaked-listener, no-leaked-interval):
 * the rules' own text pre-check ({@link mayHaveFindings}) for either rule, so the codemod skips exactly
 * the files the rules skip. A registration needs a registration method name (`on`, `once`,
 * `addListener`, `addEventListener`, `subscribe`, ... and the rule's `addMethods`) or `observe` after
 * `.`, `?.` or `[`; an interval needs `setInterval`; any `\u` escape answers true.
 * Conservative by construction (false only when no finding is possible); tests/parity/fast-analysis.test.ts
 * checks it against the full analysis on every fixture and rule test case. O(text length).
 */
export function mayHaveListenerFindings(text: string, options: AnalysisOptions = {}): boolean {
  return (
    mayHaveFindings(text, 'listener', options['no-leaked-listener'] as LeakedListenerOptions | undefined) ||
    mayHaveFindings(text, 'interval', options['no-leaked-interval'] as LeakedListenerOptions | undefined)
  );
}

/**
 * Every finding of every rule in one parsed file, sorted by position. The listener family is skipped
 * when {@link mayHaveListenerFindings} proves the text has none (most files: it saves its model pass).
 */
export function analyzeContext(context: AnalysisContext, options: AnalysisOptions = {}): Finding[] {
  const findings = [
    ...analyzeCollections(context, options as CollectionOptions),
    ...(mayHaveListenerFindings(context.text, options) ? analyzeListeners(context, options as ListenerOptions) : []),
  ];
  return findings.sort((a, b) => a.range[0] - b.range[0] || a.rule.localeCompare(b.rule));
}

/**
 * Every finding of every rule in one file's text (what the codemod uses).
 * @throws {ParseError} when the text does not parse.
 */
export function analyzeSource(text: string, filename: string, options: AnalysisOptions = {}): Finding[] {
  return analyzeContext(parseSource(text, filename), options);
}
