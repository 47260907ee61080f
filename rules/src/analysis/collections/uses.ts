/**
 * Classifies every expression that denotes a collection (and, one level down, its values) as growth,
 * shrink, size guard, escape, return or plain read. This is where "What counts as growth, and what
 * bounds it" (DESIGN.md) is encoded. Each classification looks only at the few ancestors of the
 * expression: O(depth) per reference, no tree walks.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { calleeName, enclosingFunction, isEmptyFallback, lastStatement, memberName, outermost, parameterName, parentOf, unwrap, variableOf } from '../shared/ast.js';
import type { CollectionKind } from './model.js';

type Node = TSESTree.Node;

export type UseKind = 'growth' | 'shrink' | 'guard' | 'escape' | 'return' | 'read' | 'lookup';

export interface Use {
  readonly kind: UseKind;
  /** How, as the message names it: `push`, `set`, `add`, `[k] =`, `+=`, `spread`, `concat`, `delete`, ... */
  readonly how: string;
  /** The node whose position is the site (the call, the assignment). */
  readonly site: Node;
  /** The key expression of `set/add/delete/get/has` and of `x[k]`. */
  readonly key?: Node;
  /** The inserted value of `set(k, v)` / `obj[k] = v`. */
  readonly value?: Node;
  /** True when the use is on a value of the collection (`this.byId.get(k)!.push(x)`). */
  readonly nested?: boolean;
}

/** Method names that add entries (Array push/unshift, Map set, Set add). Extended by `growthMethods`. */
export const DEFAULT_GROWTH: readonly string[] = ['push', 'unshift', 'set', 'add'];

/** Method names that remove entries. `splice` is decided by its arguments. Extended by `shrinkMethods`. */
export const DEFAULT_SHRINK: readonly string[] = ['pop', 'shift', 'delete', 'clear'];

/** Calls that only read their argument: passing a collection to them is not an escape. */
const READER_CALLS = new Set([
  'log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table', 'assert', 'stringify', 'from', 'isArray',
  'keys', 'values', 'entries', 'freeze', 'assign', 'all', 'allSettled', 'race', 'any', 'resolve', 'structuredClone',
  'String', 'Number', 'Boolean', 'includes', 'has', 'indexOf', 'max', 'min', 'concat', 'equal', 'deepEqual',
  'strictEqual', 'deepStrictEqual', 'expect', 'inspect', 'format', 'isEmpty', 'size', 'len', 'count', 'sum',
]);

/** Constructors that copy their argument (`new Map(this.m)`): not an escape. */
const COPY_CONSTRUCTORS = new Set(['Map', 'Set', 'Array', 'Blob', 'Uint8Array', 'Int32Array', 'Float64Array']);

export interface ClassifyOptions {
  readonly growth: ReadonlySet<string>;
  readonly shrink: ReadonlySet<string>;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
}

/** True when `node` (unwrapped) is one of the target's own reference expressions. */
export type IsRef = (node: Node) => boolean;

const RELATIONAL = new Set(['<', '<=', '>', '>=']);

/** The `how` of a read that is an early exit taken while the collection holds anything ({@link nonEmptyExit}). */
export const NON_EMPTY_EXIT = 'non-empty exit';

/**
 * The test a `length`/`size` read stands in, through `!`, TypeScript wrappers and a comparison with a
 * small literal, and what that test holds for: `'non-empty'` for `xs.size` alone, `> 0`, `!== 0`, `!= 0`
 * and `>= 1`; `'empty'` for `!xs.size`, `=== 0`, `== 0`, `<= 0` and `< 1`. Undefined for other
 * comparisons. O(1).
 */
function sizeTest(size: Node): { readonly test: Node; readonly holds: 'empty' | 'non-empty' } | undefined {
  let test: Node = size;
  let up = parentOf(size);
  while (up && (up.type === 'TSNonNullExpression' || up.type === 'TSAsExpression')) {
    test = up;
    up = parentOf(up);
  }
  if (up?.type === 'UnaryExpression' && up.operator === '!') return { test: up, holds: 'empty' };
  if (up?.type !== 'BinaryExpression' || up.left !== test) return { test, holds: 'non-empty' };
  const bound = unwrap(up.right);
  const value = bound.type === 'Literal' ? bound.value : undefined;
  if (((up.operator === '>' || up.operator === '!==' || up.operator === '!=') && value === 0) || (up.operator === '>=' && value === 1)) return { test: up, holds: 'non-empty' };
  if (((up.operator === '===' || up.operator === '==' || up.operator === '<=') && value === 0) || (up.operator === '<' && value === 1)) return { test: up, holds: 'empty' };
  return undefined;
}

