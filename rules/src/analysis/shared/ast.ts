/**
 * Small TSESTree helpers shared by the analysis families (stable API: the listener analysis imports
 * them read-only). Every helper is O(depth) or O(1); none walks the whole tree.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/** The node's parent (TSESTree parents are set by ESLint, and by {@link walk} for the codemod's tree). */
export function parentOf(node: Node): Node | undefined {
  return (node as { parent?: Node }).parent ?? undefined;
}

/** True for the expression wrappers that do not change which object an expression denotes. */
export function isTransparentWrapper(node: Node): boolean {
  switch (node.type) {
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
    case 'ChainExpression':
      return true;
    default:
      return false;
  }
}

/**
 * Climbs from `node` through `x!`, `x as T`, `x satisfies T`, `<T>x` and optional-chain wrappers and
 * returns the outermost expression that still denotes the same value.
 */
export function outermost(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = parentOf(current);
    if (!parent || !isTransparentWrapper(parent)) return current;
    current = parent;
  }
}

/**
 * The identifier a parameter binds, through a TypeScript parameter property (`private x`) and a default
 * (`x = 1`); undefined for a destructuring pattern or a rest element. O(1).
 */
export function parameterIdentifier(param: TSESTree.Parameter): TSESTree.Identifier | undefined {
  const inner = param.type === 'TSParameterProperty' ? param.parameter : param;
  const id = inner.type === 'AssignmentPattern' ? inner.left : inner;
  return id.type === 'Identifier' ? id : undefined;
}

/** The name a parameter binds ({@link parameterIdentifier}). */
export function parameterName(param: TSESTree.Parameter): string | undefined {
  return parameterIdentifier(param)?.name;
}

/**
 * How a branch ends: the last statement of a block (undefined when the block is empty), or the
 * statement itself. Callers test it for an exit (`return`, `throw`, `break`, `continue`). O(1).
 */
export function lastStatement(branch: TSESTree.Statement): TSESTree.Statement | undefined {
  return branch.type === 'BlockStatement' ? branch.body.at(-1) : branch;
}

/** An `if` without `else` whose branch ends in `return` (`if (this.ready) return;`, `if (x) { ...; return y }`). O(1). */
export function returnsEarly(statement: Node): statement is TSESTree.IfStatement {
  return statement.type === 'IfStatement' && !statement.alternate && lastStatement(statement.consequent)?.type === 'ReturnStatement';
}

/**
 * Whether the text of `block` assigns the flag written `flag` (`this.attached`, `#ready`, `started`),
 * matched as written (`flag = true`, not `other.flag = true`; a declaration, `let flag = ...`, is no
 * assignment): `'true'` and `'false'` look for those literals; `'set'` also takes a fresh object, which
 * closes a lazy-initialisation gate (`if (client) return client; client = new Client()`), or a function
 * (`if (this.onMessage) return; this.onMessage = function (e) {...}`: the handler is its own flag, as in
 * mixpanel's `RecorderManager._setupParentFrameListener`, fresh review 18); `'unset'` takes
 * `false`, `null` or `undefined`, which opens one again. Used to read once flags. O(text of the block).
 */
export function assignsFlag(text: string, block: Node, flag: string, value: 'true' | 'false' | 'set' | 'unset' = 'true'): boolean {
  const body = text.slice(block.range[0], block.range[1]);
  const assigned = FLAG_VALUES[value];
  for (let i = body.indexOf(flag); i !== -1; i = body.indexOf(flag, i + 1)) {
    const before = body.charCodeAt(i - 1);
    if (i > 0 && (before === 46 /* . */ || before === 35 /* # */ || /[\w$]/u.test(body[i - 1]!))) continue;
    if (/(?:^|[^\w$])(?:let|var|const)\s+$/u.test(body.slice(Math.max(0, i - 8), i))) continue;
    if (assigned.test(body.slice(i + flag.length, i + flag.length + 16))) return true;
  }
  return false;
}

