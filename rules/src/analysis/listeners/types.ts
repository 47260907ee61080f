/**
 * Optional type information: when the caller has a program, recognise EventEmitter / EventTarget /
 * Observable targets and AbortSignals by the members of their type. Never required: every caller
 * falls back to the syntactic verdict when the type is unknown (`any`, error, missing program).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import type { AnalysisContext } from '../context.js';
import { typeAt, TypeFlags } from '../shared/ts-types.js';

export interface TypeFacts {
  /** The type is known (not any/unknown/error). */
  readonly known: boolean;
  /** Has a listener API with a removal: off/removeListener/removeEventListener/unsubscribe/subscribe/disconnect. */
  readonly listenerApi: boolean;
  /** Is an AbortSignal (or has its shape: `aborted` + `addEventListener`). */
  readonly abortSignal: boolean;
}

const LISTENER_MEMBERS = ['off', 'removeListener', 'removeEventListener', 'subscribe', 'unsubscribe', 'disconnect', 'removeAllListeners'];

/** Facts about the type of `node`; O(members looked up). */
export function typeFacts(types: NonNullable<AnalysisContext['types']>, node: TSESTree.Node): TypeFacts {
  const type = typeAt(types, node);
  if (!type) return { known: false, listenerApi: false, abortSignal: false };
  // any | unknown | union/intersection/type parameters are left to the syntactic verdict
  const flags = type.getFlags();
  if (flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter) || type.isUnion() || type.isIntersection()) {
    return { known: false, listenerApi: false, abortSignal: false };
  }
  // a class or interface that extends a type the program cannot resolve (`interface PortRef extends
  // EventEmitter<Events>` without the package installed: automerge-repo's message channel adapter) has
  // members the checker does not list, its removal API among them
  if (extendsUnresolved(types, type)) return { known: false, listenerApi: false, abortSignal: false };
  const has = (name: string): boolean => type.getProperty(name) !== undefined;
  const symbolName = (type.getSymbol() ?? type.aliasSymbol)?.getName();
  const abortSignal = symbolName === 'AbortSignal' || (has('aborted') && has('addEventListener') && has('reason'));
  const listenerApi = LISTENER_MEMBERS.some(has);
  return { known: true, listenerApi, abortSignal };
}

/**
 * Whether a declaration of the type's class or interface (or of one it extends, three levels deep)
 * names a base type that resolves to the checker's error type. O(declarations × heritage clauses).
 */
function extendsUnresolved(types: NonNullable<AnalysisContext['types']>, type: ts.Type, depth = 0): boolean {
  if (depth > 3) return false;
  const checker = types.program.getTypeChecker();
  for (const declaration of type.getSymbol()?.getDeclarations() ?? []) {
    if (!ts.isClassLike(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
    for (const clause of declaration.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      for (const base of clause.types) {
        let baseType: ts.Type;
        try {
          baseType = checker.getTypeAtLocation(base);
        } catch {
          return true;
        }
        if (baseType.getFlags() & TypeFlags.Any || extendsUnresolved(types, baseType, depth + 1)) return true;
      }
    }
  }
  return false;
}