/** The `if` statement, without `else`, whose whole test is `test`. */
function ifTestedBy(test: Node): TSESTree.IfStatement | undefined {
  const up = parentOf(test);
  return up?.type === 'IfStatement' && up.test === test && !up.alternate ? up : undefined;
}

/**
 * `if (xs.length) return;` (or `xs.size`, `> 0`, `!== 0`, `!= 0`, `>= 1`; `throw` for `return`; no
 * `else`), with `size` the `length`/`size` member read: the `if` statement, else undefined. A function that
 * starts this way only grows the collection while it is empty (see `filledOnce` in verdict.ts). O(1).
 */
function nonEmptyExit(size: Node): TSESTree.IfStatement | undefined {
  const found = sizeTest(size);
  const statement = found?.holds === 'non-empty' ? ifTestedBy(found.test) : undefined;
  const last = statement && lastStatement(statement.consequent);
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement' ? statement : undefined;
}

/** The `how` of a read that guards a block run only while the collection is empty ({@link emptyGuard}). */
export const EMPTY_GUARD = 'empty guard';

/**
 * `if (xs.size === 0) { ... }` (or `!xs.size`, `xs.length == 0`, `< 1`, `<= 0`; no `else`), with `size`
 * the `length`/`size` member read: the `if` statement, else undefined. Growth in its block fills the
 * collection once, the first time it is found empty (see `filledWhileEmpty` in verdict.ts). O(1).
 */
function emptyGuard(size: Node): TSESTree.IfStatement | undefined {
  const found = sizeTest(size);
  return found?.holds === 'empty' ? ifTestedBy(found.test) : undefined;
}

function isSmallLiteral(node: Node): boolean {
  const value = unwrap(node);
  return value.type === 'Literal' && typeof value.value === 'number' && value.value <= 1;
}

function isEmptyString(node: Node): boolean {
  const value = unwrap(node);
  return (
    (value.type === 'Literal' && value.value === '') ||
    (value.type === 'TemplateLiteral' && value.expressions.length === 0 && value.quasis[0]?.value.cooked === '')
  );
}

/** `x + y + z` flattened into its operands (for string accumulation). */
function plusOperands(node: Node, out: Node[]): Node[] {
  const value = unwrap(node);
  if (value.type === 'BinaryExpression' && value.operator === '+') {
    plusOperands(value.left, out);
    plusOperands(value.right, out);
  } else {
    out.push(value);
  }
  return out;
}

/**
 * Classifies the reassignment `x = rhs` of a collection of `kind`: growth (`[...x, y]`, `x.concat(y)`,
 * `{ ...x, [k]: v }`, `x + s`), shrink (a fresh value: `[]`, `new Map()`, `{}`, a literal; or a trim of
 * itself: `x.slice(n)`, `x.filter(f)`), or neutral (anything else: `this.events = loaded` replaces the
 * contents with data of unknown size and is NOT a trim). For strings every value not built from the
 * string itself is a reset (`buffer = lines.pop() ?? ''` is the classic bounded line splitter).
 */
