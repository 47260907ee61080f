/**
 * The bounded rewrite of a reported collection, as text edits that keep the file type-correct:
 * arrays → `RingBuffer` (transform `ring-buffer`), Maps and records → `TtlMap`, Sets → `TtlSet`
 * (transform `ttl-map`). The bound is a named constant inserted on its own line before the class or
 * the binding's statement. When a use cannot be rewritten safely there is no rewrite, and the
 * `skipReason` says which use. Imports are NOT part of the edits (`rewrite.imports` names them; the
 * rule's suggestion and the codemod add the import). O(references) per finding.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { memberName, outermost, parentOf, textOf, topLevelStatement, unwrap } from '../shared/ast.js';
import { indentAt, lineStartAt, screamingSnake, type FileStyle } from '../shared/style.js';
import type { AnalysisContext } from '../context.js';
import type { Rewrite, TextEdit } from '../types.js';
import type { Target } from './model.js';

type Node = TSESTree.Node;

/** Default capacity of a rewritten array (entries). */
export const DEFAULT_CAPACITY = 1000;
/** Default `max` of a rewritten Map/Set/record (entries), written `10_000`. */
export const DEFAULT_MAX_TEXT = '10_000';
/** Default `ttl` of a rewritten cache, written `10 * 60_000` (ms = 10 minutes). */
export const DEFAULT_TTL_TEXT = '10 * 60_000';

/** RingBuffer members that behave like the Array ones (everything else blocks the rewrite). */
const RING_MEMBERS = new Set([
  'push', 'shift', 'pop', 'clear', 'at', 'length', 'forEach', 'map', 'filter', 'find', 'some', 'every',
  'reduce', 'slice', 'indexOf', 'includes', 'join', 'toJSON', 'values',
]);

/**
 * Allocates constant names unique within the file. Deterministic whatever order the rules run in (the
 * ESLint suggestion and the codemod must write the same names): a field name shared by several
 * candidate declarations of the file always gets its class name as prefix (`EVENT_LOG_EVENTS_CAPACITY`);
 * a clash with an existing module binding adds a counter (`EVENTS_CAPACITY_2`).
 */
export class ConstantNames {
  readonly #taken: Set<string>;
  readonly #shared: ReadonlySet<string>;
  constructor(moduleNames: ReadonlySet<string>, sharedBases: ReadonlySet<string>) {
    this.#taken = new Set(moduleNames);
    this.#shared = sharedBases;
  }
  take(base: string, suffix: string, prefix: string | undefined): string {
    let name = this.#shared.has(base) && prefix ? `${prefix}_${base}_${suffix}` : `${base}_${suffix}`;
    const first = name;
    for (let i = 2; this.#taken.has(name); i++) name = `${first}_${i}`;
    this.#taken.add(name);
    return name;
  }
}

export interface RewriteResult {
  readonly rewrite?: Rewrite;
  readonly skipReason?: string;
}

class Blocked extends Error {}

function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/i.test(filename);
}

/** Where a constant goes: the start of the line of the top-level statement, above its leading comments. */
function insertionPoint(context: AnalysisContext, anchor: Node): number {
  const statement = topLevelStatement(anchor);
  let start = statement.range[0];
  const comments = context.ast.comments ?? [];
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (comment.range[1] > start) continue;
    if (context.text.slice(comment.range[1], start).trim() !== '') break;
    start = comment.range[0];
  }
  return lineStartAt(context.text, start);
}

function constantEdit(context: AnalysisContext, style: FileStyle, anchor: Node, lines: readonly string[]): TextEdit {
  const at = insertionPoint(context, anchor);
  const indent = indentAt(context.text, at);
  return { range: [at, at], text: lines.map((line) => `${indent}${line}${style.semi}${style.eol}`).join('') };
}

/** The element type text of an array target (`T` of `T[]`/`Array<T>`/`[] as T[]`/`new Array<T>()`). */
function elementType(context: AnalysisContext, target: Target): string | undefined {
  const fromType = (type: TSESTree.TypeNode | undefined): string | undefined => {
    if (!type) return undefined;
    if (type.type === 'TSArrayType') {
      const element = type.elementType;
      return textOf(context.text, element);
    }
    if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'Array') {
      const param = type.typeArguments?.params[0];
      return param ? textOf(context.text, param) : undefined;
    }
    return undefined;
  };
  const annotated = fromType(target.annotation);
  if (annotated) return annotated;
  const init = target.init;
  if (!init) return undefined;
  if (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression') return fromType(init.typeAnnotation);
  if (init.type === 'NewExpression' && init.typeArguments?.params[0]) return textOf(context.text, init.typeArguments.params[0]);
  return undefined;
}

