import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * What every analysis family gets: the TSESTree of one file, its scope manager and text, and type
 * information only when the caller has it (ESLint `parserServices.program`, or a ts-morph project).
 * Type information may sharpen a verdict, never change the meaning of a rule.
 */
export interface AnalysisContext {
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly text: string;
  readonly filename: string;
  /**
   * The working directory the path patterns are read relative to (ESLint's `cwd`, the codemod's
   * `process.cwd()`): a test or vendored folder above it does not count.
   */
  readonly cwd?: string;
  /** Present only when the caller has a type-checked program for this file. */
  readonly types?: {
    readonly program: ts.Program;
    readonly esTreeNodeToTSNodeMap: { get(node: TSESTree.Node): ts.Node | undefined };
  };
}
