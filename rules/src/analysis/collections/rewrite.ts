/**
 * The bounded rewrite of a reported collection, as text edits that keep the file type-correct:
 * arrays → `RingBuffer` (transform `ring-buffer`), Maps and records → `TtlMap`, Sets → `TtlSet`
 * (transform `ttl-map`). The bound is a named constant inserted on its own line before the class or
 * the binding's statement. When a use cannot be rewritten safely there is no rewrite, and the
 * `skipReason` says which use. Imports are NOT part of the edits (`rewrite.imports` names them; the
 * rule's suggestion and the codemod add the import). O(references) per finding.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingFunction, isFunction, memberName, outermost, parentOf, textOf, topLevelStatement, unwrap } from '../shared/ast.js';
import { indentAt, lineStartAt, screamingSnake, type FileStyle } from '../shared/style.js';
import type { AnalysisContext } from '../context.js';
import type { Rewrite, TextEdit } from '../types.js';
import { declaratorOf, type Target } from './model.js';

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
  /** The module's own bindings (read only: shared by every rule's allocator of the file). */
  readonly #module: ReadonlySet<string>;
  /** The names this allocator handed out. */
  readonly #taken = new Set<string>();
  readonly #shared: ReadonlySet<string>;
  constructor(moduleNames: ReadonlySet<string>, sharedBases: ReadonlySet<string>) {
    this.#module = moduleNames;
    this.#shared = sharedBases;
  }
  take(base: string, suffix: string, prefix: string | undefined): string {
    let name = this.#shared.has(base) && prefix ? `${prefix}_${base}_${suffix}` : `${base}_${suffix}`;
    const first = name;
    for (let i = 2; this.#module.has(name) || this.#taken.has(name); i++) name = `${first}_${i}`;
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

/**
 * The comments in `text[from, to)`, a stretch between two statements, which holds only whitespace and
 * comments, so a forward scan is exact (`//` to the end of the line, `/*` to the next `*\/`). A hashbang
 * line at the start of the file and comments on the line where the previous statement ends (they
 * trail it) are left out; any other character restarts the list. O(to - from).
 */
function gapComments(text: string, from: number, to: number): [number, number][] {
  const found: [number, number][] = [];
  let i = from;
  if (i === 0 && text.startsWith('#!')) i = text.indexOf('\n') === -1 ? to : text.indexOf('\n');
  // A comment on the line where the previous statement ends trails that statement: it stays there.
  let trailing = from > 0;
  while (i < to) {
    if (text[i] === '\n') trailing = false;
    if (trailing && (text.startsWith('//', i) || text.startsWith('/*', i))) {
      const end = text.startsWith('//', i) ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
      i = end <= i ? to : Math.min(end, to);
    } else if (text.startsWith('//', i)) {
      let end = text.indexOf('\n', i);
      if (end === -1 || end > to) end = to;
      if (text[end - 1] === '\r') end--;
      found.push([i, end]);
      i = end;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? to : Math.min(close + 2, to);
      found.push([i, end]);
      i = end;
    } else {
      if (!/\s/.test(text[i]!)) found.length = 0;
      i++;
    }
  }
  return found;
}

/**
 * Where a constant goes: the start of the line of the top-level statement, above its leading comments.
 * The comments come from the text between the previous top-level statement and this one, not from
 * `ast.comments`, which the codemod's fast parse computes on first read by parsing the file again.
 */
function insertionPoint(context: AnalysisContext, anchor: Node): number {
  const statement = topLevelStatement(anchor);
  let start = statement.range[0];
  // `@Component({...}) export class C`: the decorators come before the statement's range starts
  // (typescript-estree starts an export at `export`); a constant between them and the class would
  // detach them (TS1206, genkit's Angular samples, fourth fresh review).
  const declared = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
  const decorators = declared && (declared.type === 'ClassDeclaration' || declared.type === 'ClassExpression') ? declared.decorators : undefined;
  if (decorators && decorators.length > 0) start = Math.min(start, decorators[0]!.range[0]);
  const body = context.ast.body as Node[];
  const index = body.indexOf(statement);
  const from = index > 0 ? body[index - 1]!.range[1] : 0;
  const comments = gapComments(context.text, from, start);
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i]!;
    if (context.text.slice(comment[1], start).trim() !== '') break;
    start = comment[0];
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
 * True when the index read `read` (`x[i]`, or a record's `obj[k]`; `member` is it with its wrappers) is
 * already treated as possibly undefined, so the rewritten `x.at(i)` / `obj.get(k)` must stay
 * `T | undefined` (no `!`): it is already
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
      if (statement && parent.operator === '=' && depth === 0) {
        // `this.log = loaded` (a reassignment from loaded data is not a trim): a new buffer holding the
        // newest items of the new value, `this.log = RingBuffer.from(loaded, LOG_CAPACITY)`. Two insertions
        // around the value, so uses of the field inside it keep their own edits; the capacity constant
        // and the element type are filled in by rewriteTarget ({@link fillRingPlaceholders}).
        edits.push({ range: [parent.right.range[0], parent.right.range[0]], text: `RingBuffer.from${RING_GENERIC}(` });
        edits.push({ range: [parent.right.range[1], parent.right.range[1]], text: `, ${RING_CAPACITY})` });
        return;
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

/**
 * The edits through a destructured alias of an array field (`const { queue } = this`): the local holds
 * the RingBuffer too, so its reads are rewritten like those of `const q = this.queue` (one level of
 * {@link ringUseEdits}). Blocked when the pattern is annotated (the annotation names the array type)
 * or the local is reassigned. O(references of the local).
 */
function destructuredRingEdits(context: AnalysisContext, binding: TSESTree.Identifier, isRef: (n: Node) => boolean, edits: TextEdit[], ts: boolean): void {
  const declarator = declaratorOf(binding);
  if (!declarator || declarator.id.typeAnnotation) throw new Blocked(`it is aliased as ${textOf(context.text, declarator?.id ?? binding)}`);
  const variable = context.scopeManager.getDeclaredVariables(declarator).find((v) => v.name === binding.name);
  if (!variable) throw new Blocked('unsupported alias');
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) throw new Blocked(`its alias ${binding.name} is reassigned`);
    ringUseEdits(context, reference.identifier as Node, isRef, edits, 1, ts);
  }
}

/** Placeholders of {@link ringUseEdits}' `RingBuffer.from(...)`, known only once the rewrite names its constant. */
const RING_GENERIC = '\u0000generic\u0000';
const RING_CAPACITY = '\u0000capacity\u0000';

/**
 * Fills the placeholders of `RingBuffer.from(...)` edits with the element type (`<T>`, or nothing) and
 * the capacity constant. Throws {@link Blocked} when a flushing buffer is reassigned: its `onEvict`
 * options would have to be repeated at every reassignment.
 */
function fillRingPlaceholders(edits: TextEdit[], generic: string, constant: string | undefined): void {
  for (let i = 0; i < edits.length; i++) {
    const edit = edits[i]!;
    if (!edit.text.includes('\u0000')) continue;
    if (constant === undefined) throw new Blocked('it is reassigned, and its evicted items go to a flush call that each new buffer would have to repeat');
    edits[i] = { range: edit.range, text: edit.text.replace(RING_GENERIC, generic).replace(RING_CAPACITY, constant) };
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
      // Two edits around the value rather than one over the whole statement, so reads of the record
      // inside the value get their own edits (`counts[k] = (counts[k] ?? 0) + 1` →
      // `counts.set(k, (counts.get(k) ?? 0) + 1)`). Parentheses around the value go with the two edits.
      edits.push({ range: [expr.range[0], up.right.range[0]], text: `${refText}.set(${key}, ` });
      edits.push({ range: [up.right.range[1], up.range[1]], text: ')' });
      return;
    }
    if (up?.type === 'UnaryExpression' && up.operator === 'delete') {
      edits.push({ range: up.range, text: `${refText}.delete(${key})` });
      return;
    }
    if (up?.type === 'UpdateExpression') throw new Blocked(`it updates ${textOf(text, up)}`);
    // `obj[k]` is typed `V` unless the project sets noUncheckedIndexedAccess, `get(k)` is `V | undefined`:
    // a read used as a value gets `!`, the same value at run time and the index access's type (hono's
    // `return patternCache[key]` into `Pattern | null`, `branches[id].push(x)`), as an array read gets
    // `at(i)!`; a read already treated as possibly undefined gets none.
    const assert = ts && !parent.optional && !readsAsMaybeUndefined(parent, member);
    edits.push({ range: [expr.range[1], parent.range[1]], text: `${parent.optional ? '?.' : '.'}get(${key})${assert ? '!' : ''}` });
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

// ---------------------------------------------------------------------------------------------
// Flush hook (seed 000): a local array that the code hands, after its loop, to an upload/log call
// becomes a RingBuffer whose `onEvict` hands the evicted batches to that same call, so no event the
// code used to upload is dropped. Docs: docs/codemods/ring-buffer.md, "Arrays uploaded at the end".
// ---------------------------------------------------------------------------------------------

/**
 * The flush size written next to the capacity constant: half the capacity, rounded up (seed 000's
 * accepted fix uploaded the oldest half of a full buffer at a time). Derived from the capacity
 * constant, so `--capacity` keeps it at half. Memory bound: `capacity + flushSize - 1` items.
 */
export function flushSizeText(capacityConstant: string): string {
  return `Math.ceil(${capacityConstant} / 2)`;
}

/**
 * Words of a callee name (`span.log`, `flushEventsBatch`, `logger.info`, `upload_events`) that mark
 * an upload sink: a call that hands data on and can be called once per batch because it appends.
 * A name with a `file` word (`writeFile`, `saveFile`) replaces what it wrote before and is no sink;
 * `save`/`store`/`put`/`set` are left out for the same reason (they often overwrite one record).
 */
const SINK_WORDS = new Set([
  'log', 'logs', 'upload', 'flush', 'send', 'emit', 'publish', 'ingest', 'append', 'track', 'report',
  'record', 'info', 'debug', 'warn', 'error', 'trace', 'post', 'submit', 'enqueue', 'archive', 'export',
  'write',
]);

/** True when the callee name of `call` names an upload/log sink ({@link SINK_WORDS}). */
export function isSinkCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? memberName(callee) : undefined;
  if (!name) return false;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return !words.includes('file') && words.some((word) => SINK_WORDS.has(word));
}

/**
 * The upload call that receives the value of `ref`: `ref` is an argument, or sits (at any depth) in
 * an object/array literal or a spread that is one, or in the argument of another call whose result is
 * passed on (`span.log({ events: JSON.stringify(events) })`). Member reads (`events.length`) do not
 * hand the array on. Undefined when no sink call receives it.
 */
function sinkCallOf(ref: Node): TSESTree.CallExpression | undefined {
  let expr = outermost(ref);
  for (;;) {
    const parent = parentOf(expr);
    if (!parent) return undefined;
    if (parent.type === 'Property' && parent.value === expr && parentOf(parent)?.type === 'ObjectExpression') {
      expr = outermost(parentOf(parent)!);
    } else if (parent.type === 'ArrayExpression' || parent.type === 'SpreadElement') {
      expr = parent.type === 'ArrayExpression' ? outermost(parent) : parent;
    } else if (parent.type === 'CallExpression' && (parent.arguments as Node[]).includes(expr)) {
      if (isSinkCall(parent)) return parent;
      expr = outermost(parent);
    } else {
      return undefined;
    }
  }
}

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** How a statement that is not a plain block or try/finally makes its body conditional, for skip reasons. */
function pathKind(node: Node): string {
  switch (node.type) {
    case 'IfStatement':
      return 'inside an if';
    case 'SwitchCase':
    case 'SwitchStatement':
      return 'inside a switch';
    case 'TryStatement':
    case 'CatchClause':
      return 'inside a catch';
    case 'LabeledStatement':
      return 'inside a labeled statement';
    default:
      return LOOPS.has(node.type) ? 'inside a loop' : `inside a ${node.type}`;
  }
}

/** One upload call after the loop, as the flush hook repeats it. */
interface EndCall {
  readonly node: TSESTree.CallExpression;
  /** The statement that makes the call (the flush goes before the first one). */
  readonly statement: Node;
  /** `await upload(x)`, or `return upload(x)` in an async function. */
  readonly awaited: boolean;
  /** Tests of the enclosing `if`s (outermost first) that onEvict repeats: `if (span && shouldTrace)`. */
  readonly conditions: readonly Node[];
}

/** The upload calls after the loop that the onEvict hook repeats for every evicted batch. */
export interface FlushPlan {
  readonly calls: readonly EndCall[];
}

/** True when `ref` is the receiver of a growth call (`x.push(...)`, `x.unshift(...)`) or assigned (`x = [...x, y]`). */
function isGrowthRef(ref: Node): boolean {
  const assignment = parentOf(outermost(ref));
  if (assignment?.type === 'AssignmentExpression' && assignment.left === outermost(ref)) return true;
  const member = parentOf(outermost(ref));
  if (member?.type !== 'MemberExpression' || member.object !== outermost(ref)) return false;
  const name = memberName(member);
  const call = parentOf(outermost(member));
  return (name === 'push' || name === 'unshift') && call?.type === 'CallExpression' && call.callee === outermost(member);
}

/** The value references (scope-manager) of the identifiers inside `node`. O(scopes + references) of the file. */
function referencesWithin(context: AnalysisContext, node: Node): TSESLint.Scope.Reference[] {
  const found: TSESLint.Scope.Reference[] = [];
  const visit = (scope: TSESLint.Scope.Scope): void => {
    for (const reference of scope.references) {
      if (contains(node, reference.identifier as Node) && reference.isValueReference) found.push(reference);
    }
    for (const child of scope.childScopes) {
      const block = child.block as Node;
      if (block.range[0] < node.range[1] && node.range[0] < block.range[1]) visit(child);
    }
  };
  if (context.scopeManager.globalScope) visit(context.scopeManager.globalScope as TSESLint.Scope.Scope);
  return found;
}

/**
 * True for an `if` test that onEvict can evaluate again with the same result, as long as its bindings
 * are not reassigned ({@link checkRepeatable}): identifiers, literals, `!`, `typeof`, `&&`, `||`, `??`
 * and (in)equality comparisons of those (`span && shouldTrace`, `mode !== 'off'`). Member reads and calls
 * may change between an eviction and the end of the run, so they do not qualify.
 */
function isStableCondition(node: Node): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case 'Identifier':
    case 'Literal':
      return true;
    case 'UnaryExpression':
      return (value.operator === '!' || value.operator === 'typeof') && isStableCondition(value.argument);
    case 'LogicalExpression':
      return isStableCondition(value.left) && isStableCondition(value.right);
    case 'BinaryExpression':
      return ['===', '!==', '==', '!='].includes(value.operator) && value.left.type !== 'PrivateIdentifier' && isStableCondition(value.left) && isStableCondition(value.right);
    default:
      return false;
  }
}