/** `<K, V>` of a Map/record target, or of a Set (`<T>`), as written; undefined when not written. */
function typeArgs(context: AnalysisContext, target: Target): string[] | undefined {
  const init = target.init ? unwrap(target.init) : undefined;
  if (init?.type === 'NewExpression' && init.typeArguments) {
    return init.typeArguments.params.map((p) => textOf(context.text, p));
  }
  const fromType = (type: TSESTree.TypeNode | undefined): string[] | undefined => {
    if (!type) return undefined;
    if (type.type === 'TSTypeReference' && type.typeArguments) return type.typeArguments.params.map((p) => textOf(context.text, p));
    if (type.type === 'TSTypeLiteral') {
      const signature = type.members[0];
      if (signature?.type !== 'TSIndexSignature' || !signature.typeAnnotation) return undefined;
      const param = signature.parameters[0];
      const keyType = param?.type === 'Identifier' && param.typeAnnotation ? textOf(context.text, param.typeAnnotation.typeAnnotation) : 'string';
      return [keyType, textOf(context.text, signature.typeAnnotation.typeAnnotation)];
    }
    return undefined;
  };
  const annotated = fromType(target.annotation);
  if (annotated) return annotated;
  if (target.init && (target.init.type === 'TSAsExpression' || target.init.type === 'TSSatisfiesExpression')) {
    return fromType(target.init.typeAnnotation);
  }
  return undefined;
}

/** `null`, `undefined` or `void <expr>`: the operands a nullish comparison tests against. */
function isNullish(node: Node): boolean {
  const value = unwrap(node);
  return (value.type === 'Literal' && value.value === null && !('regex' in value) && !('bigint' in value))
    || (value.type === 'Identifier' && value.name === 'undefined')
    || (value.type === 'UnaryExpression' && value.operator === 'void');
}

/** True when `member` (an index read, with its wrappers) is a destructuring target: `[x[i]] = v`, `({ a: x[i] } = v)`. */
function isPatternTarget(member: Node): boolean {
  const up = parentOf(member);
  if (!up) return false;
  if (up.type === 'ArrayPattern' || up.type === 'RestElement') return true;
  if (up.type === 'AssignmentPattern') return up.left === member;
  if (up.type === 'Property' && up.value === member) return parentOf(up)?.type === 'ObjectPattern';
  if (up.type === 'ForOfStatement' || up.type === 'ForInStatement') return up.left === member;
  return false;
}

/**
 * True when the index read `read` (`x[i]`; `member` is it with its wrappers) is already treated as
 * possibly undefined, so the rewritten `x.at(i)` must stay `T | undefined` (no `!`): it is already
 * asserted (`x[i]!`), the object of an optional chain (`x[i]?.a`, `x[i]?.()`), the left side of
 * `??`/`||`/`&&` or of a logical assignment, compared with `null`/`undefined`, the argument of
 * `typeof` or `!`, the test of an `if`/`?:`/loop, or an assignment target. Everywhere else the read
 * had type `T` in a project without `noUncheckedIndexedAccess`, and `x.at(i)!` keeps it (evaluation,
 * "What broke", item 3).
 */
function readsAsMaybeUndefined(read: Node, member: Node): boolean {
  for (let node: Node = read; node !== member; node = parentOf(node)!) {
    if (parentOf(node)?.type === 'TSNonNullExpression') return true;
  }
  const up = parentOf(member);
  if (!up) return false;
  switch (up.type) {
    case 'MemberExpression':
      return up.object === member && up.optional;
    case 'CallExpression':
      return up.callee === member && up.optional;
    case 'LogicalExpression':
      return up.left === member;
    case 'AssignmentExpression':
      return up.left === member;
    case 'BinaryExpression':
      return ['==', '!=', '===', '!=='].includes(up.operator) && isNullish(up.left === member ? up.right : up.left);
    case 'UnaryExpression':
      return up.operator === 'typeof' || up.operator === '!';
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
      return up.test === member;
    default:
      return false;
  }
}