const FLAG_VALUES: Readonly<Record<'true' | 'false' | 'set' | 'unset', RegExp>> = {
  true: /^\s*=\s*true\b/u,
  false: /^\s*=\s*false\b/u,
  set: /^\s*=\s*(?:true\b|new\s|\{|\[|function\b|async\s|\([^()]*\)\s*(?::[^=]*)?=>|[\w$]+\s*=>)/u,
  unset: /^\s*=\s*(?:false|null|undefined)\b/u,
};

/** The operands of `A op B op ...` (`&&` or `||`), unwrapped, or the expression itself. O(operands). */
export function operandsOf(test: Node, operator: '&&' | '||'): Node[] {
  const t = unwrap(test);
  return t.type === 'LogicalExpression' && t.operator === operator ? [...operandsOf(t.left, operator), ...operandsOf(t.right, operator)] : [t];
}

/** `[]`, `{}`, `new Map()`, `new Set()`, `new Array()`: an empty container made on the spot, as in `x || []`. O(1). */
export function isEmptyFallback(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'ArrayExpression') return n.elements.length === 0;
  if (n.type === 'ObjectExpression') return n.properties.length === 0;
  return n.type === 'NewExpression' && n.arguments.length === 0 && n.callee.type === 'Identifier' && (n.callee.name === 'Map' || n.callee.name === 'Set' || n.callee.name === 'Array');
}

/**
 * An inline function whose first parameter is named as an error (`(err, result) => ...`, `error`, `er`):
 * Node's completion-callback convention, called once when a call completes. O(1).
 */
export function isErrorFirstCallback(node: Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  const n = unwrap(node);
  if (n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression') return false;
  const first = n.params[0];
  return first?.type === 'Identifier' && /^_?(?:err|error|er)$/u.test(first.name);
}

/** Strips `x!`, `x as T`, `x satisfies T`, `<T>x` and optional-chain wrappers from an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  while (isTransparentWrapper(current)) {
    current = (current as { expression: Node }).expression;
  }
  return current;
}

/** The static name of a member (`a.b` → `b`, `a.#b` → `#b`, `a['b']` → `b`), else undefined. */
export function memberName(member: TSESTree.MemberExpression): string | undefined {
  const property = member.property;
  if (!member.computed) {
    if (property.type === 'Identifier') return property.name;
    if (property.type === 'PrivateIdentifier') return `#${property.name}`;
    return undefined;
  }
  if (property.type === 'Literal' && typeof property.value === 'string') return property.value;
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name of a class member key (`x`, `#x`, `'x'`), else undefined for computed keys. */
export function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/** The method name of a call `a.b(...)` / `a?.b(...)` / `b(...)`, else undefined. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return memberName(callee);
  return undefined;
}

/** Function-like nodes (they open a new `arguments`/`this` scope unless arrow). */
export function isFunction(
  node: Node,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  );
}

/** The nearest enclosing function of `node` (not `node` itself), or undefined at module level. */
export function enclosingFunction(node: Node): TSESTree.FunctionLike | undefined {
  for (let current = parentOf(node); current; current = parentOf(current)) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** True when `inner` is `outer` or lies inside it (range containment: O(1)). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The statement directly in `Program.body` that contains `node` (an `export` wrapper included). */
export function topLevelStatement(node: Node): Node {
  let current = node;
  for (let parent = parentOf(current); parent && parent.type !== 'Program'; parent = parentOf(parent)) {
    current = parent;
  }
  return current;
}

/** The text of a node. */
export function textOf(text: string, node: Node | { range: readonly [number, number] }): string {
  return text.slice(node.range[0], node.range[1]);
}

/**
 * A normalised spelling of an expression used to compare keys (`map.get(k)` vs `map.set(k, v)`):
 * whitespace, `!`, type assertions and optional-chain markers removed. Not an equivalence proof,
 * a syntactic one.
 */
export function keyText(text: string, node: Node): string {
  const raw = textOf(text, unwrap(node));
  // Most keys (`id`, `event.type`) have nothing to normalise: one scan instead of three replaces.
  if (!KEY_NOISE.test(raw)) return raw;
  return raw
    .replace(/\s+/g, '')
    .replace(/\?\./g, '.')
    .replace(/!(?=[.[)]|$)/g, '');
}

/** The characters {@link keyText} removes or rewrites: whitespace, `?` of `?.`, `!`. */
const KEY_NOISE = /[\s?!]/;

/** 1-based line number of a character offset, through a precomputed line-start table. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** Offsets at which each line of `text` starts (O(n) once per file). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The variable `id` names: looked up from the innermost scope around it (the nearest ancestor that opens
 * one) outward, as the language resolves it. Undefined for a global the file does not declare.
 * O(depth + scopes).
 */
export function variableOf(scopeManager: TSESLint.Scope.ScopeManager, id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = null;
  for (let node: Node | undefined = id; node && !scope; node = parentOf(node)) scope = scopeManager.acquire(node, true);
  let variable: TSESLint.Scope.Variable | undefined;
  for (let current = scope; current && !variable; current = current.upper) variable = current.set.get(id.name);
  return variable;
}

/**
 * Class names of test doubles: they record every call on purpose (`MockLanguageModel.doGenerateCalls`),
 * and so do the test helpers a package ships for its users' tests (botbuilder-js' `TestAdapter`,
 * `TestTelemetryClient`). Neither runs in a long-lived process; both families skip them.
 */
export const TEST_DOUBLE = /^(?:Mock|Fake|Stub|Spy|Dummy|Scripted|Test)[A-Z_]/;

/**
 * Methods whose body runs a bounded number of times (start-up registration, and constructors): growth
 * there is not counted. Matched on the name of the function that directly contains the growth, by the
 * collection family and by the cross-file owner test (program-owners.ts).
 */
export const SETUP_NAME = /^(?:register|initiali[sz]e|init|setup|setUp|configure|install|define|bootstrap|mount|use|constructor)(?![a-z])/;

/**
 * Array methods that call their callback synchronously, a bounded number of times, within the call that
 * made it; and `String.prototype.replace`/`replaceAll` with a replacer function, called once per match
 * (rxjs.dev's `FirebaseGlob` constructor records each parameter of its glob in a replacer; fresh review 11).
 */
export const SYNC_ITERATION: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'sort', 'replace', 'replaceAll']);

/**
 * Plain functions that call the function they are given at most once, however often their wrapper is
 * called: `singleton(name, factory)` (the Remix-style process singleton: trigger.dev builds its web
 * app's services with it), lodash's `once(fn)` and sindresorhus' `onetime(fn)`. Both analysis families
 * read a function passed to one as running once per run of the call.
 */
export const ONCE_WRAPPERS: ReadonlySet<string> = new Set(['singleton', 'once', 'onetime']);

/**
 * The run-once wrapper call that `fn` is given to, if any ({@link ONCE_WRAPPERS}): `perProcess` for the
 * factory of a `singleton('name', fn)` with a literal name, which a process-wide registry keyed by that
 * name calls once wherever the call is written (trigger.dev's `getOtlpWorkerPool()`); otherwise `fn` runs
 * once per run of `call`. A named function expression may call itself again and never counts. O(1).
 */
export function onceWrapperOf(fn: Node, parent: Node | undefined = parentOf(fn)): { readonly call: TSESTree.CallExpression; readonly perProcess: boolean } | undefined {
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument) || (fn.type === 'FunctionExpression' && fn.id)) return undefined;
  const callee = unwrap(parent.callee);
  if (callee.type !== 'Identifier' || !ONCE_WRAPPERS.has(callee.name)) return undefined;
  const name = parent.arguments[0] && unwrap(parent.arguments[0]);
  const literalName = (name?.type === 'Literal' && typeof name.value === 'string') || (name?.type === 'TemplateLiteral' && name.expressions.length === 0);
  return { call: parent, perProcess: callee.name === 'singleton' && literalName && parent.arguments[1] === fn };
}