/**
 * Throws {@link Blocked} unless `node` (an end upload call or the condition around it) can run again
 * from onEvict with the same meaning: every binding it reads is declared before the array (or outside
 * its function), never reassigned, not a catch binding, and not another local array (whose own rewrite
 * would make it a RingBuffer). References to the array itself are replaced by the batch. O(references).
 */
function checkRepeatable(context: AnalysisContext, target: Target, fn: TSESTree.FunctionLike, node: Node, what: string): void {
  for (const reference of referencesWithin(context, node)) {
    const variable = reference.resolved;
    if (!variable || variable === target.variable) continue;
    const name = variable.name;
    if (variable.references.some((r) => r.isWrite() && !r.init)) {
      throw new Blocked(`${what} uses ${name}, which is reassigned, so onEvict cannot repeat it`);
    }
    const def = variable.defs[0];
    if (def && def.type === 'Variable' && contains(fn, def.node as Node) && def.node.range[0] > target.decl.range[0]) {
      throw new Blocked(`${what} uses ${name}, which is declared after ${target.name}, so onEvict cannot repeat it`);
    }
    if (def && def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && contains(fn, def.node as Node)) {
      const init = unwrap(def.node.init as Node);
      if (init.type === 'ArrayExpression' && init.elements.length === 0) {
        // Its own rewrite would make it a RingBuffer: onEvict would pass that buffer with every batch.
        throw new Blocked(`${what} also passes ${name}, another local array; hand evicted items to it by hand`);
      }
    }
    if (def && def.type === 'CatchClause') throw new Blocked(`${what} uses the catch binding ${name}`);
  }
}

