/**
 * The single AST pass of an analysis family: visits every node once (pre-order, TSESTree visitor keys)
 * and sets `parent` pointers on the way, so trees from `parseSource` (which has none) and ESLint's tree
 * (which has them) look the same to the helpers in `ast.ts`. O(nodes).
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Calls `enter(node)` for every node of `root`, parents first; `node.parent` is set before the call.
 * `root` may be a subtree (a class body, a function body): simpleTraverse sets the start node's parent
 * to `undefined`, so its own parent is put back before `enter` sees it and the tree stays whole.
 */
export function walk(root: TSESTree.Node, enter: (node: TSESTree.Node) => void): void {
  const parent = root.parent;
  if (!parent) {
    simpleTraverse(root as never, { enter: enter as never }, true);
    return;
  }
  const visit = (node: TSESTree.Node): void => {
    if (node === root) (root as { parent?: TSESTree.Node }).parent = parent;
    enter(node);
  };
  simpleTraverse(root as never, { enter: visit as never }, true);
}
