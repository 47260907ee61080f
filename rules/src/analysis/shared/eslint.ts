/**
 * The bridge from an ESLint rule to the shared analysis: the {@link AnalysisContext} of the file being
 * linted (built once per `SourceCode`), and the suggestion fixer that applies a finding's rewrite plus
 * the `import { ... } from 'bounded'` it needs, so the suggestion produces exactly the codemod's text.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';
import type { Rewrite } from '../types.js';
import { importEdit } from './style.js';

const contexts = new WeakMap<TSESTree.Program, AnalysisContext>();

/**
 * The analysis context of the file a rule is linting: its AST, scope manager and text, plus type
 * information when the parser has a program (`parserServices.program`). Cached per AST, so every rule
 * of the plugin gets the same object (and the analyses' per-AST caches hit).
 */
export function analysisContextOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): AnalysisContext {
  const sourceCode = context.sourceCode;
  const ast = sourceCode.ast;
  let result = contexts.get(ast);
  if (!result) {
    const services = sourceCode.parserServices as
      | { program?: import('typescript').Program | null; esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): import('typescript').Node | undefined } }
      | undefined;
    result = {
      ast,
      scopeManager: sourceCode.scopeManager!,
      text: sourceCode.text,
      filename: context.filename,
      cwd: context.cwd,
      ...(services?.program && services.esTreeNodeToTSNodeMap
        ? { types: { program: services.program, esTreeNodeToTSNodeMap: services.esTreeNodeToTSNodeMap } }
        : {}),
    };
    contexts.set(ast, result);
  }
  return result;
}

/**
 * The fixes of a suggestion applying `rewrite`: the import of `rewrite.imports` first (so at offset 0
 * it precedes an inserted constant), then its edits.
 */
export function rewriteFixes(fixer: TSESLint.RuleFixer, ast: TSESTree.Program, text: string, rewrite: Rewrite): TSESLint.RuleFix[] {
  const fixes: TSESLint.RuleFix[] = [];
  const imported = importEdit(ast, text, rewrite.imports);
  if (imported) fixes.push(fixer.replaceTextRange([imported.range[0], imported.range[1]], imported.text));
  for (const edit of rewrite.edits) fixes.push(fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
  return fixes;
}