/**
 * The flush plan of a local array: the upload calls that receive it after the loop that grows it.
 * Undefined when none does (the plain RingBuffer rewrite applies). Throws {@link Blocked} when the
 * array is uploaded at the end but the upload cannot be repeated safely from `onEvict` (the plain
 * rewrite would drop evicted items the code uploads today, so the finding is skipped instead):
 * the upload runs on a path onEvict cannot tell (an `if` test that is not stable, an `else`, a
 * `catch`, a `switch`, a loop), in a callback, as part of a larger expression, from several blocks,
 * or reads a binding that is declared after the array, reassigned, or another local array.
 * Stable `if` tests around the upload are returned with it, for onEvict to repeat.
 * O(references of the file).
 */
function flushPlan(context: AnalysisContext, target: Target): FlushPlan | undefined {
  const text = context.text;
  const declaration = parentOf(target.decl);
  if (target.decl.type !== 'VariableDeclarator' || declaration?.type !== 'VariableDeclaration') return undefined;
  const fn = enclosingFunction(target.decl);
  const growth = target.refs.filter(isGrowthRef);
  if (!fn || growth.length === 0) return undefined;
  const lastGrowth = Math.max(...growth.map((ref) => ref.range[1]));
  const block = parentOf(declaration);
  const calls = new Map<TSESTree.CallExpression, EndCall>();
  for (const ref of target.refs) {
    const call = sinkCallOf(ref);
    if (!call || calls.has(call) || call.range[0] < lastGrowth) continue;
    // A call inside a loop or callback that also grows the array uploads mid-stream: not an end upload.
    let midStream = false;
    for (let node = parentOf(call); node && node !== block; node = parentOf(node)) {
      if ((LOOPS.has(node.type) || isFunction(node)) && growth.some((g) => contains(node, g))) midStream = true;
    }
    if (midStream) continue;
    const snippet = textOf(text, call).replace(/\s+/g, ' ').slice(0, 60);
    if (enclosingFunction(call) !== fn) {
      throw new Blocked(`its upload at the end (${snippet}) runs in a callback, not after the loop; hand evicted items to it by hand`);
    }
    let expr = outermost(call);
    let up = parentOf(expr);
    const awaitedDirectly = up?.type === 'AwaitExpression';
    if (awaitedDirectly) {
      expr = outermost(up!);
      up = parentOf(expr);
    }
    let statement: Node | undefined;
    if (up?.type === 'ExpressionStatement' || up?.type === 'ReturnStatement') statement = up;
    else if (up?.type === 'VariableDeclarator' && up.init === expr && parentOf(up)?.type === 'VariableDeclaration') statement = parentOf(up);
    if (!statement) throw new Blocked(`its upload at the end (${snippet}) is part of a larger expression; hand evicted items to it by hand`);
    // Conditions of enclosing `if`s (then-branch only) that onEvict can test again: outermost first.
    const conditions: Node[] = [];
    for (let node: Node = statement; node !== block; ) {
      const parent = parentOf(node);
      if (!parent || isFunction(parent)) throw new Blocked(`its upload at the end (${snippet}) is not in the block of ${target.name}`);
      if (parent.type === 'IfStatement' && parent.consequent === node && isStableCondition(parent.test)) {
        conditions.unshift(parent.test);
        node = parent;
        continue;
      }
      const ok = parent.type === 'BlockStatement' || (parent.type === 'TryStatement' && parent.handler !== node);
      if (!ok) throw new Blocked(`its upload at the end (${snippet}) runs only on some paths (${pathKind(parent)}); hand evicted items to it by hand`);
      node = parent;
    }
    checkRepeatable(context, target, fn, call, `its upload at the end (${snippet})`);
    for (const condition of conditions) checkRepeatable(context, target, fn, condition, `the condition of its upload at the end (${textOf(text, condition).slice(0, 40)})`);
    const awaited = awaitedDirectly || (statement.type === 'ReturnStatement' && fn.async);
    calls.set(call, { node: call, statement, awaited, conditions });
  }
  if (calls.size === 0) return undefined;
  const list = [...calls.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
  if (new Set(list.map((c) => parentOf(c.statement))).size > 1) {
    throw new Blocked(`it is uploaded at the end from several blocks (${list.map((c) => textOf(text, c.node.callee)).join(', ')}); hand evicted items to them by hand`);
  }
  return { calls: list };
}

/** An identifier name not used in `texts`: the first free candidate, else the first with a counter. */
function freeName(candidates: readonly string[], texts: readonly string[]): string {
  const used = (name: string): boolean => {
    const pattern = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
    return texts.some((t) => pattern.test(t));
  };
  for (const name of candidates) if (!used(name)) return name;
  for (let i = 2; ; i++) if (!used(`${candidates[0]}${i}`)) return `${candidates[0]}${i}`;
}

/**
 * The edits of a flush-hook rewrite besides the capacity constant and the annotation:
 * - the initialiser → `new RingBuffer<T>(CAPACITY, { flushSize, onEvict })`, where `onEvict` repeats
 *   each end upload with the evicted batch in place of the array (the other uses of the array inside
 *   the call, such as `events.length`, read the batch too);
 * - when an end upload is awaited: `let <name>Uploads = Promise.resolve()` before the declaration;
 *   `onEvict` chains every batch's upload on it (uploads run one at a time, in eviction order) and
 *   marks the chain handled so a failure does not crash the process as an unhandled rejection; the
 *   end of the run awaits the chain, which rethrows the first failure (later batches are not
 *   uploaded after a failure: the order stays gap-free);
 * - before the first end upload: `<name>.flush()` (hands the pending batch to onEvict) and, with the
 *   chain, `await <name>Uploads`; the end upload itself then reads `<name>.toArray()` (use edits).
 * With a `clear()` among the uses (from `length = 0` / `= []`), onEvict ignores reason `'clear'`:
 * the code drops those items today, it never uploaded them.
 */
function flushEdits(
  context: AnalysisContext,
  style: FileStyle,
  target: Target,
  plan: FlushPlan,
  names: { generic: string; constant: string; flushSize: string; ts: boolean; clears: boolean },
): TextEdit[] {
  const text = context.text;
  const { semi, eol } = style;
  const declaration = parentOf(target.decl)!;
  const block = parentOf(declaration)!;
  const indent = indentAt(text, declaration.range[0]);
  const outer = indentAt(text, block.range[0]);
  const unit = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '  ';
  // Texts that end up inside onEvict: its parameters must not shadow a binding they read.
  const callTexts = plan.calls.flatMap((c) => [textOf(text, c.node), ...c.conditions.map((condition) => textOf(text, condition))]);
  const batch = freeName(['batch', 'evicted', 'evictedItems'], callTexts);
  const reason = freeName(['reason', 'evictReason'], callTexts);
  const chained = plan.calls.some((c) => c.awaited);
  const chain = chained ? freeName([`${target.name.replace(/^[#_$]+/, '')}Uploads`], [text]) : undefined;

  /** The end call with the array replaced by the batch. */
  const copy = (call: TSESTree.CallExpression): string => {
    const replacements: TextEdit[] = [];
    for (const ref of target.refs) {
      if (!contains(call, ref)) continue;
      const property = parentOf(ref);
      if (property?.type === 'Property' && property.shorthand && property.value === ref) {
        replacements.push({ range: property.range, text: `${textOf(text, ref)}: ${batch}` });
      } else {
        replacements.push({ range: ref.range, text: batch });
      }
    }
    let out = textOf(text, call);
    for (const r of replacements.sort((a, b) => b.range[0] - a.range[0])) {
      out = out.slice(0, r.range[0] - call.range[0]) + r.text + out.slice(r.range[1] - call.range[0]);
    }
    return out;
  };

  const conditions = plan.calls[0]!.conditions;
  const pad = (extra: number): string => indent + unit.repeat(2 + (conditions.length > 0 ? 1 : 0) + extra);
  const calls: string[] = [];
  if (chain) {
    const [first] = plan.calls;
    const then =
      plan.calls.length === 1 && first!.awaited
        ? `() => ${copy(first!.node)}`
        : `async () => {${eol}${plan.calls.map((c) => `${pad(1)}${c.awaited ? 'await ' : ''}${copy(c.node)}${semi}${eol}`).join('')}${pad(0)}}`;
    calls.push(`${pad(0)}${chain} = ${chain}.then(${then})${semi}`);
    calls.push(`${pad(0)}void ${chain}.catch(() => undefined)${semi} // no unhandled rejection: \`await ${chain}\` rethrows it`);
  } else {
    for (const c of plan.calls) calls.push(`${pad(0)}${copy(c.node)}${semi}`);
  }
  const body: string[] = [];
  const top = indent + unit + unit;
  if (names.clears) body.push(`${top}if (${reason} === 'clear') return${semi}`);
  if (conditions.length > 0) {
    // `a || b` and `a ?? b` need parentheses inside `&&` (`??` cannot even mix with `&&` without them).
    const operand = (c: Node): string => {
      const value = unwrap(c);
      return value.type === 'LogicalExpression' && value.operator !== '&&' ? `(${textOf(text, c)})` : textOf(text, c);
    };
    const test = conditions.length === 1 ? textOf(text, conditions[0]!) : conditions.map(operand).join(' && ');
    body.push(`${top}if (${test}) {`, ...calls, `${top}}`);
  } else {
    body.push(...calls);
  }
  const params = names.clears ? `(${batch}, ${reason})` : `(${batch})`;
  const init =
    `new RingBuffer${names.generic}(${names.constant}, {${eol}` +
    `${indent}${unit}flushSize: ${names.flushSize},${eol}` +
    `${indent}${unit}onEvict: ${params} => {${eol}` +
    body.map((line) => `${line}${eol}`).join('') +
    `${indent}${unit}},${eol}` +
    `${indent}})`;
  const edits: TextEdit[] = [{ range: target.init!.range, text: init }];

  const lineStart = (offset: number): boolean => text.slice(lineStartAt(text, offset), offset).trim() === '';
  if (chain) {
    const line = `let ${chain}${names.ts ? ': Promise<unknown>' : ''} = Promise.resolve()${semi || ';'}`;
    const at = declaration.range[0];
    edits.push(lineStart(at) ? { range: [at, at], text: `${line}${eol}${indent}` } : { range: [at, at], text: `${line} ` });
  }
  const first = plan.calls[0]!.statement;
  const at = first.range[0];
  // Without semicolons, a statement that starts with ( [ or ` would continue the inserted line.
  const end = /^[([`]/.test(text.slice(at, at + 1)) ? ';' : semi;
  const flushLines = [`${target.name}.flush()${end}`, ...(chain ? [`await ${chain}${end}`] : [])];
  const owner = parentOf(first);
  if (owner?.type === 'IfStatement' && owner.consequent === first) {
    // `if (span) await span.log({ events })`: the flush joins the upload in a new block.
    const ifIndent = indentAt(text, owner.range[0]);
    const inside = ifIndent + unit;
    edits.push({ range: [at, at], text: `{${eol}${flushLines.map((l) => `${inside}${l}${eol}`).join('')}${inside}` });
    edits.push({ range: [first.range[1], first.range[1]], text: `${eol}${ifIndent}}` });
    return edits;
  }
  const endIndent = indentAt(text, at);
  edits.push({
    range: [at, at],
    text: lineStart(at) ? flushLines.map((l) => `${l}${eol}${endIndent}`).join('') : `${flushLines.map((l) => (l.endsWith(';') ? l : `${l};`)).join(' ')} `,
  });
  return edits;
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
      for (const binding of target.destructured ?? []) {
        if (parentOf(binding)?.type === 'AssignmentPattern') throw new Blocked(`it is aliased with a default (${textOf(text, parentOf(binding)!)})`);
        destructuredRingEdits(context, binding, isRef, edits, ts);
      }
      const plan = target.scope === 'local' ? flushPlan(context, target) : undefined;
      const constant = names.take(base, 'CAPACITY', prefix);
      const generic = element ? `<${element}>` : '';
      if (target.annotation) edits.push({ range: target.annotation.range, text: `RingBuffer${generic}` });
      fillRingPlaceholders(edits, generic, plan ? undefined : constant);
      if (!plan) {
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
      const flushSize = names.take(base, 'FLUSH_SIZE', prefix);
      const clears = edits.some((edit) => edit.text.endsWith('.clear()'));
      edits.push(...flushEdits(context, style, target, plan, { generic, constant, flushSize, ts, clears }));
      edits.push(constantEdit(context, style, anchor, [`const ${constant} = ${DEFAULT_CAPACITY}`, `const ${flushSize} = ${flushSizeText(constant)}`]));
      const sinks = [...new Set(plan.calls.map((call) => textOf(text, call.node.callee)))].join(' and ');
      return {
        rewrite: {
          transform: 'ring-buffer',
          description: `Replace ${target.name} with a RingBuffer of capacity ${constant} that hands evicted items to ${sinks} in batches of ${flushSize}`,
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
      const binding = target.destructured?.[0];
      if (binding) throw new Blocked(`it is aliased as ${textOf(text, declaratorOf(binding)?.id ?? binding)}`);
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
