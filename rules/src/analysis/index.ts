/**
 * The shared analysis of bounded: the single place that decides whether code is a finding and what its
 * bounded rewrite is. The ESLint rules report these findings; the codemod transforms apply their
 * rewrites. Exported as `eslint-plugin-bounded/analysis`.
 */
import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';

import { analyzeCollections, type CollectionOptions } from './collections/index.js';
import type { AnalysisContext } from './context.js';
import { analyzeListeners, type ListenerOptions } from './listeners/index.js';
import type { Finding, RuleName } from './types.js';

export type { AnalysisContext } from './context.js';
export type { Finding, Range, Rewrite, RuleName, TextEdit, TransformName } from './types.js';
export { analyzeCollections, analyzeListeners };

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
 * @throws {ParseError} when the text is not valid TypeScript/JavaScript.
 */
export function parseSource(text: string, filename: string): AnalysisContext {
  const jsx = /\.(?:tsx|jsx|js|mjs|cjs)$/i.test(filename);
  let ast;
  try {
    ast = parse(text, { range: true, loc: true, comment: true, tokens: true, jsx, filePath: filename });
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    throw new ParseError(e.message ?? String(error), filename, e.lineNumber ?? 1, (e.column ?? 0) + 1);
  }
  const scopeManager = analyze(ast, { sourceType: 'module', jsxPragma: jsx ? 'React' : null });
  return { ast, scopeManager, text, filename };
}

/** Every finding of every rule in one parsed file, sorted by position. */
export function analyzeContext(context: AnalysisContext, options: AnalysisOptions = {}): Finding[] {
  const findings = [
    ...analyzeCollections(context, options as CollectionOptions),
    ...analyzeListeners(context, options as ListenerOptions),
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