export function classifyReassignment(kind: CollectionKind, rhs: Node, isRef: IsRef): { kind: UseKind; how: string } | undefined {
  const value = unwrap(rhs);
  if (kind === 'string') {
    if (value.type === 'BinaryExpression' && value.operator === '+') {
      if (plusOperands(value, []).some(isRef)) return { kind: 'growth', how: 'concatenation' };
      return { kind: 'shrink', how: 'reassignment' };
    }
    if (value.type === 'TemplateLiteral' && value.expressions.some((e) => isRef(e))) {
      return { kind: 'growth', how: 'template concatenation' };
    }
    if (value.type === 'CallExpression' && value.callee.type === 'MemberExpression' && isRef(value.callee.object)) {
      return memberName(value.callee) === 'concat' ? { kind: 'growth', how: 'concat' } : { kind: 'shrink', how: 'trim' };
    }
    // Loaded data (`this.body = saved`, `= await store.load()`) replaces the text with one of unknown
    // size: not a reset. Any other value (a literal, the unfinished tail of a split) is.
    if (value.type === 'AwaitExpression' || isParameterValue(value)) return undefined;
    return { kind: 'shrink', how: 'reassignment' };
  }
  switch (value.type) {
    case 'ArrayExpression': {
      const spreads = value.elements.filter((e): e is TSESTree.SpreadElement => e?.type === 'SpreadElement');
      if (spreads.some((s) => isRef(s.argument))) return { kind: 'growth', how: 'spread reassignment' };
      if (spreads.length === 0) return { kind: 'shrink', how: 'reassignment to a fresh value' };
      // `x = [...x.filter(keep)]`: a copy of a trim of itself (Flowise's notifier; fresh review 11)
      const only = value.elements.length === 1 ? spreads[0] : undefined;
      const trimmed = only && classifyReassignment(kind, only.argument, isRef);
      return trimmed?.kind === 'shrink' && (trimmed.how === 'filter' || trimmed.how === 'slice') ? trimmed : undefined;
    }
    case 'ObjectExpression': {
      const selfSpread = value.properties.some((p) => p.type === 'SpreadElement' && isRef(p.argument));
      if (selfSpread) {
        const computed = value.properties.some((p) => p.type === 'Property' && p.computed);
        return computed ? { kind: 'growth', how: 'spread reassignment' } : undefined;
      }
      if (value.properties.every((p) => p.type === 'Property')) return { kind: 'shrink', how: 'reassignment to a fresh value' };
      return undefined;
    }
    case 'NewExpression': {
      const name = value.callee.type === 'Identifier' ? value.callee.name : undefined;
      if (name === 'Map' || name === 'Set' || name === 'Array') {
        const first = value.arguments[0];
        if (!first) return { kind: 'shrink', how: 'reassignment to a fresh value' };
        const inner = unwrap(first);
        if (inner.type === 'ArrayExpression' && inner.elements.some((e) => e?.type === 'SpreadElement' && isRef(e.argument))) {
          return { kind: 'growth', how: 'spread reassignment' };
        }
        if (name === 'Array' && inner.type === 'Literal') return { kind: 'shrink', how: 'reassignment to a fresh value' };
        return undefined;
      }
      return undefined;
    }
    case 'CallExpression': {
      if (value.callee.type !== 'MemberExpression' || !isRef(value.callee.object)) return undefined;
      const method = memberName(value.callee);
      if (method === 'concat') return { kind: 'growth', how: 'concat reassignment' };
      if (method === 'filter' || (method === 'slice' && value.arguments.length > 0)) return { kind: 'shrink', how: method };
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Appends `use` to `out`, marked `nested` when it is made on a value of the collection. */
function pushUse(out: Use[], use: Use, nested: boolean): void {
  if (nested) (use as { nested?: boolean }).nested = true;
  out.push(use);
}

/**
 * The uses made through one reference expression `ref` of a collection of `kind`. Aliases
 * (`const q = this.queue`) are followed through the scope manager: their uses count as the
 * collection's. Values (`m.get(k)`, `obj[k]`, `(obj[k] ??= [])`) are classified with `nested`.
 */
export function classifyRef(
  ref: Node,
  kind: CollectionKind,
  isRef: IsRef,
  options: ClassifyOptions,
  out: Use[],
  nested = false,
  depth = 0,
): Use[] {
  const expr = outermost(ref);
  const parent = parentOf(expr);
  if (!parent) return out;
  // Every caller passes a fresh object literal: marking it in place saves a spread copy per use.
  const push = (use: Use): void => pushUse(out, use, nested);
  // Method names are matched for every kind at once (an array has no `set`, a Map no `push`).
  const growthNames = options.growth;
  const shrinkNames = options.shrink;

  switch (parent.type) {
    case 'MemberExpression': {
      if (parent.object !== expr) break;
      const member = outermost(parent);
      const up = parentOf(member);
      const name = memberName(parent);
      const dynamic = parent.computed && name === undefined;
      if (!dynamic && up?.type === 'CallExpression' && up.callee === member) {
        const method = name!;
        const args = up.arguments;
        if (method === 'splice') {
          const count = args[1];
          const insertsOnly = args.length > 2 && count !== undefined && unwrap(count).type === 'Literal' && (unwrap(count) as TSESTree.Literal).value === 0;
          push({ kind: insertsOnly ? 'growth' : 'shrink', how: insertsOnly ? 'splice' : 'splice', site: up });
          return out;
        }
        // `this.metrics.get(k).set(value)`: a one-argument `set` on a value is a setter of that value (a
        // gauge, a signal), not an insertion (pm2's v8 metrics; fresh review 10)
        // Likewise `this.counters.get(k).add(1, attributes)`: `Set.prototype.add` takes one argument, so a
        // nested `add` with two is a counter's increment (OpenTelemetry instruments: Flowise's metrics;
        // fresh review 11)
        if (nested && ((method === 'set' && args.length < 2) || (method === 'add' && args.length >= 2))) {
          push({ kind: 'read', how: method, site: up });
          return out;
        }
        if (growthNames.has(method)) {
          push({ kind: 'growth', how: method, site: up, ...(args[0] ? { key: args[0] } : {}), ...(args[1] ? { value: args[1] } : {}) });
          // `m.set(k, v)` returns the map; growth on its result is rare: stop here.
          return out;
        }
        if (shrinkNames.has(method)) {
          push({ kind: 'shrink', how: method, site: up, ...(args[0] ? { key: args[0] } : {}) });
          return out;
        }
        if ((method === 'get' || method === 'has') && (kind === 'map' || kind === 'set' || nested)) {
          if (!nested) push({ kind: 'lookup', how: method, site: up, ...(args[0] ? { key: args[0] } : {}) });
          if (method === 'get' && !nested && kind === 'map' && depth < 3) {
            classifyRef(up, 'array', isRef, options, out, true, depth + 1);
          }
          return out;
        }
        push({ kind: 'read', how: method, site: up });
        return out;
      }
      if (name === 'length' && up?.type === 'AssignmentExpression' && up.left === member) {
        push({ kind: 'shrink', how: 'length assignment', site: up });
        return out;
      }
      if ((name === 'length' || name === 'size') && up?.type === 'BinaryExpression' && RELATIONAL.has(up.operator)) {
        const other = up.left === member ? up.right : up.left;
        if (isIterationBound(up, other, options.scopeManager)) {
          push({ kind: 'read', how: 'iteration bound', site: up });
          return out;
        }
        if (!isSmallLiteral(other)) {
          push({ kind: 'guard', how: `${name} comparison`, site: up });
          return out;
        }
      }
      if (dynamic || (parent.computed && (kind === 'record' || kind === 'array'))) {
        const key = parent.property;
        if (up?.type === 'AssignmentExpression' && up.left === member) {
          if (up.operator === '=') {
            if (kind === 'array' && !nested) {
              const index = unwrap(key);
              if (index.type === 'BinaryExpression' && index.operator === '%') {
                push({ kind: 'guard', how: 'ring index', site: up });
              } else if (index.type === 'UpdateExpression' && resetCursor(index.argument, options.scopeManager)) {
                push({ kind: 'read', how: 'cursor reset', site: up });
              } else if (isAppendIndex(index, isRef, options.scopeManager)) {
                push({ kind: 'growth', how: '[i] =', site: up, key });
              } else {
                push({ kind: 'read', how: '[i] =', site: up });
              }
            } else if (!dynamic) {
              push({ kind: 'read', how: 'fixed key', site: up });
            } else {
              push({ kind: 'growth', how: '[k] =', site: up, key, value: up.right });
            }
            return out;
          }
          if ((up.operator === '??=' || up.operator === '||=') && dynamic) {
            push({ kind: 'growth', how: `[k] ${up.operator}`, site: up, key });
            if (depth < 3) classifyRef(up, 'array', isRef, options, out, true, depth + 1);
            return out;
          }
          push({ kind: 'read', how: 'update', site: up, key });
          return out;
        }
        if (up?.type === 'UnaryExpression' && up.operator === 'delete') {
          push({ kind: 'shrink', how: 'delete', site: up, key });
          return out;
        }
        if (dynamic && !nested) {
          push({ kind: 'lookup', how: '[k]', site: member, key });
          if (depth < 3 && kind === 'record') classifyRef(member, 'array', isRef, options, out, true, depth + 1);
          return out;
        }
      }
      if ((name === 'length' || name === 'size') && !nested) {
        const exit = nonEmptyExit(member);
        if (exit) {
          push({ kind: 'read', how: NON_EMPTY_EXIT, site: exit });
          return out;
        }
        const guard = emptyGuard(member);
        if (guard) {
          push({ kind: 'read', how: EMPTY_GUARD, site: guard });
          return out;
        }
      }
      push({ kind: 'read', how: name ?? 'member', site: parent });
      return out;
    }
    case 'AssignmentExpression': {
      if (parent.left !== expr) {
        push({ kind: 'escape', how: 'stored', site: parent });
        return out;
      }
      if (parent.operator === '=') {
        const verdict =
          classifyReassignment(kind, parent.right, isRef) ??
          trimmedCopy(kind, parent.right, isRef, options.scopeManager) ??
          rebuiltLocal(kind, parent.right, isRef, options.scopeManager) ??
          filteredLocal(kind, parent.right, isRef, options.scopeManager);
        if (verdict) push({ kind: verdict.kind, how: verdict.how, site: parent });
        return out;
      }
      if (parent.operator === '+=' && kind === 'string') {
        if (!isEmptyString(parent.right)) push({ kind: 'growth', how: '+=', site: parent });
        return out;
      }
      return out;
    }
    case 'BinaryExpression':
      if (parent.operator === 'in' && parent.right === expr && !nested) {
        push({ kind: 'lookup', how: 'in', site: parent, key: parent.left });
      }
      return out;
    case 'VariableDeclarator': {
      if (parent.init !== expr) return out;
      if (parent.id.type !== 'Identifier' || depth >= 3) {
        push({ kind: 'read', how: 'destructure', site: parent });
        return out;
      }
      return classifyAlias(parent, parent.id, kind, isRef, options, out, nested, depth);
    }
    case 'CallExpression':
    case 'NewExpression': {
      if (parent.callee === expr) return out;
      if (nested) return out;
      const name = calleeName(parent);
      if (parent.type === 'NewExpression' ? name !== undefined && COPY_CONSTRUCTORS.has(name) : name !== undefined && READER_CALLS.has(name)) {
        push({ kind: 'read', how: `passed to ${name}`, site: parent });
      } else {
        push({ kind: 'escape', how: `passed to ${name ?? 'a function'}`, site: parent });
      }
      return out;
    }
    case 'ReturnStatement':
      if (!nested) push({ kind: 'return', how: 'returned', site: parent });
      return out;
    case 'ArrowFunctionExpression':
      if (parent.body === expr && !nested) push({ kind: 'return', how: 'returned', site: parent });
      return out;
    case 'Property':
      if (parent.value === expr && !nested) {
        const literal = parentOf(parent);
        push(literal && isReadOnlyContainer(literal) ? { kind: 'return', how: 'returned in an object', site: parent } : { kind: 'escape', how: 'stored in an object', site: parent });
      }
      return out;
    case 'ArrayExpression':
      if (!nested) push(isReadOnlyContainer(parent) ? { kind: 'return', how: 'returned in an array', site: parent } : { kind: 'escape', how: 'stored in an array', site: parent });
      return out;
    case 'YieldExpression':
      if (!nested) push({ kind: 'escape', how: 'yielded', site: parent });
      return out;
    case 'LogicalExpression':
      // `const listeners = this.listeners_[type] || []`: an alias of the collection, or of a fresh
      // empty stand-in that nothing keeps; what is done to the alias is done to the collection
      // (firebase's event emitters splice listeners out through such an alias; fresh review 13)
      if (parent.left === expr && parent.operator !== '&&' && isEmptyFallback(parent.right) && parentOf(parent)?.type === 'VariableDeclarator' && depth < 3) {
        return classifyRef(parent, kind, isRef, options, out, nested, depth + 1);
      }
      if (!nested) push({ kind: 'read', how: parent.type, site: parent });
      return out;
    default:
      if (!nested) push({ kind: 'read', how: parent.type, site: parent });
      return out;
  }
  return out;
}

/**
 * The uses made through the local `binding` declared by `declarator` as an alias of the collection:
 * `const q = this.queue` (`binding` is the declarator's id) or `const { queue } = this` / `const {
 * queue: q } = this` (`binding` is the pattern's local, see `destructuredBindings` in model.ts). One
 * rule for both forms: a string is copied, not aliased; an alias later pointed at another value it
 * never hands on is not followed ({@link reassignedAway}); otherwise every read of the local is
 * classified as a use of the collection, a write only rebinds the local. The destructured form comes
 * from MQTT.js (`const { queue } = this` before a `queue.shift()` drain loop, fresh review 3).
 * O(references of the local), depth-limited like {@link classifyRef}.
 */
export function classifyAlias(
  declarator: TSESTree.VariableDeclarator,
  binding: TSESTree.Identifier,
  kind: CollectionKind,
  isRef: IsRef,
  options: ClassifyOptions,
  out: Use[],
  nested = false,
  depth = 0,
): Use[] {
  const push = (use: Use): void => pushUse(out, use, nested);
  // A string is a value: `let channel = this.prefix; channel += room` builds a new string in the
  // local and leaves the field as it was.
  if (kind === 'string' && !nested) {
    push({ kind: 'read', how: 'copied', site: declarator });
    return out;
  }
  const variable = options.scopeManager.getDeclaredVariables(declarator).find((v) => v.name === binding.name);
  if (!variable) return out;
  if (reassignedAway(variable)) {
    push({ kind: 'read', how: 'reassigned alias', site: declarator });
    return out;
  }
  for (const reference of variable.references) {
    // A write rebinds the local (`lines = []`); it neither trims nor grows the collection.
    if (reference.init || reference.isWrite()) continue;
    classifyRef(reference.identifier as Node, kind, isRef, options, out, nested, depth + 1);
  }
  return out;
}

/** Calls on a copy that remove entries from it: the default shrink methods and `splice`. */
const COPY_REMOVALS: ReadonlySet<string> = new Set([...DEFAULT_SHRINK, 'splice']);

/**
 * Whether the counter of an `arr[n++] = x` write is set back to `0` by some other statement (`n = 0`
 * after a flush), itself or the variable it was copied from, up to three copies (`let i = queuedLength;
 * let first = i; queued[i++] = x; queued[first++] = ...; queuedLength = i` with `queuedLength = 0` after
 * the drain). The array is then a buffer whose slots are
 * reused, as long as the largest batch between resets: xstate-store's effect queues (fresh review 10),
 * the cursor form of a ring index. O(references of up to three variables).
 */
function resetCursor(counter: Node, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const resetToZero = (id: Node): boolean => {
    if (id.type !== 'Identifier') return false;
    const variable = variableOf(scopeManager, id);
    return !!variable?.references.some((ref) => {
      if (ref.init || !ref.isWrite() || !ref.writeExpr) return false;
      const value = unwrap(ref.writeExpr as Node);
      const assignment = parentOf(ref.identifier as Node);
      return assignment?.type === 'AssignmentExpression' && assignment.operator === '=' && value.type === 'Literal' && value.value === 0;
    });
  };
  let current: Node = counter;
  for (let hop = 0; hop < 3; hop++) {
    if (resetToZero(current)) return true;
    const local = localBoundOnce(current, scopeManager);
    if (!local) return false;
    current = unwrap(local.init);
  }
  return false;
}

/**
 * `rhs` as a local declared once with an initialiser (`const next = ...`): its variable, declarator and
 * initialiser, and whether the declaration is a `const`.
 */
export function localBoundOnce(
  rhs: Node,
  scopeManager: TSESLint.Scope.ScopeManager,
): { variable: TSESLint.Scope.Variable; declarator: TSESTree.VariableDeclarator; init: TSESTree.Expression; constant: boolean } | undefined {
  const id = unwrap(rhs);
  if (id.type !== 'Identifier') return undefined;
  const variable = variableOf(scopeManager, id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || !def.node.init) return undefined;
  return { variable, declarator: def.node, init: def.node.init, constant: def.parent?.kind === 'const' };
}

/**
 * The filter taken through a local: `const kept = this.entries.filter(keep); this.entries = [...kept]`
 * (also `= kept`, `= Array.from(kept)`, and `slice(n)`), gemini-cli's hook registry. The local is bound
 * once, as a `const`, to a filter of the collection itself: the reassignment keeps only what passed, as
 * `this.entries = this.entries.filter(keep)` does. Fresh review 8. O(1) plus one scope lookup.
 */
function filteredLocal(kind: CollectionKind, rhs: Node, isRef: IsRef, scopeManager: TSESLint.Scope.ScopeManager): { kind: UseKind; how: string } | undefined {
  if (kind !== 'array') return undefined;
  let value = unwrap(rhs);
  if (value.type === 'ArrayExpression' && value.elements.length === 1 && value.elements[0]?.type === 'SpreadElement') value = unwrap(value.elements[0].argument);
  else if (value.type === 'CallExpression' && value.arguments.length === 1 && value.arguments[0]!.type !== 'SpreadElement') {
    const callee = unwrap(value.callee);
    if (callee.type === 'MemberExpression' && memberName(callee) === 'from' && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Array') {
      value = unwrap(value.arguments[0]!);
    }
  }
  const local = localBoundOnce(value, scopeManager);
  if (!local?.constant) return undefined;
  const trimmed = classifyReassignment(kind, local.init, isRef);
  return trimmed?.kind === 'shrink' && (trimmed.how === 'filter' || trimmed.how === 'slice') ? { kind: 'shrink', how: `${trimmed.how} through a local` } : undefined;
}

/**
 * The immutable-update removal `const rest = { ...this.servers }; delete rest[url]; this.servers = rest`
 * (also `[...xs]`, `new Map(m)`, `new Set(s)`, `xs.slice()` copies trimmed with `splice`/`pop`/`shift`/
 * `delete()`/`clear()`): the collection is replaced by a copy of itself with entries removed, a shrink
 * (inspector's OAuth store). `rhs` must be a `const`/`let` bound once to such a copy. O(references of
 * the copy).
 */
function trimmedCopy(kind: CollectionKind, rhs: Node, isRef: IsRef, scopeManager: TSESLint.Scope.ScopeManager): { kind: UseKind; how: string } | undefined {
  const local = kind === 'string' ? undefined : localBoundOnce(rhs, scopeManager);
  if (!local) return undefined;
  const { variable } = local;
  if (!isCopyOf(unwrap(local.init), isRef)) return undefined;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = outermost(reference.identifier as Node);
    const parent = parentOf(use);
    if (parent?.type !== 'MemberExpression' || parent.object !== use) continue;
    const up = parentOf(outermost(parent));
    if (up?.type === 'UnaryExpression' && up.operator === 'delete') return { kind: 'shrink', how: 'copy without entries' };
    const name = memberName(parent);
    if (up?.type === 'CallExpression' && name !== undefined && COPY_REMOVALS.has(name)) return { kind: 'shrink', how: 'copy without entries' };
  }
  return undefined;
}

/**
 * A rebuild: the collection is replaced by a local the same function made empty (`const next = new
 * Map(); for (...) next.set(k, v); this.cache = next`): the new collection holds only what this call
 * put in, a reset like `this.cache = new Map()` (cline's `FeatureFlagsService.rebuildCacheFromSnapshot()`,
 * fourth fresh review). The local must be bound once, never reassigned, and declared in the function
 * that assigns it. Loaded data and parameters (`this.events = loaded`) are not locals made empty and
 * stay no trim. O(references of the local).
 */
function rebuiltLocal(kind: CollectionKind, rhs: Node, isRef: IsRef, scopeManager: TSESLint.Scope.ScopeManager): { kind: UseKind; how: string } | undefined {
  const local = kind === 'string' ? undefined : localBoundOnce(rhs, scopeManager);
  if (!local) return undefined;
  if (classifyReassignment(kind, local.init, isRef)?.how !== 'reassignment to a fresh value') return undefined;
  if (enclosingFunction(local.declarator) !== enclosingFunction(rhs)) return undefined;
  if (local.variable.references.some((reference) => !reference.init && reference.isWrite())) return undefined;
  return { kind: 'shrink', how: 'rebuilt from a fresh local' };
}

/** `{ ...x }`, `[...x]`, `new Map(x)`, `new Set(x)`, `x.slice()`, `Object.assign({}, x)` of the collection `x`. */
function isCopyOf(init: Node, isRef: IsRef): boolean {
  switch (init.type) {
    case 'ObjectExpression':
      return init.properties.some((p) => p.type === 'SpreadElement' && isRef(p.argument));
    case 'ArrayExpression':
      return init.elements.some((e) => e?.type === 'SpreadElement' && isRef(e.argument));
    case 'NewExpression':
      return init.callee.type === 'Identifier' && (init.callee.name === 'Map' || init.callee.name === 'Set') && init.arguments[0] !== undefined && isRef(init.arguments[0]);
    case 'CallExpression': {
      if (init.callee.type !== 'MemberExpression') return false;
      const name = memberName(init.callee);
      if (name === 'slice' && init.arguments.length === 0) return isRef(init.callee.object);
      return name === 'assign' && init.arguments.length === 2 && isRef(init.arguments[1]!);
    }
    default:
      return false;
  }
}

/**
 * An alias that is later pointed at another value which it never hands on: `let points =
 * this.exceptions[w]; if (!points) { points = new Array(n); ... points[i] = x }` fills a fresh array,
 * not an entry of the collection. An alias reassigned and then stored (`list = []; this.byId.set(k,
 * list)`, passed, or assigned anywhere) may hold an entry again and is followed. O(references).
 */
function reassignedAway(variable: TSESLint.Scope.Variable): boolean {
  let reassigned = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) {
      reassigned = true;
      continue;
    }
    const id = outermost(reference.identifier as Node);
    const parent = parentOf(id);
    if (parent?.type === 'CallExpression' && parent.callee !== id) return false;
    if (parent?.type === 'AssignmentExpression' && parent.right === id) return false;
  }
  return reassigned;
}