const ONE_SHOT_SCHEDULERS: ReadonlySet<string> = new Set(['setTimeout', 'setImmediate', 'queueMicrotask']);
/** Node's networking modules, as they are usually imported (`import net from 'node:net'`, `const http = require('http')`). */
const NODE_NETWORK_MODULES: ReadonlySet<string> = new Set(['net', 'tls', 'http', 'https', 'http2']);
/** Their calls whose callback argument is a once listener of the connection or request they make. */
const ONE_SHOT_NETWORK_CALLS: ReadonlySet<string> = new Set(['connect', 'createConnection', 'get', 'request']);

/**
 * Whether `fn` runs at most once per run of the code around it, where it is written: an IIFE; the
 * executor of `new Promise(...)`, which the constructor calls synchronously, once (an example script's
 * top-level `await new Promise((resolve) => { room.on(RoomEvent.TrackEnded, ...) })`: livekit
 * node-sdks); a reaction of a promise (`broker.start().then(() => { setInterval(...) })`: moleculer's
 * scripts), which settles once; the callback of a one-shot timer (`setTimeout`, `setImmediate`,
 * `queueMicrotask`, `process.nextTick`); jQuery's ready callback (`$(fn)`, `$(document).ready(fn)`),
 * once per page; and the callback of `net.connect`/`tls.connect`/`http.get`/`http.request` (and
 * `createConnection`), which Node registers as a once listener of the connection or request that call
 * makes (fresh review 10: node-red's editor pages and git askpass helper); and the callback of an AMD
 * `require([deps], fn)` or the factory of `define([deps], fn)` (RequireJS), called once when the
 * dependencies have loaded (NodeBB's admin page script; fresh review 13); and the handler of the page's
 * own `addEventListener('load' | 'DOMContentLoaded', fn)` written without a target. A named function expression
 * may schedule itself again, so it never counts. Run-once wrappers are {@link onceWrapperOf}. O(1).
 */