/** The edits of one use of an array → RingBuffer; throws {@link Blocked} with the reason. */
function ringUseEdits(context: AnalysisContext, ref: Node, isRef: (n: Node) => boolean, edits: TextEdit[], depth: number, ts: boolean): void {
  const text = context.text;
  const expr = outermost(ref);
  const parent = parentOf(expr);
  const refText = textOf(text, unwrap(ref));
  const toArray = (): void => {
    edits.push({ range: [ref.range[1], ref.range[1]], text: '.toArray()' });
  };
  if (!parent) throw new Blocked('unsupported use');
  switch (parent.type) {
    case 'MemberExpression': {
      if (parent.object !== expr) throw new Blocked('unsupported use');
      const member = outermost(parent);
      const up = parentOf(member);
      const name = memberName(parent);
      if (parent.computed && (name === undefined || /^\d+$/.test(name))) {
        if (up?.type === 'AssignmentExpression' && up.left === member) throw new Blocked(`it assigns by index (${textOf(text, up.left)} = ...)`);
        if (up?.type === 'UpdateExpression' || (up?.type === 'UnaryExpression' && up.operator === 'delete')) {
          throw new Blocked(`it writes by index (${textOf(text, up)})`);
        }
        if (isPatternTarget(member)) throw new Blocked(`it writes by index as a destructuring or for...of target (${textOf(text, member)})`);
        const assert = ts && !readsAsMaybeUndefined(parent, member) ? '!' : '';
        edits.push({
          range: [expr.range[1], parent.range[1]],
          text: `${parent.optional ? '?.' : '.'}at(${textOf(text, parent.property)})${assert}`,
        });
        return;
      }
      if (name === 'length' && up?.type === 'AssignmentExpression' && up.left === member) {
        const value = unwrap(up.right);
        if (value.type === 'Literal' && value.value === 0 && parentOf(up)?.type === 'ExpressionStatement') {
          edits.push({ range: up.range, text: `${refText}.clear()` });
          return;
        }
        throw new Blocked('it truncates with length = n');
      }
      if (name === 'push' && up?.type === 'CallExpression' && up.arguments.some((a) => a.type === 'SpreadElement')) {
        throw new Blocked('it pushes a spread (RingBuffer#push evicts one item per argument; check the order)');
      }
      if (name !== undefined && RING_MEMBERS.has(name)) return;
      throw new Blocked(`it uses Array#${name ?? 'computed member'}, which RingBuffer does not provide`);
    }
    case 'AssignmentExpression': {
      if (parent.left !== expr) {
        toArray();
        return;
      }
      const value = unwrap(parent.right);
      const statement = parentOf(parent)?.type === 'ExpressionStatement';
      if (value.type === 'ArrayExpression' && value.elements.length === 0 && statement) {
        edits.push({ range: parent.range, text: `${refText}.clear()` });
        return;
      }
      if (value.type === 'ArrayExpression' && statement && parent.operator === '=') {
        const [first, ...rest] = value.elements;
        if (first?.type === 'SpreadElement' && isRef(first.argument) && rest.length > 0 && rest.every((e) => e && e.type !== 'SpreadElement')) {
          edits.push({ range: parent.range, text: `${refText}.push(${rest.map((e) => textOf(text, e!)).join(', ')})` });
          return;
        }
      }
      throw new Blocked(`it is reassigned (${textOf(text, parent).slice(0, 60)})`);
    }
    case 'VariableDeclarator': {
      if (parent.id.type !== 'Identifier' || parent.id.typeAnnotation || depth > 2) {
        throw new Blocked(`it is aliased as ${textOf(text, parent.id)}`);
      }
      const variable = context.scopeManager.getDeclaredVariables(parent)[0];
      if (!variable) throw new Blocked('unsupported alias');
      for (const reference of variable.references) {
        if (reference.init) continue;
        if (reference.isWrite()) throw new Blocked(`its alias ${parent.id.name} is reassigned`);
        ringUseEdits(context, reference.identifier as Node, isRef, edits, depth + 1, ts);
      }
      return;
    }
    case 'ForInStatement':
      throw new Blocked('it is iterated with for...in');
    case 'ForOfStatement':
    case 'SpreadElement':
    case 'IfStatement':
    case 'LogicalExpression':
    case 'ConditionalExpression':
    case 'ExpressionStatement':
      if (parent.type === 'SpreadElement' && parentOf(parent)?.type === 'ObjectExpression') throw new Blocked('it is spread into an object');
      return;
    case 'UnaryExpression':
      if (parent.operator === '!' || parent.operator === 'void') return;
      throw new Blocked(`unsupported use (${parent.operator})`);
    case 'BinaryExpression':
      if (parent.operator === '===' || parent.operator === '!==') return;
      throw new Blocked(`unsupported use (${parent.operator})`);
    case 'ReturnStatement':
    case 'ArrowFunctionExpression':
    case 'CallExpression':
    case 'NewExpression':
    case 'Property':
    case 'ArrayExpression':
    case 'TemplateLiteral':
    case 'YieldExpression':
    case 'AwaitExpression':
      if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === expr) {
        throw new Blocked('it is called');
      }
      if (parent.type === 'Property' && parent.shorthand) {
        edits.push({ range: parent.range, text: `${refText}: ${refText}.toArray()` });
        return;
      }
      toArray();
      return;
    default:
      throw new Blocked(`unsupported use (${parent.type})`);
  }
}