/**
 * An object/array literal that is only returned or handed to a reader (`return { events: this.events }`,
 * `console.log({ lines: this.lines })`): the collection is read, not handed to a consumer that may
 * drain it.
 */
function isReadOnlyContainer(literal: Node): boolean {
  const parent = parentOf(outermost(literal));
  if (!parent) return false;
  if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === literal)) return true;
  if (parent.type === 'CallExpression' && parent.callee !== literal) {
    const name = calleeName(parent);
    return name !== undefined && READER_CALLS.has(name);
  }
  return false;
}

/**
 * A loop's bound, not a size guard: `i < this.examples.length` as the test of a loop whose counter `i`
 * the loop itself writes (`for (let i = 0; i < xs.length; i++)`, `while (n > 0 && i < xs.length) { ...; i++ }`).
 * It walks the entries; it does not cap them. The comparison must sit in the loop's test (alone or
 * under `&&`/`||`), and the counter must be a variable written inside the loop (its update or body).
 * O(depth + references of the counter).
 */
function isIterationBound(comparison: TSESTree.BinaryExpression, other: Node, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const counter = unwrap(other);
  if (counter.type !== 'Identifier') return false;
  let test: Node = comparison;
  let loop = parentOf(comparison);
  while (loop?.type === 'LogicalExpression') {
    test = loop;
    loop = parentOf(loop);
  }
  if (!loop || (loop.type !== 'ForStatement' && loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement') || loop.test !== test) return false;
  const variable = variableOf(scopeManager, counter);
  if (!variable) return false;
  const [start, end] = loop.range;
  return variable.references.some((ref) => ref.isWrite() && !ref.init && ref.identifier.range[0] >= start && ref.identifier.range[1] <= end);
}

/** `p`, `p.x`, `p.x.y` where `p` is a parameter of the enclosing function. */
function isParameterValue(node: Node): boolean {
  let base = node;
  while (base.type === 'MemberExpression') base = base.object;
  if (base.type !== 'Identifier') return false;
  const fn = enclosingFunction(base);
  return !!fn && fn.params.some((param) => parameterName(param) === (base as TSESTree.Identifier).name);
}

/**
 * `arr[arr.length] = x`, `arr[arr.length + n] = x`, `arr[n++] = x`: an index that appends; also through a
 * local bound once to such a length (`const i = this.writeBuffer.length; this.writeBuffer[i] = entry`,
 * grpc-js' retrying call before its shipped leak fix, recall review). O(1) plus one variable lookup.
 */
function isAppendIndex(index: Node, isRef: IsRef, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  if (index.type === 'UpdateExpression' && index.operator === '++') return true;
  const lengthOf = (node: Node): boolean => {
    const value = unwrap(node);
    return value.type === 'MemberExpression' && memberName(value) === 'length' && isRef(value.object);
  };
  const appends = (node: Node): boolean =>
    lengthOf(node) || (node.type === 'BinaryExpression' && node.operator === '+' && (lengthOf(node.left) || lengthOf(node.right)));
  if (appends(index)) return true;
  if (index.type !== 'Identifier') return false;
  const local = localBoundOnce(index, scopeManager);
  return !!local && local.constant && appends(unwrap(local.init));
}