export function runsOnceWhereWritten(fn: Node, parent: Node | undefined = parentOf(fn)): boolean {
  if (parent?.type === 'NewExpression') return isPromiseExecutor(fn, parent);
  if (parent?.type !== 'CallExpression') return false;
  const callee = unwrap(parent.callee);
  if (callee === fn) return true;
  if (!parent.arguments.includes(fn as TSESTree.CallExpressionArgument) || (fn.type === 'FunctionExpression' && fn.id)) return false;
  if (callee.type === 'MemberExpression') {
    const method = memberName(callee);
    if (method === 'then' || method === 'catch' || method === 'finally') return true;
    const object = unwrap(callee.object);
    if (method === 'ready' && parent.arguments[0] === fn && object.type === 'CallExpression' && isJQuery(object.callee)) return true;
    if (object.type === 'Identifier' && NODE_NETWORK_MODULES.has(object.name) && ONE_SHOT_NETWORK_CALLS.has(method ?? '') && parent.arguments.at(-1) === fn) return true;
    return method === 'nextTick' && object.type === 'Identifier' && object.name === 'process' && parent.arguments[0] === fn;
  }
  if (isJQuery(callee) && parent.arguments.length === 1) return true;
  if (callee.type === 'Identifier' && AMD_LOADERS.has(callee.name)) {
    const args = parent.arguments;
    return args.at(-1) === fn && args.some((a) => a.type === 'ArrayExpression');
  }
  // the page's `addEventListener('load', fn)` written without `window.` (tinybase's site scripts; fresh
  // review 14): the page loads once
  if (callee.type === 'Identifier' && callee.name === 'addEventListener' && parent.arguments[1] === fn) {
    const event = parent.arguments[0];
    return event?.type === 'Literal' && PAGE_LOAD_EVENTS.has(String(event.value));
  }
  return callee.type === 'Identifier' && ONE_SHOT_SCHEDULERS.has(callee.name) && parent.arguments[0] === fn;
}

/** Whether `fn` is the executor of `new Promise(fn)`, which the constructor calls once, synchronously. O(1). */
export function isPromiseExecutor(fn: Node, parent: Node | undefined = parentOf(fn)): boolean {
  return parent?.type === 'NewExpression' && parent.arguments[0] === fn && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise';
}

/** Events a page fires once, as it finishes loading. */
export const PAGE_LOAD_EVENTS: ReadonlySet<string> = new Set(['DOMContentLoaded', 'load']);

/**
 * Whether the function declaration `fn` is referenced at least once, and only by calls (`f(...)`, never
 * passed as a value or exported by name), every one of which satisfies `where`. The references are the
 * scope manager's, so a shadowing binding of the same name elsewhere does not count. O(references).
 */
export function referencedOnlyByCalls(fn: TSESTree.FunctionDeclaration, scopeManager: TSESLint.Scope.ScopeManager, where: (call: TSESTree.CallExpression) => boolean): boolean {
  const name = fn.id?.name;
  if (name === undefined) return false;
  const variable = scopeManager.getDeclaredVariables(fn).find((v) => v.name === name);
  if (!variable || variable.references.length === 0) return false;
  return variable.references.every((ref) => {
    const call = parentOf(ref.identifier as Node);
    return call?.type === 'CallExpression' && call.callee === ref.identifier && where(call);
  });
}

/** Events after which a stream emits no more data: a `data` handler paired with one reads the stream to its end. */
export const STREAM_END_EVENTS: ReadonlySet<string> = new Set(['end', 'close', 'finish']);

/** AMD loaders: `require([deps], callback)`, `requirejs([deps], callback)`, `define([deps], factory)`. */
const AMD_LOADERS: ReadonlySet<string> = new Set(['require', 'requirejs', 'define']);

/**
 * Whether `fn` runs within the run of the code around it: a callback of a synchronous iteration
 * ({@link SYNC_ITERATION}: `list.forEach(fn)`, `text.replace(re, fn)`, by callee name) or a function that
 * runs at most once where it is written ({@link runsOnceWhereWritten}). The collection family's driving
 * function and the listener family's once flags look through such functions. O(1).
 */
export function runsWithinItsCaller(fn: Node, parent: Node | undefined = parentOf(fn)): boolean {
  if (runsOnceWhereWritten(fn, parent)) return true;
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = calleeName(parent);
  return name !== undefined && SYNC_ITERATION.has(name);
}

/** `$` or `jQuery`, the global of jQuery. */
function isJQuery(node: Node): boolean {
  const callee = unwrap(node);
  return callee.type === 'Identifier' && (callee.name === '$' || callee.name === 'jQuery');
}