/** The edits of one use of a record → TtlMap; throws {@link Blocked} with the reason. */
function recordUseEdits(context: AnalysisContext, ref: Node, edits: TextEdit[], ts: boolean): void {
  const text = context.text;
  const expr = outermost(ref);
  const parent = parentOf(expr);
  const refText = textOf(text, unwrap(ref));
  if (!parent) throw new Blocked('unsupported use');
  if (parent.type === 'MemberExpression' && parent.object === expr) {
    const member = outermost(parent);
    const up = parentOf(member);
    if (!parent.computed) throw new Blocked(`it reads a fixed key (${textOf(text, parent)})`);
    const key = textOf(text, parent.property);
    if (up?.type === 'AssignmentExpression' && up.left === member) {
      if ((up.operator === '??=' || up.operator === '||=') && isPureKey(parent.property)) {
        // `(obj[k] ??= [])` → `obj.get(k) ?? obj.set(k, []).get(k)!`: set() returns the map.
        const or = up.operator === '??=' ? '??' : '||';
        const value = `${refText}.get(${key}) ${or} ${refText}.set(${key}, ${textOf(text, up.right)}).get(${key})${ts ? '!' : ''}`;
        const wrapped = text[up.range[0] - 1] === '(' && text[up.range[1]] === ')' ? value : `(${value})`;
        edits.push({ range: up.range, text: wrapped });
        return;
      }
      if (up.operator !== '=' || parentOf(up)?.type !== 'ExpressionStatement') {
        throw new Blocked(`it writes ${textOf(text, up).slice(0, 60)}`);
      }
      edits.push({ range: up.range, text: `${refText}.set(${key}, ${textOf(text, up.right)})` });
      return;
    }
    if (up?.type === 'UnaryExpression' && up.operator === 'delete') {
      edits.push({ range: up.range, text: `${refText}.delete(${key})` });
      return;
    }
    if (up?.type === 'UpdateExpression') throw new Blocked(`it updates ${textOf(text, up)}`);
    edits.push({ range: [expr.range[1], parent.range[1]], text: `${parent.optional ? '?.' : '.'}get(${key})` });
    return;
  }
  if (parent.type === 'BinaryExpression' && parent.operator === 'in' && parent.right === expr) {
    edits.push({ range: parent.range, text: `${refText}.has(${textOf(text, parent.left)})` });
    return;
  }
  if (parent.type === 'CallExpression' && parent.arguments[0] === expr && parent.arguments.length === 1) {
    const callee = parent.callee;
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object') {
      const method = memberName(callee);
      if (method === 'keys' || method === 'values' || method === 'entries') {
        edits.push({ range: parent.range, text: `[...${refText}.${method}()]` });
        return;
      }
    }
  }
  throw new Blocked(`unsupported use of the record (${textOf(text, parent).slice(0, 60)})`);
}

/** A key that may be evaluated more than once: an identifier, a literal, or a member chain of those. */
function isPureKey(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'Identifier' || value.type === 'Literal' || value.type === 'ThisExpression') return true;
  if (value.type === 'TemplateLiteral') return value.expressions.every(isPureKey);
  if (value.type === 'MemberExpression') return isPureKey(value.object) && (!value.computed || isPureKey(value.property));
  return false;
}

/** Map/Set uses: a TtlMap is a Map and a TtlSet a Set, so only reassignments need a declared type. */
function mapUseCheck(context: AnalysisContext, target: Target, ref: Node): void {
  const expr = outermost(ref);
  const parent = parentOf(expr);
  if (parent?.type === 'AssignmentExpression' && parent.left === expr && !target.annotation) {
    throw new Blocked(`it is reassigned without a declared Map/Set type (${textOf(context.text, parent).slice(0, 60)})`);
  }
}

/**
 * The rewrite of `target`, or the reason there is none. `cache` adds a TTL (no-unbounded-cache).
 */
