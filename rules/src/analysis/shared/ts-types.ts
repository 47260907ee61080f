/**
 * Type information helpers shared by both analysis families (used only when the caller has a program).
 * `TypeFlags` are read from the installed compiler: their numeric values changed between TypeScript 5
 * and 6 (`String` is 4 in 5.x and 32 in 6.0), so they must not be written as literals. TypeScript is
 * already loaded by the parser, so importing it costs nothing extra.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import type { AnalysisContext } from '../context.js';

export const TypeFlags: typeof ts.TypeFlags = ts.TypeFlags;

/** Flags of the types that have finitely many values: literals, enums, booleans, `undefined`, `null`, unique symbols. */
export const FINITE_TYPE_FLAGS: number =
  TypeFlags.Boolean |
  TypeFlags.Enum |
  TypeFlags.StringLiteral |
  TypeFlags.NumberLiteral |
  TypeFlags.BooleanLiteral |
  TypeFlags.EnumLiteral |
  TypeFlags.BigIntLiteral |
  TypeFlags.UniqueESSymbol |
  TypeFlags.Undefined |
  TypeFlags.Null;

/**
 * The checker's type of an ESTree node, or undefined when the node has no TypeScript counterpart or
 * the checker throws on it (a syntax the program's TypeScript does not know): callers then fall back
 * to their syntactic verdict.
 */
export function typeAt(types: NonNullable<AnalysisContext['types']>, node: TSESTree.Node): ts.Type | undefined {
  const tsNode = types.esTreeNodeToTSNodeMap.get(node);
  if (!tsNode) return undefined;
  try {
    return types.program.getTypeChecker().getTypeAtLocation(tsNode);
  } catch {
    return undefined;
  }
}
