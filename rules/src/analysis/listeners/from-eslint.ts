/**
 * Glue for the ESLint front end: the {@link AnalysisContext} of a rule's `context.sourceCode`, built
 * once per AST (WeakMap) so both listener rules share it and the model cached on the same AST.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';
import { type LeakedListenerOptions, listenerModelFeeder } from './index.js';
import { HANDLED_NODE_TYPES, STATEFUL_NODE_TYPES } from './model.js';

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

/**
 * The rule listeners of a listener-family rule: when this rule is the first of the family on the
 * file, it feeds the shared model from ESLint's own traversal (enter/exit of the handled node types);
 * at `Program:exit` it calls `done` with the file's analysis context. One traversal, one model, for
 * both rules.
 */
export function listenerRuleListeners(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  listenerOptions: LeakedListenerOptions | undefined,
  done: (analysisContext: AnalysisContext) => void,
): TSESLint.RuleListener {
  const analysisContext = analysisContextOf(context);
  const builder = listenerModelFeeder(analysisContext, listenerOptions);
  const listeners: Record<string, (node: TSESTree.Node) => void> = {};
  if (builder) {
    const enter = (node: TSESTree.Node): void => builder.enter(node, node.parent ?? null);
    const exit = (): void => builder.exit();
    for (const type of HANDLED_NODE_TYPES) listeners[type] = enter;
    for (const type of STATEFUL_NODE_TYPES) listeners[`${type}:exit`] = exit;
  }
  const programExit = listeners['Program:exit'];
  listeners['Program:exit'] = (node) => {
    programExit?.(node);
    done(analysisContext);
  };
  return listeners as TSESLint.RuleListener;
}