export function rewriteTarget(
  context: AnalysisContext,
  target: Target,
  style: FileStyle,
  names: ConstantNames,
  isRef: (node: Node) => boolean,
  cache: boolean,
  nestedOnly = false,
): RewriteResult {
  if (nestedOnly) return { skipReason: `${target.name} is not rewritten: its values grow, not its entries; bound the values where they are created` };
  if (target.kind === 'string') return { skipReason: 'a string accumulator has no drop-in bounded replacement; cap or reset it by hand' };
  if (!target.init) return { skipReason: 'no initialiser to replace' };
  if (target.typed) return { skipReason: 'initialised by a call: replace the value it returns by hand' };
  const ts = isTypeScript(context.filename);
  const text = context.text;
  const anchor = target.scope === 'field' ? target.classNode! : target.decl;
  const className = target.classNode?.id?.name;
  const prefix = className ? screamingSnake(className) : undefined;
  const base = screamingSnake(target.name);
  const edits: TextEdit[] = [];
  const init = target.init;
  try {
    if (target.kind === 'array') {
      if (unwrap(init).type !== 'ArrayExpression' || (unwrap(init) as TSESTree.ArrayExpression).elements.length > 0) {
        if (!(unwrap(init).type === 'NewExpression' && (unwrap(init) as TSESTree.NewExpression).arguments.length === 0)) {
          throw new Blocked('it starts with elements');
        }
      }
      const element = ts ? elementType(context, target) : undefined;
      if (ts && !element) throw new Blocked('its element type is not written (annotate it as T[])');
      if (target.annotation?.type === 'TSTypeOperator') throw new Blocked('it is a readonly array');
      for (const ref of target.refs) ringUseEdits(context, ref, isRef, edits, 0, ts);
      const constant = names.take(base, 'CAPACITY', prefix);
      const generic = element ? `<${element}>` : '';
      if (target.annotation) edits.push({ range: target.annotation.range, text: `RingBuffer${generic}` });
      edits.push({ range: init.range, text: `new RingBuffer${generic}(${constant})` });
      edits.push(constantEdit(context, style, anchor, [`const ${constant} = ${DEFAULT_CAPACITY}`]));
      return {
        rewrite: {
          transform: 'ring-buffer',
          description: `Replace ${target.name} with a RingBuffer of capacity ${constant}`,
          edits: sortEdits(edits),
          imports: ['RingBuffer'],
        },
      };
    }

    const structure = target.kind === 'set' ? 'TtlSet' : 'TtlMap';
    const value = unwrap(init);
    if (target.kind === 'record') {
      if (value.type !== 'ObjectExpression' || value.properties.length > 0) throw new Blocked('it starts with entries');
    } else if (value.type !== 'NewExpression' || value.arguments.length > 0) {
      throw new Blocked(`it starts with entries (${textOf(text, init).slice(0, 60)})`);
    }
    let args = ts ? typeArgs(context, target) : undefined;
    if (ts && !args) {
      if (target.kind === 'record') throw new Blocked('its key and value types are not written (annotate it as Record<K, V>)');
      args = target.kind === 'set' ? ['any'] : ['any', 'any'];
    }
    const generic = args ? `<${args.join(', ')}>` : '';
    if (target.kind === 'record') {
      for (const ref of target.refs) recordUseEdits(context, ref, edits, ts);
      if (target.annotation) edits.push({ range: target.annotation.range, text: `TtlMap${generic}` });
    } else {
      for (const ref of target.refs) mapUseCheck(context, target, ref);
    }
    const max = names.take(base, 'MAX', prefix);
    const ttl = cache ? names.take(base, 'TTL_MS', prefix) : undefined;
    const options = ttl ? `{ max: ${max}, ttl: ${ttl} }` : `{ max: ${max} }`;
    edits.push({ range: init.range, text: `new ${structure}${generic}(${options})` });
    const lines = [`const ${max} = ${DEFAULT_MAX_TEXT}`];
    if (ttl) lines.push(`const ${ttl} = ${DEFAULT_TTL_TEXT}`);
    edits.push(constantEdit(context, style, anchor, lines));
    return {
      rewrite: {
        transform: 'ttl-map',
        description: ttl
          ? `Replace ${target.name} with a ${structure} of at most ${max} entries expiring after ${ttl}`
          : `Replace ${target.name} with a ${structure} of at most ${max} entries`,
        edits: sortEdits(edits),
        imports: [structure],
      },
    };
  } catch (error) {
    if (error instanceof Blocked) return { skipReason: `${target.name} is not rewritten: ${error.message}` };
    throw error;
  }
}

/** Sorts edits by position and rejects overlaps (two uses rewriting the same text). */
function sortEdits(edits: TextEdit[]): TextEdit[] {
  const sorted = edits.slice().sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.range[0] < sorted[i - 1]!.range[1]) throw new Blocked('two of its uses overlap');
  }
  return sorted;
}
