/**
 * The single AST pass of an analysis family: visits every node once (pre-order, TSESTree visitor keys)
 * and sets `parent` pointers on the way, so trees from `parseSource` (which has none) and ESLint's tree
 * (which has them) look the same to the helpers in `ast.ts`. O(nodes).
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';

/** Calls `enter(node)` for every node of `root`, parents first; `node.parent` is set before the call. */
export function walk(root: TSESTree.Node, enter: (node: TSESTree.Node) => void): void {
  simpleTraverse(root as never, { enter: enter as never }, true);
}
