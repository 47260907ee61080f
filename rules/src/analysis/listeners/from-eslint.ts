/**
 * Glue for the ESLint front end: the {@link AnalysisContext} of a rule's `context.sourceCode`, built
 * once per AST (WeakMap) so both listener rules share it and the model cached on the same AST.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';

const contexts = new WeakMap<TSESTree.Program, AnalysisContext>();

/** The analysis context of the file a rule is linting; type information only when `parserServices.program` exists. */
export function analysisContextOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): AnalysisContext {
  const sourceCode = context.sourceCode;
  let ctx = contexts.get(sourceCode.ast);
  if (ctx) return ctx;
  const services = sourceCode.parserServices as Partial<TSESLint.SourceCode['parserServices']> | undefined;
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  ctx = {
    ast: sourceCode.ast,
    scopeManager: sourceCode.scopeManager as TSESLint.Scope.ScopeManager,
    text: sourceCode.text,
    filename: context.filename,
    ...(program && map ? { types: { program, esTreeNodeToTSNodeMap: map as unknown as NonNullable<AnalysisContext['types']>['esTreeNodeToTSNodeMap'] } } : {}),
  };
  contexts.set(sourceCode.ast, ctx);
  return ctx;
}
