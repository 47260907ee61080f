/**
 * The one AST pass of the listener family. It records every registration (`on`, `addEventListener`,
 * `subscribe`, `observe`, ...), every removal (`off`, `removeAllListeners`, `disconnect`, ...), every
 * `setInterval`/`clearInterval`, the classes with their members and teardown methods, and where
 * handles and disposers escape. Both rules then decide from these facts without walking the tree again.
 * Complexity: O(nodes) time, O(sites) memory.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';
import { assignsFlag, isErrorFirstCallback, isFunction, lastStatement, onceWrapperOf, operandsOf, outermost, parentOf, referencedOnlyByCalls, runsOnceWhereWritten, runsWithinItsCaller } from '../shared/ast.js';
import { type Chain, chainOf, findVariable, iteratedList, memberKeyName, propertyName, staticString, unwrap } from './keys.js';

type Scope = TSESLint.Scope.Scope;
type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** A class element that can run code: constructor, method, accessor, field initializer, static block. */
export interface MemberInfo {
  readonly node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.StaticBlock | TSESTree.TSAbstractMethodDefinition;
  readonly name: string;
  readonly kind: 'constructor' | 'method' | 'field' | 'static';
  readonly isPrivate: boolean;
  /** The block body when the member is a method or an arrow/function field with a block body. */
  readonly body?: TSESTree.BlockStatement | undefined;
}

export interface ClassInfo {
  readonly id: string;
  readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  readonly name: string;
  readonly members: MemberInfo[];
  /** `this.m()` calls: method name → names of the members that call it (created on the first call). */
  thisCalls: Map<string, Set<string>> | undefined;
  /** `this.m()` calls of private methods: method name → the call nodes. */
  privateCalls: Map<string, Node[]> | undefined;
  /**
   * Whether every `this.m()` call of the private method `name` sits behind a once flag
   * (`if (!this.attached) { this.m(); this.attached = true }`); decided on first use, then cached.
   */
  readonly callsOnceGuarded: (name: string) => boolean;
  /** `this.<prop>` fields assigned outside the constructor and field initializers (the target is replaced over the instance's life). */
  reassigned: Set<string> | undefined;
  /** Whether any member uses a `#private` name. */
  usesHashPrivate: boolean;
  /** Has a static singleton accessor (`static instance`, `static getInstance()`, `static singleton()`): constructed once. */
  singleton: boolean;
}

/** What runs a piece of code: the module top level, or a function. */
export interface Frame {
  readonly fn: FunctionNode | null;
  readonly parent: Frame | null;
  /** The class whose instance `this` is here (methods, fields, arrows inside them). */
  readonly thisClass: ClassInfo | null;
  /** Key prefix of `this` here. */
  readonly thisOwner: string;
  /** The class member this code belongs to (through nested arrows and callbacks). */
  readonly member: MemberInfo | null;
  /** The class this code is lexically inside (even inside a plain `function`). */
  readonly lexicalClass: ClassInfo | null;
  /** Set when this function is the handler of a registration. */
  readonly handlerOf: AddSite | null;
  /** Readable name of the innermost named function or member (`start`, `handleRequest`). */
  readonly name: string;
  /** Loops around this frame within its function (> 0 for a loop-body frame). */
  readonly loopDepth: number;
  /** `this.<field>` keys assigned a fresh `new`/call value in this very function, with position. */
  freshAssigns?: Map<string, number>;
  /** `this.<field> = <chain>` in this very function: field key → the assigned chain (an alias for matching removals). */
  aliasAssigns?: Map<string, Node>;
  /** Key of the binding this function is stored in (`const onFinish = () => ...`, `function onFinish()`, method `this.onFinish`). */
  readonly bindingKey?: string | undefined;
  /**
   * The function runs at most once per run of its parent frame, where it is written: an IIFE, a
   * `new Promise` executor, a promise reaction, a one-shot timer's callback ({@link runsWhereWritten}).
   */
  readonly iife?: boolean;
  /**
   * The function runs once per process wherever it is written: the factory of `singleton('name', ...)`
   * with a literal name, which a process-wide registry keyed by that name calls once ({@link onceWrapperOf}).
   */
  readonly processOnce?: boolean;
}

/**
 * Whether `fn` runs at most once per run of the code around it ({@link runsOnceWhereWritten}: an IIFE,
 * a promise executor or reaction, a one-shot timer, jQuery's ready callback, the callback of a Node
 * connection or request), or is given to a run-once wrapper ({@link onceWrapperOf}):
 * `singleton('pricing', () => { ... })`, the Remix-style process singleton of trigger.dev's web app
 * (fresh review 9), or lodash's `once(fn)`.
 */
function runsWhereWritten(fn: Node, parent: Node | null | undefined): boolean {
  return runsOnceWhereWritten(fn, parent ?? undefined) || onceWrapperOf(fn, parent ?? undefined) !== undefined;
}

/**
 * The owner of `this` in a constructor function and its prototype methods, the classes of ES5 code
 * (socketcluster's `function AGServerSocket(...)` with `AGServerSocket.prototype._destroy = function ()
 * { clearInterval(this._pingIntervalTicker) }`, faye, older Node libraries; fresh review 9): one key,
 * `p:<Name>`, for a capitalised function declaration, a function assigned to `Name.prototype.method`,
 * and a method of an object literal assigned to `Name.prototype`, so that a handle stored in one and
 * cleared or removed in another match. Undefined for any other function. O(1).
 */
function prototypeOwner(fn: Node, parent: Node | null | undefined): string | undefined {
  if (fn.type === 'ArrowFunctionExpression') return undefined;
  if (fn.type === 'FunctionDeclaration') return fn.id && /^[A-Z]/u.test(fn.id.name) ? `p:${fn.id.name}` : undefined;
  const prototypeOf = (node: Node): string | undefined => {
    const target = unwrap(node);
    if (target.type !== 'MemberExpression' || propertyName(target) !== 'prototype') return undefined;
    const object = unwrap(target.object);
    return object.type === 'Identifier' ? `p:${object.name}` : undefined;
  };
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression') return prototypeOf(parent.left.object);
  const literal = parent?.type === 'Property' && parent.value === fn ? parent.parent : undefined;
  const assignment = literal?.type === 'ObjectExpression' ? literal.parent : undefined;
  return assignment?.type === 'AssignmentExpression' && assignment.right === literal ? prototypeOf(assignment.left) : undefined;
}

/** How a handler argument relates to its identity. */
export type HandlerKind =
  /** An identifier or member chain: removable with the same reference. */
  | 'ref'
  /** An inline function or arrow: a new function each time, never removable by `off`. */
  | 'inline'
  /** `fn.bind(...)`: a new function each time. */
  | 'bound'
  /** Any other call result (`debounce(fn)`, `this.wrap(fn)`): a new function each time. */
  | 'created'
  /** No handler argument (`observe(el)`, `subscribe()`). */
  | 'none';

export interface HandlerInfo {
  readonly kind: HandlerKind;
  readonly node?: Node;
  readonly key: string;
  readonly text: string;
}

export interface AddSite {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  readonly target: Chain | undefined;
  readonly targetNode: Node;
  readonly eventNode?: Node;
  /** Static event name, or `?<text>` for a dynamic one; '' when the API has no event (subscribe/observe). */
  readonly eventKey: string;
  readonly eventText: string;
  readonly handler: HandlerInfo;
  readonly frame: Frame;
  readonly scope: Scope | null;
  /** `once`, `prependOnceListener` or `{ once: true }`. */
  readonly once: boolean;
  /** `{ signal }` in the options argument. */
  readonly signal: boolean;
  /** The options argument asks for capture (`true` or `{ capture: true }`): removal must pass it too. */
  readonly capture: boolean;
  /** `observe` on an observer created here (Resize/Mutation/Intersection/Performance). */
  readonly observer: boolean;
  /** The returned unsubscribe/disposable is kept: returned, passed on, stored and used, or `using`. */
  resultKept: boolean;
  /** Key of the variable/field the result is stored in, to check later that it is used. */
  resultStoredAs?: string;
  /** The variable the result is stored in (`const off = bus.on(...)`). */
  resultVariable?: TSESLint.Scope.Variable;
  /** Innermost enclosing `try` block (not its finalizer) of the registration. */
  readonly tryBlock: TSESTree.BlockStatement | null;
  /** Inside an `if` that checks the listener count (`if (e.listenerCount('x') === 0)`): added at most once. */
  readonly countGuarded: boolean;
  /** Behind a once flag of its function (`if (!this.bound) { ...; this.bound = true }`, `if (bound) return; bound = true`): added at most once. */
  readonly onceGuarded: boolean;
}

export interface RemoveSite {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  readonly targetKey: string;
  /** Static event key as for AddSite, or undefined when no event is given (removeAllListeners()). */
  readonly eventKey: string | undefined;
  readonly handler: HandlerInfo;
  readonly frame: Frame;
  /** Innermost enclosing `try` block (not finalizer or catch) of the removal. */
  readonly tryBlock: TSESTree.BlockStatement | null;
}

export interface IntervalSite {
  readonly call: TSESTree.CallExpression;
  readonly frame: Frame;
  /** Where the handle goes. */
  readonly handle:
    | { readonly kind: 'discarded'; readonly statement: TSESTree.ExpressionStatement | null }
    | {
        readonly kind: 'stored';
        readonly chain: Chain;
        readonly assignment: TSESTree.AssignmentExpression | TSESTree.VariableDeclarator | TSESTree.PropertyDefinition;
        readonly guarded: boolean;
      }
    | { readonly kind: 'escapes' };
}

export interface ListenerModel {
  readonly context: AnalysisContext;
  readonly adds: AddSite[];
  readonly removes: RemoveSite[];
  readonly intervals: IntervalSite[];
  /**
   * Keys passed to clearInterval/clearTimeout (or disposed); plus `*.<name>` for a handle cleared
   * through a local or parameter (`clearTimeout(client.pingInterval)`), see {@link RECORD_HANDLE}.
   */
  readonly cleared: Set<string>;
  /**
   * Keys whose every `clearInterval` only re-arms them: a later statement of a block around the clear, in
   * the same function, stores a new `setInterval` under the same key (`clearInterval(this.t); this.t =
   * setInterval(...)`; a re-arm inside an `if` leaves a way to stop), with the line of one such clear. Nothing stops these intervals (grpc-js-xds' `LrsCallState.statsTimer`
   * before its shipped leak fix, recall review).
   */
  readonly reArmedOnly: Map<string, number>;
  /** Keys used in a way that hands them to other code: call argument, returned, stored elsewhere, disposed, called. */
  readonly used: Set<string>;
  readonly classes: ClassInfo[];
  /** Classes by id (the prefix of `this` keys). */
  readonly classById: Map<string, ClassInfo>;
  /** Top-level function declarations by name (module teardown candidates). */
  readonly moduleFunctions: Map<string, TSESTree.FunctionDeclaration>;
  /** Calls of plain identifiers: callee name → frames of the call sites (for "runs once" of module functions). */
  readonly calls: Map<string, Frame[]>;
  /** The call nodes of {@link calls}, in the same order. */
  readonly callNodes: Map<string, TSESTree.CallExpression[]>;
  /**
   * Whether the function declaration is called at least once, every call sits behind a once gate (the
   * test of {@link AddSite.onceGuarded}), and it has no other reference (none passed as a value).
   * Memoised per function; O(references) on the first ask.
   */
  readonly callsOnceGuarded: (fn: TSESTree.FunctionDeclaration) => boolean;
  /** `new C(...)` of plain identifiers: class name → frames of the construction sites (how many instances a class has). */
  readonly news: Map<string, Frame[]>;
  /** Observer bindings/fields created with `new ResizeObserver(...)` etc., by key. */
  readonly observers: Set<string>;
  /** Statements sampled: how many end with `;` and how many do not. */
  readonly semicolons: { with: number; without: number };
  /** The chain of `node` as seen where it stands, with `this` owned by `thisOwner` (lazy resolution after the pass). */
  readonly chainAt: (node: Node, thisOwner: string) => Chain | undefined;
  /** The expression statement of each assignment/call used as a statement. */
  readonly statementOf: Map<Node, TSESTree.ExpressionStatement>;
}

const OBSERVERS = new Set(['ResizeObserver', 'MutationObserver', 'IntersectionObserver', 'PerformanceObserver']);
const TIMER_GLOBALS = new Set(['window', 'globalThis', 'self', 'global', 'timers']);
const DISPOSE_METHODS = new Set(['unsubscribe', 'dispose', 'remove', 'off', 'close', 'abort', 'destroy', 'cancel', 'Symbol.dispose', 'Symbol.asyncDispose']);

export interface Sets {
  readonly add: ReadonlySet<string>;
  readonly remove: ReadonlySet<string>;
}

/** Keys never walked: positions, parents, tokens, and type-only subtrees (annotations cannot register anything; decorators are walked, as ESLint does). */
const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'type', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
/** The iteration method whose callback parameter names each event of a list (see `eachOf`). */
export const FOR_EACH: ReadonlySet<string> = new Set(['forEach']);

/** Type-only declarations: not walked at all. */
const SKIPPED_TYPES = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'ImportDeclaration', 'TSImportEqualsDeclaration']);
/**
 * Prefix of the `cleared` entries that name a handle property cleared through a local or parameter. A
 * timer kept on a per-connection record (`client.pingInterval = setInterval(...)` where `client` is the
 * record made in the `open` handler) is cleared through whatever binding holds the record later
 * (`const client = clients.get(socket); clearTimeout(client.pingInterval)` in `close`, or
 * `for (const c of clients) clearInterval(c.heartbeatTimer)`): the bindings differ, the record is the
 * same. Matched by the property name, only between local and parameter roots (fresh review 3:
 * graphql-ws, nats.js).
 */
export const RECORD_HANDLE = '*.';

/** Node types that open a frame or a class context: entered and left. */
export const STATEFUL_NODE_TYPES: readonly string[] = [
  'Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression',
  'MethodDefinition', 'PropertyDefinition', 'StaticBlock', 'TSAbstractMethodDefinition',
  'WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForOfStatement',
];
/** Every node type the pass acts on: the stateful ones plus leaves (entered only). */
export const HANDLED_NODE_TYPES: readonly string[] = [
  ...STATEFUL_NODE_TYPES, 'CallExpression', 'NewExpression', 'AssignmentExpression', 'VariableDeclarator', 'ReturnStatement',
];
const HANDLED_TYPES = new Set(HANDLED_NODE_TYPES);
const STATEFUL_TYPES = new Set(STATEFUL_NODE_TYPES);

interface TypeInfo {
  /** Child keys, learnt from the first node of the type (TSESTree nodes of one type share their shape). */
  readonly keys: readonly string[];
  readonly handled: boolean;
  readonly stateful: boolean;
}
const typeInfos = new Map<string, TypeInfo>();

/** Visitor keys without a dependency: primitive-valued keys are dropped; type-only subtrees have none. */
function typeInfo(node: Node): TypeInfo {
  let info = typeInfos.get(node.type);
  if (!info) {
    const keys: string[] = [];
    if (!SKIPPED_TYPES.has(node.type)) {
      for (const key of Object.keys(node)) {
        if (SKIPPED_KEYS.has(key)) continue;
        const v = (node as unknown as Record<string, unknown>)[key];
        if (v === null || v === undefined || typeof v === 'object') keys.push(key);
      }
    }
    info = { keys, handled: HANDLED_TYPES.has(node.type), stateful: STATEFUL_TYPES.has(node.type) };
    typeInfos.set(node.type, info);
  }
  return info;
}

const relevantByKey = new Map<string, ReadonlySet<string>>();

/** Callee names the pass acts on for these method sets (cached by the sets' contents). */
const relevantBySets = new WeakMap<ReadonlySet<string>, { readonly remove: ReadonlySet<string>; readonly names: ReadonlySet<string> }>();

function relevantNames(sets: Sets): ReadonlySet<string> {
  const cached = relevantBySets.get(sets.add);
  if (cached && cached.remove === sets.remove) return cached.names;
  const key = `${[...sets.add].join(',')}|${[...sets.remove].join(',')}`;
  let names = relevantByKey.get(key);
  if (!names) {
    names = new Set([
      ...sets.add, ...sets.remove, ...DISPOSE_METHODS, 'removeAllListeners', 'disconnect', 'unobserve', 'observe',
      'unref', 'ref', 'setInterval', 'clearInterval', 'clearTimeout',
    ]);
    if (relevantByKey.size < 32) relevantByKey.set(key, names);
  }
  relevantBySets.set(sets.add, { remove: sets.remove, names });
  return names;
}

const lengthMasks = new WeakMap<ReadonlySet<string>, number>();

/** Bit `n` set when some name has length n (names of 32+ characters set none: they are always looked up). */
function relevantLengths(names: ReadonlySet<string>): number {
  let mask = lengthMasks.get(names);
  if (mask === undefined) {
    mask = 0;
    for (const n of names) if (n.length < 32) mask |= 1 << n.length;
    lengthMasks.set(names, mask);
  }
  return mask;
}

/** A string literal or a template literal: written text, never a function or an emitter. */
function isStringText(node: Node): boolean {
  return (node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral';
}

/**
 * Whether a read of a stored handle/disposer hands it on: called, passed, returned, stored, put in a
 * literal, or disposed (`sub.unsubscribe()`). Tests (`if (timer)`) and `timer.unref()` do not.
 */
function handsOn(id: Node): boolean {
  let n = id;
  let p = n.parent;
  while (p && (p.type === 'TSNonNullExpression' || p.type === 'TSAsExpression' || p.type === 'ChainExpression' || p.type === 'TSSatisfiesExpression')) {
    n = p;
    p = p.parent;
  }
  if (!p) return false;
  switch (p.type) {
    case 'CallExpression':
    case 'NewExpression':
    case 'ReturnStatement':
    case 'ArrowFunctionExpression':
    case 'VariableDeclarator':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'YieldExpression':
    case 'AwaitExpression':
      return true;
    case 'AssignmentExpression':
      return p.right === n;
    case 'Property':
      return p.value === n;
    case 'MemberExpression': {
      if (p.object !== n) return false;
      const method = propertyName(p);
      return method !== undefined && DISPOSE_METHODS.has(method);
    }
    default:
      return false;
  }
}

/** Key of `this.<name>` for the owner of `this` (as {@link chainOf} writes it). */
function thisKey(thisOwner: string, name: string): string {
  return /^#?[A-Za-z_$][\w$]*$/u.test(name) ? `${thisOwner}:this.${name}` : `${thisOwner}:this[${JSON.stringify(name)}]`;
}

/** Feeds the pass node by node, from its own walk or from ESLint's traversal (enter/exit pairs). */
export interface ModelBuilder {
  /** Enter a node whose type is in {@link HANDLED_NODE_TYPES}; `parent` is the node's parent. */
  enter(node: TSESTree.Node, parent: TSESTree.Node | null): void;
  /** Leave the node entered last. */
  exit(): void;
  /** The model, once the whole tree was fed. */
  finish(): ListenerModel;
  /** Feed the whole tree with the pass's own walk. */
  walk(): void;
}

/**
 * Whether an argument of a `subscribe(...)` call can carry the handler: anything but a literal, a
 * template, or an array or object literal made only of those (`{ qos: 0 }`). A call none of whose
 * arguments can (`client.subscribe('topic', { qos: 0 })`, MQTT.js) asks a server for messages that
 * arrive through the client's own `on('message')`: it registers nothing here (fresh review 3). An
 * object with a method, a function value, a name or a spread may hold an observer. O(argument size).
 */
function mayBeHandler(node: TSESTree.CallExpressionArgument | TSESTree.Expression | TSESTree.Property['value']): boolean {
  const n = unwrap(node as Node);
  switch (n.type) {
    case 'Literal':
    case 'TemplateLiteral':
      return false;
    case 'ArrayExpression':
      return n.elements.some((e) => e !== null && mayBeHandler(e));
    case 'ObjectExpression':
      return n.properties.some((p) => p.type === 'SpreadElement' || p.method || p.kind !== 'init' || mayBeHandler(p.value));
    default:
      return true;
  }
}

/**
 * A `subscribe(...)` options object that ends the subscription by itself: `{ max: n }` (NATS: the
 * server and client drop it after n messages) or `{ once: true }`. Treated like `once` (reported only
 * with `checkOnce`). Fresh review 3: nats.js' benchmark subscribes with `{ max: this.msgs }`.
 */
function limitsItself(node: TSESTree.CallExpressionArgument): boolean {
  const n = unwrap(node as Node);
  if (n.type !== 'ObjectExpression') return false;
  return n.properties.some((p) => {
    if (p.type !== 'Property') return false;
    const name = memberKeyName(p.key, p.computed);
    if (name === 'max') return true;
    const v = unwrap(p.value as Node);
    return name === 'once' && v.type === 'Literal' && v.value === true;
  });
}

/** `this`, or a member chain on it (`this._signaling`, `this.a.b`). O(chain length). */
function rootedAtThis(node: Node): boolean {
  let n = node;
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'ThisExpression';
}

/**
 * The handler argument of a `subscribe(...)` call: the first argument, unless it is no function and a
 * later one is written as one (`client.subscribe(threadId, (event) => ...)`, a topic first). O(arguments).
 */
function subscribeHandler(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.CallExpressionArgument | undefined {
  const first = args[0];
  if (!first || isFunction(first)) return first;
  return args.find(isFunction) ?? first;
}

/** Creates the builder of one file's model. */
export function createModelBuilder(context: AnalysisContext, sets: Sets): ModelBuilder {
  const { scopeManager, text } = context;
  const model: ListenerModel = {
    context,
    adds: [],
    removes: [],
    intervals: [],
    cleared: new Set(),
    reArmedOnly: new Map(),
    used: new Set(),
    classes: [],
    classById: new Map(),
    moduleFunctions: new Map(),
    calls: new Map(),
    callNodes: new Map(),
    news: new Map(),
    observers: new Set(),
    semicolons: { with: 0, without: 0 },
    statementOf: new Map(),
    chainAt: (node, thisOwner) => chainOf(node, scopeAt(node), thisOwner, 0, aliasOwners),
    callsOnceGuarded: (fn) => {
      let known = guardedFunctions.get(fn);
      if (known === undefined) {
        known = referencedOnlyByCalls(fn, scopeManager, onceFlagGuarded);
        guardedFunctions.set(fn, known);
      }
      return known;
    },
  };
  const guardedFunctions = new Map<TSESTree.FunctionDeclaration, boolean>();
  let classCount = 0;
  // The scope manager's node → scopes map (typescript-eslint's ScopeManager): `acquire(node, true)`
  // without its per-call closure. The innermost scope of a node is the last one.
  const nodeToScope = (scopeManager as unknown as { nodeToScope?: WeakMap<Node, Scope[]> }).nodeToScope;
  /**
   * Scopes are looked up lazily, from the node being handled up its parents, and only when a chain
   * or a name must be resolved: most handled nodes never need one.
   */
  let leaf: Node = context.ast;
  let leafScope: Scope | null | undefined;
  const scopeAt = (node: Node): Scope | null => {
    for (let n: Node | undefined = node; n; n = n.parent) {
      if (nodeToScope) {
        const scopes = nodeToScope.get(n);
        if (scopes && scopes.length > 0) return scopes[scopes.length - 1]!;
      } else {
        const acquired = scopeManager.acquire(n, true);
        if (acquired) return acquired as Scope;
      }
    }
    return null;
  };
  const currentScope = (): Scope | null => (leafScope === undefined ? (leafScope = scopeAt(leaf)) : leafScope);
  let mentionsListeners: boolean | undefined;
  /** Functions that are handlers of a registration, filled when the registration is seen (pre-order). */
  const handlerFns = new Map<Node, AddSite>();
  /** Setinterval calls already classified by their parent. */
  const classifiedIntervals = new Set<Node>();

  const top: Frame = {
    fn: null,
    parent: null,
    thisClass: null,
    thisOwner: 'top',
    member: null,
    lexicalClass: null,
    handlerOf: null,
    name: '<module>',
    loopDepth: 0,
    // every frame has every field, in one order: one object shape for all frames
    freshAssigns: undefined,
    aliasAssigns: undefined,
    bindingKey: undefined,
    iife: false,
  };
  let frame = top;
  let currentMember: MemberInfo | null = null;
  let currentClass: ClassInfo | null = null;

  /** `const self = this`: the owner of `this` where the alias was declared. */
  const thisAliases = new Map<TSESLint.Scope.Variable, string>();
  /**
   * The owner of `this` where an alias of `this` or of a chain on it was declared (`const self = this`,
   * `const signaling = this._signaling`): a nested `function` resolves the alias as its declarer did
   * (twilio-video's participant removes its listeners in a named `function stateChanged()` through
   * such an alias; fresh review 13).
   */
  const aliasOwners = new Map<TSESLint.Scope.Variable, string>();
  const chain = (node: Node): Chain | undefined => chainOf(node, currentScope(), frame.thisOwner, 0, aliasOwners);
  /**
   * Uses are resolved lazily: most files store no disposer or handle, so the chains of call arguments,
   * returns and so on are computed after the walk, only for names that some stored key ends with.
   */
  const pendingNodes: Node[] = [];
  /** `clearInterval(key)` / `clearTimeout(key)` calls, in source order, with their function. */
  const clears: { readonly key: string; readonly call: TSESTree.CallExpression; readonly fn: FunctionNode | null }[] = [];
  const pendingOwners: string[] = [];
  const markUsed = (node: Node | null | undefined): void => {
    if (!node) return;
    const n = unwrap(node);
    if (n.type === 'MemberExpression') {
      pendingNodes.push(n);
      pendingOwners.push(frame.thisOwner);
    }
  };

  /** The `try` block (not catch or finally) that holds `node` within its function, if any. */
  const tryBlockOf = (node: Node): TSESTree.BlockStatement | null => {
    for (let child: Node = node, n = node.parent; n; child = n, n = n.parent) {
      if (n.type === 'TryStatement' && n.block === child) return n.block;
      if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return null;
    }
    return null;
  };
  /** Inside an `if`/`?:` of its function that checks the listener count. */
  const countGuardedAt = (node: Node): boolean => {
    mentionsListeners ??= /listeners\s*\(|listenerCount|hasListeners?\s*\(/u.test(text);
    if (!mentionsListeners) return false;
    for (let n = node.parent; n; n = n.parent) {
      if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && /listeners\s*\(|listenerCount\s*\(|hasListeners?\s*\(/u.test(text.slice(n.test.range[0], n.test.range[1]))) return true;
      if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return false;
    }
    return false;
  };

  /**
   * Whether `node` runs at most once per owner of a flag `F`: inside `if (!F) { ... F = true ... }` (or
   * `if (!F && other) {...}`), or after `if (F) return;` in a block that sets `F = true` (F a `this` field or a variable, as written).
   * The early exit may do other work first (`if (this.connecting || this.connected) { callback(err);
   * return }`, node-postgres' `Client._connect()`) and may test several flags joined by `||`: setting any
   * one of them closes the gate. The walk goes on through a function that runs within the guarded call
   * (a `forEach`/`map`/... callback, a promise reaction, an IIFE: {@link runsWithinItsCaller}):
   * mongoose's `ChangeStream._bindEvents()` registers in `promise.then(() => events.forEach(...))` behind
   * `if (this.bindedEvents) return`. O(depth of `node` + text of the guarded block).
   */
  function onceFlagGuarded(node: Node): boolean {
    for (let child: Node = node, n = node.parent; n; child = n, n = n.parent) {
      if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
        if (runsWithinItsCaller(n)) continue;
        return false;
      }
      if (n.type === 'IfStatement' && n.consequent === child) {
        // `if (!F && window.addEventListener) { F = true; ... }`: any conjunct may be the flag (sentry's
        // react-router popstate listener behind a flag on the global object; fresh review 12)
        for (const conjunct of operandsOf(n.test, '&&')) {
          const flag = negatedFlag(conjunct);
          if (flag && (setsTrue(n.consequent, flag) || storedIn(node, flag))) return true;
        }
        // the other polarity: `if (this.firstTime) { this.firstTime = false; ... }` (rxjs.dev's ApiService)
        const plain = unwrap(n.test);
        if ((plain.type === 'MemberExpression' || plain.type === 'Identifier') && setsTrue(n.consequent, text.slice(plain.range[0], plain.range[1]), 'false')) return true;
      } else if (n.type === 'BlockStatement') {
        for (const st of n.body) {
          if (st === child) break;
          if (st.type !== 'IfStatement' || st.alternate || !exitsEarly(st.consequent)) continue;
          const t = unwrap(st.test);
          if (t.type === 'CallExpression' && setsKeyedFlag(n, t)) return true;
          if (flagsOf(t).some((f) => setsTrue(n, text.slice(f.range[0], f.range[1])) || storedIn(node, text.slice(f.range[0], f.range[1])))) return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the result of `call` is assigned to the flag written `flag`: `if (this.unsub) return;
   * this.unsub = client.subscribe(...)` keeps the returned unsubscribe as its own once flag (assistant-ui's
   * `ThreadController.ensureEventSubscription()`; fresh review 13). O(depth of wrappers).
   */
  function storedIn(call: Node, flag: string): boolean {
    let n = call;
    let p = n.parent;
    while (p && (p.type === 'AwaitExpression' || p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'TSSatisfiesExpression')) {
      n = p;
      p = p.parent;
    }
    return p?.type === 'AssignmentExpression' && p.operator === '=' && p.right === n && text.slice(p.left.range[0], p.left.range[1]) === flag;
  }

  /** `return;` (or `return x;`), alone or as the last statement of a block. */
  function exitsEarly(statement: TSESTree.Statement): boolean {
    return lastStatement(statement)?.type === 'ReturnStatement';
  }

  /** The plain chains a test checks: `F`, or every operand of `A || B || ...` that is one. */
  function flagsOf(test: Node): Node[] {
    return operandsOf(test, '||').filter((f) => f.type === 'MemberExpression' || f.type === 'Identifier');
  }

  /**
   * The keyed form of a once flag: after `if (M.get(K)) return;` (or `M.has(K)`) the block sets
   * `M.set(K, true)` or `M.add(K)` (voltagent's `oc.systemContext.get(ABORT_LISTENER_ATTACHED_KEY)`), M a
   * plain chain and K one argument, matched as written. O(text of the block).
   */
  function setsKeyedFlag(block: Node, test: TSESTree.CallExpression): boolean {
    const callee = unwrap(test.callee);
    const key = test.arguments[0];
    if (callee.type !== 'MemberExpression' || test.arguments.length !== 1 || !key || key.type === 'SpreadElement') return false;
    const method = propertyName(callee);
    const map = unwrap(callee.object);
    if ((method !== 'get' && method !== 'has') || (map.type !== 'MemberExpression' && map.type !== 'Identifier')) return false;
    const body = text.slice(block.range[0], block.range[1]).replace(/\s+/gu, '');
    const m = text.slice(map.range[0], map.range[1]).replace(/\s+/gu, '');
    const k = text.slice(key.range[0], key.range[1]).replace(/\s+/gu, '');
    return body.includes(`${m}.set(${k},true)`) || body.includes(`${m}.add(${k})`);
  }

  /** `!F` or `F === false` / `F == false` with F a plain chain: the text of F. */
  function negatedFlag(test: Node): string | undefined {
    const t = unwrap(test);
    let f: Node | undefined;
    if (t.type === 'UnaryExpression' && t.operator === '!') f = unwrap(t.argument);
    else if (t.type === 'BinaryExpression' && (t.operator === '===' || t.operator === '==') && t.right.type === 'Literal' && t.right.value === false) f = unwrap(t.left);
    if (!f || (f.type !== 'MemberExpression' && f.type !== 'Identifier')) return undefined;
    return text.slice(f.range[0], f.range[1]);
  }

  /**
   * Whether the text of `block` assigns `true` (or `value`) to the flag written `flag` ({@link assignsFlag}),
   * or, with `value` `'true'`, a fresh object that nothing in the file sets back to `null`, `undefined`
   * or `false`: the lazy singleton `if (host) return host; host = new EventEmitter(); process.on(...)`
   * (NodeBB's pub/sub; fresh review 13).
   */
  function setsTrue(block: Node, flag: string, value: 'true' | 'false' = 'true'): boolean {
    if (assignsFlag(text, block, flag, value)) return true;
    return value === 'true' && outlivesCall(flag) && assignsFlag(text, block, flag, 'set') && !assignsFlag(text, context.ast, flag, 'unset');
  }

  /**
   * Whether the flag written `flag` outlives a call of the function that tests it: a member of `this`,
   * or a module variable. A local (`let mod = lookup(url); if (mod) return mod; mod = new Node()`, vite's
   * module graph) is made again on every call and gates nothing.
   */
  function outlivesCall(flag: string): boolean {
    if (flag.startsWith('this.')) return true;
    if (!/^[\w$]+$/u.test(flag)) return false;
    const scope = findVariable(currentScope(), flag)?.scope.type;
    return scope === 'module' || scope === 'global';
  }

  function isTimerCallee(callee: Node, name: string): boolean {
    const c = unwrap(callee);
    if (c.type === 'Identifier') {
      if (c.name !== name) return false;
      const v = findVariable(currentScope(), name);
      if (!v || v.defs.length === 0) return true;
      const def = v.defs[0]!;
      if (def.type === 'ImportBinding') {
        const source = (def.parent as TSESTree.ImportDeclaration).source.value;
        return source === 'timers' || source === 'node:timers';
      }
      return false;
    }
    if (c.type === 'MemberExpression' && propertyName(c) === name) {
      const o = unwrap(c.object);
      return o.type === 'Identifier' && TIMER_GLOBALS.has(o.name);
    }
    return false;
  }

  function handlerInfo(node: Node | undefined): HandlerInfo {
    if (!node) return { kind: 'none', key: '', text: '' };
    const n = unwrap(node);
    const textOf = text.slice(node.range[0], node.range[1]);
    if (n.type === 'FunctionExpression' && n.id && namesItself(n)) {
      // `function stateChanged(state) { ...; target.removeListener('stateChanged', stateChanged) }`: a
      // named function expression can remove itself by its name, the key a reference to it resolves to
      return { kind: 'ref', node, key: `v${n.id.range[0]}:${n.id.name}`, text: n.id.name };
    }
    if (n.type === 'AssignmentExpression' && n.operator === '=') {
      // `addEventListener('online', (callback = () => cb()))`: the handler is stored in a slot as it is
      // added, and a removal through that slot passes the same function (urql's graphcache storage
      // removes the previous `callback` before it adds the next; fresh review 21)
      const slot = chain(n.left);
      if (slot) return { kind: 'ref', node: n.left, key: slot.key, text: slot.text };
    }
    if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') {
      return { kind: 'inline', node, key: `@${n.range[0]}`, text: n.type === 'ArrowFunctionExpression' ? 'an inline arrow function' : 'an inline function' };
    }
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'bind') {
        return { kind: 'bound', node, key: `@${n.range[0]}`, text: textOf };
      }
      return { kind: 'created', node, key: `@${n.range[0]}`, text: textOf };
    }
    const c = chain(n);
    if (c) return { kind: 'ref', node, key: c.key, text: c.text };
    return { kind: 'created', node, key: `@${n.range[0]}`, text: textOf };
  }

  /** Whether a named function expression refers to itself by its name (twilio-video's self-removing `stateChanged`). */
  function namesItself(fn: TSESTree.FunctionExpression): boolean {
    const name = fn.id?.name;
    return scopeManager.getDeclaredVariables(fn).some((v) => v.name === name && v.references.length > 0);
  }

  function eventOf(node: Node | undefined): { key: string; text: string } {
    if (!node) return { key: '', text: '' };
    const value = staticString(node, currentScope());
    const raw = text.slice(node.range[0], node.range[1]);
    if (value !== undefined) return { key: value, text: value };
    const list = eachOf(node);
    if (list) return { key: `?each:${list.key}`, text: raw };
    const c = chain(node);
    return { key: `?${c ? c.key : raw}`, text: raw };
  }

  /**
   * The list an event name iterates, when it is the variable of `for (const e of LIST)` or the first
   * parameter of `LIST.forEach((e) => ...)`: the add and the removal loops over one list name the same
   * events, whatever their loop variables (lib-jitsi-meet's unload handlers; fresh review 8).
   */
  function eachOf(node: Node): Chain | undefined {
    const id = unwrap(node);
    if (id.type !== 'Identifier') return undefined;
    const list = iteratedList(findVariable(currentScope(), id.name)?.defs[0], FOR_EACH);
    return list ? chain(list) : undefined;
  }

  /**
   * The `addEventListener` options that matter: `{ once: true }`, a `signal`, `capture` (or `true`).
   * Options chosen by `c ? a : b` hold a flag only when both branches do (the observable polyfill's
   * `cleanupSignal ? { once: true, signal: cleanupSignal } : { once: true }`, fresh review 11).
   */
  function optionFlags(node: Node | undefined): { once: boolean; signal: boolean; capture: boolean } {
    const flags = { once: false, signal: false, capture: false };
    if (!node) return flags;
    const n = unwrap(node);
    if (n.type === 'ConditionalExpression') {
      const a = optionFlags(n.consequent);
      const b = optionFlags(n.alternate);
      return { once: a.once && b.once, signal: a.signal && b.signal, capture: a.capture && b.capture };
    }
    if (n.type === 'Literal' && n.value === true) flags.capture = true;
    if (n.type === 'ObjectExpression') {
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') {
          flags.signal = true; // options spread from elsewhere may carry a signal: do not guess
          continue;
        }
        const name = memberKeyName(p.key, p.computed);
        const v = unwrap(p.value);
        const isTrue = v.type === 'Literal' && v.value === true;
        if (name === 'signal') flags.signal = true;
        if (name === 'once' && isTrue) flags.once = true;
        if (name === 'capture' && isTrue) flags.capture = true;
      }
    } else if (n.type === 'Identifier' || n.type === 'MemberExpression') {
      flags.signal = true; // an options object built elsewhere: may carry a signal
    }
    return flags;
  }

  /** Records what happens to the value of `call` (an add or setInterval) from its parent. */
  function resultUse(
    call: Node,
    parent: Node | null,
  ): {
    kind: 'discarded' | 'stored' | 'escapes';
    chain?: Chain;
    assignment?: TSESTree.AssignmentExpression | TSESTree.VariableDeclarator | TSESTree.PropertyDefinition;
    statement?: TSESTree.ExpressionStatement;
  } {
    // `target?.on(...)`: the optional chain wraps the call; what happens to the result is decided above it
    const outer = outermost(call);
    if (outer !== call) {
      call = outer;
      parent = parentOf(outer) ?? null;
    }
    if (!parent) return { kind: 'escapes' };
    switch (parent.type) {
      case 'PropertyDefinition': {
        const name = parent.value === call && !parent.static && frame.thisClass ? memberKeyName(parent.key, parent.computed) : undefined;
        if (!name) return { kind: 'escapes' };
        const path = [name];
        const text = name.startsWith('#') || /^[A-Za-z_$][\w$]*$/u.test(name) ? `this.${name}` : `this[${JSON.stringify(name)}]`;
        return { kind: 'stored', chain: { key: `${frame.thisOwner}:${text}`, text, root: 'this', path }, assignment: parent };
      }
      case 'ExpressionStatement':
        return { kind: 'discarded', statement: parent };
      case 'VariableDeclarator': {
        if (parent.init !== call || parent.id.type !== 'Identifier') return { kind: 'escapes' };
        const c = chain(parent.id);
        return c ? { kind: 'stored', chain: c, assignment: parent } : { kind: 'escapes' };
      }
      case 'AssignmentExpression': {
        if (parent.right !== call) return { kind: 'escapes' };
        const c = chain(parent.left);
        return c ? { kind: 'stored', chain: c, assignment: parent } : { kind: 'escapes' };
      }
      case 'MemberExpression': {
        // `this.keep(channel.on(...).unsubscribe)`, `const off = bus.subscribe(...).dispose`: the
        // disposer of the returned subscription, read without calling it, is what happens to the result
        // (stream-chat's `addUnsubscribeFunction(channel.on(...).unsubscribe)`, fresh review 17).
        const member = parentOf(parent);
        const disposer = parent.object === call && DISPOSE_METHODS.has(propertyName(parent) ?? '');
        if (disposer && !(member?.type === 'CallExpression' && member.callee === parent)) return resultUse(parent, member ?? null);
        // `setInterval(...).unref()`, `emitter.on(...).on(...)`: decided by the outer call
        return { kind: 'discarded' };
      }
      default:
        return { kind: 'escapes' };
    }
  }

  /** Callee names the pass looks at; any other call only records its member-chain arguments. */
  const relevant = relevantNames(sets);
  const lengths = relevantLengths(relevant);

  function visitCall(node: TSESTree.CallExpression, parent: Node | null): void {
    const callee = unwrap(node.callee);
    const calleeName = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    // a handle passed to clearInterval/clearTimeout is cleared (decided in `finish`), not handed on
    if (calleeName !== 'clearInterval' && calleeName !== 'clearTimeout') {
      const args = node.arguments;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a.type === 'MemberExpression' || a.type === 'TSNonNullExpression' || a.type === 'TSAsExpression') markUsed(a);
      }
    }
    // a bit per name length first: most callee names are never hashed
    if (calleeName === undefined || (calleeName.length < 32 && (lengths & (1 << calleeName.length)) === 0) || !relevant.has(calleeName)) return;

    if (isTimerCallee(node.callee, 'clearInterval') || isTimerCallee(node.callee, 'clearTimeout')) {
      const arg = node.arguments[0];
      if (arg) {
        const c = chain(arg);
        if (c) {
          // decided at the end: a clear followed by a new interval under the same key only re-arms it
          clears.push({ key: c.key, call: node, fn: frame.fn });
          if ((c.root === 'local' || c.root === 'param') && c.path.length > 0) model.cleared.add(RECORD_HANDLE + c.path[c.path.length - 1]!);
        }
      }
      return;
    }
    if (isTimerCallee(node.callee, 'setInterval')) {
      recordInterval(node, node, parent);
      return;
    }
    if (callee.type !== 'MemberExpression') return;
    const method = propertyName(callee);
    if (method === undefined) return;

    // `interval.unref()` / `.ref()` / `.hasRef()` on a fresh setInterval: the outer statement decides
    const inner = unwrap(callee.object);
    if (inner.type === 'CallExpression' && (method === 'unref' || method === 'ref') && isTimerCallee(inner.callee, 'setInterval')) {
      classifiedIntervals.add(inner);
      recordInterval(inner, node, parent);
    }

    if (DISPOSE_METHODS.has(method)) {
      markUsed(callee.object);
      if (method === 'Symbol.dispose' || method === 'close') {
        const c = chain(callee.object);
        if (c) model.cleared.add(c.key);
      }
    }

    // `registry.unsubscribe(name, socket)`: a keyed unsubscribe on the target itself (a topic registry, or
    // an RxJS Subject closed with `subject.unsubscribe()`) ends the `subscribe()` calls made on it
    if (sets.remove.has(method) || method === 'removeAllListeners' || method === 'disconnect' || method === 'unobserve' || method === 'unsubscribe') {
      const c = chain(callee.object);
      if (!c) return;
      if (method === 'unsubscribe') {
        model.removes.push({ call: node, method, targetKey: c.key, eventKey: undefined, handler: { kind: 'none', key: '', text: '' }, frame, tryBlock: tryBlockOf(node) });
        return;
      }
      const isAll = method === 'removeAllListeners' || method === 'disconnect';
      const eventArg = method === 'unobserve' || method === 'disconnect' ? undefined : node.arguments[0];
      const ev = isAll && !eventArg ? undefined : eventOf(eventArg);
      model.removes.push({
        call: node,
        method,
        targetKey: c.key,
        eventKey: method === 'unobserve' || method === 'disconnect' ? undefined : ev?.key,
        handler: isAll || method === 'unobserve' ? { kind: 'none', key: '', text: '' } : handlerInfo(node.arguments[1]),
        frame,
        tryBlock: tryBlockOf(node),
      });
      return;
    }

    const isObserve = method === 'observe';
    if (!sets.add.has(method) && !isObserve) return;
    // Chained registrations `s.on('a', f).on('b', g)`: the target is the root emitter.
    let targetNode: Node = callee.object;
    for (;;) {
      const t = unwrap(targetNode);
      if (t.type !== 'CallExpression') break;
      const tc = unwrap(t.callee);
      const tm = tc.type === 'MemberExpression' ? propertyName(tc) : undefined;
      if (tc.type !== 'MemberExpression' || tm === undefined || !sets.add.has(tm)) break;
      targetNode = tc.object;
    }
    const target = chain(targetNode);
    if (isObserve) {
      if (!target || !model.observers.has(target.key)) return;
    }
    const isSubscribe = method === 'subscribe';
    const isEventApi = !isSubscribe && !isObserve;
    if (isEventApi && node.arguments.length < 2) return;
    // `util.addListener(session, 'connect', fn)`: a helper that takes the target first (undici's
    // `addListener(obj, name, listener)`, which records the listener for its own removal). EventEmitter
    // and EventTarget take the event first and never a string second: not a registration on `util`.
    if (isEventApi && node.arguments.length >= 3 && isStringText(node.arguments[1]!) && !isStringText(node.arguments[0]!)) return;
    // `client.subscribe('topic', { qos: 0 })`: a protocol request (MQTT SUBSCRIBE), no handler to keep
    if (isSubscribe && node.arguments.length > 0 && !node.arguments.some(mayBeHandler)) return;
    // `pubsub.subscribe(channel, (err, stream) => ...)`, `client.subscribe(topic, (err, granted) => ...)`:
    // the only functions are error-first completion callbacks, called once; messages arrive elsewhere
    // (sharedb's pub/sub, MQTT.js, ioredis; fresh review 13)
    if (isSubscribe && node.arguments.some(isErrorFirstCallback) && !node.arguments.some((a) => isFunction(unwrap(a)) && !isErrorFirstCallback(a))) return;
    const handlerArg = isEventApi ? node.arguments[1] : isSubscribe ? subscribeHandler(node.arguments) : undefined;
    if (isEventApi && handlerArg?.type === 'SpreadElement') return;
    const ev = isEventApi ? eventOf(node.arguments[0]) : { key: '', text: '' };
    const flags = isEventApi
      ? optionFlags(node.arguments[2])
      : { once: isSubscribe && node.arguments.some(limitsItself), signal: false, capture: false };
    const site: AddSite = {
      call: node,
      method,
      target,
      targetNode,
      ...(isEventApi && node.arguments[0] ? { eventNode: node.arguments[0] } : {}),
      eventKey: ev.key,
      eventText: ev.text,
      handler: handlerInfo(handlerArg),
      frame,
      scope: currentScope(),
      once: method === 'once' || method === 'prependOnceListener' || flags.once,
      signal: flags.signal,
      capture: flags.capture,
      observer: isObserve,
      resultKept: false,
      tryBlock: tryBlockOf(node),
      countGuarded: countGuardedAt(node),
      onceGuarded: onceFlagGuarded(node),
    };
    // What happens to the returned unsubscribe/disposable (a chained `.on().on()` returns the emitter).
    const outerParent = parent;
    const use = resultUse(node, outerParent);
    if (use.kind === 'escapes') site.resultKept = true;
    else if (use.kind === 'stored' && use.chain) {
      site.resultStoredAs = use.chain.key;
      if (use.chain.variable && use.chain.path.length === 0) site.resultVariable = use.chain.variable;
    }
    if (outerParent?.type === 'VariableDeclarator') {
      const kind = (outerParent.parent as TSESTree.VariableDeclaration | undefined)?.kind;
      if (kind === 'using' || kind === 'await using') site.resultKept = true;
    }
    model.adds.push(site);
    if (handlerArg) {
      const h = unwrap(handlerArg);
      if (h.type === 'ArrowFunctionExpression' || h.type === 'FunctionExpression') handlerFns.set(h, site);
    }
  }


  function recordInterval(call: TSESTree.CallExpression, outer: Node, parent: Node | null): void {
    if (outer === call && classifiedIntervals.has(call)) return;
    classifiedIntervals.add(call);
    const use = resultUse(outer, parent);
    if (use.kind === 'discarded' && parent?.type === 'MemberExpression') {
      // `setInterval(...).unref()` handled by the outer call
      return;
    }
    let handle: IntervalSite['handle'];
    if (use.kind === 'discarded') handle = { kind: 'discarded', statement: use.statement ?? null };
    else if (use.kind === 'stored' && use.chain && use.assignment) {
      const a = use.assignment;
      const guarded = a.type === 'AssignmentExpression' && a.operator !== '=';
      if (a.type === 'AssignmentExpression' && a.parent?.type === 'ExpressionStatement') model.statementOf.set(a, a.parent);
      handle = { kind: 'stored', chain: use.chain, assignment: a, guarded };
    } else handle = { kind: 'escapes' };
    model.intervals.push({ call, frame, handle });
  }

  function enterClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, parent: Node | null): ClassInfo {
    let guardedByName: Map<string, boolean> | undefined;
    let name = node.id?.name;
    if (!name && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') name = parent.id.name;
    const info: ClassInfo = {
      id: `c${classCount++}`,
      node,
      name: name ?? '<anonymous class>',
      members: [],
      thisCalls: undefined,
      privateCalls: undefined,
      callsOnceGuarded: (member) => {
        let known = guardedByName?.get(member);
        if (known === undefined) {
          const calls = info.privateCalls?.get(member);
          known = calls !== undefined && calls.every(onceFlagGuarded);
          (guardedByName ??= new Map()).set(member, known);
        }
        return known;
      },
      reassigned: undefined,
      usesHashPrivate: false,
      singleton: node.body.body.some(
        (el) =>
          (el.type === 'MethodDefinition' || el.type === 'PropertyDefinition') &&
          el.static &&
          /^#?_*(?:singleton|instance|getInstance|shared|sharedInstance)$/iu.test(memberKeyName(el.key, el.computed) ?? ''),
      ),
    };
    for (const el of node.body.body) {
      if (el.type === 'MethodDefinition' || el.type === 'TSAbstractMethodDefinition') {
        const n = memberKeyName(el.key, el.computed) ?? '<computed>';
        const body = el.value.body ?? undefined;
        // `_name` is the private convention of JavaScript classes
        const isPrivate = el.accessibility === 'private' || el.key.type === 'PrivateIdentifier' || (!el.accessibility && n.startsWith('_'));
        info.members.push({ node: el, name: n, kind: el.kind === 'constructor' ? 'constructor' : 'method', isPrivate, body });
        if (el.key.type === 'PrivateIdentifier') info.usesHashPrivate = true;
      } else if (el.type === 'PropertyDefinition') {
        const n = memberKeyName(el.key, el.computed) ?? '<computed>';
        const v = el.value ? unwrap(el.value) : null;
        const body = v && (v.type === 'ArrowFunctionExpression' || v.type === 'FunctionExpression') && v.body.type === 'BlockStatement' ? v.body : undefined;
        info.members.push({ node: el, name: n, kind: 'field', isPrivate: el.accessibility === 'private' || el.key.type === 'PrivateIdentifier', body });
        if (el.key.type === 'PrivateIdentifier') info.usesHashPrivate = true;
        if (v?.type === 'NewExpression' && v.callee.type === 'Identifier' && OBSERVERS.has(v.callee.name)) model.observers.add(`${info.id}:this.${n}`);
      } else if (el.type === 'StaticBlock') {
        info.members.push({ node: el, name: 'static', kind: 'static', isPrivate: true, body: undefined });
      }
    }
    for (const m of info.members) memberOfNode.set(m.node, m);
    model.classes.push(info);
    model.classById.set(info.id, info);
    return info;
  }

  /**
   * The key {@link chainOf} gives the binding `id` declared by `declaration` (a variable declaration or a
   * function declaration), without a scope lookup: module bindings are `m:<name>`, others `v<offset>:<name>`.
   */
  function declaredKey(id: TSESTree.Identifier, declaration: Node | null): string {
    let p = declaration?.parent;
    if (p?.type === 'ExportNamedDeclaration' || p?.type === 'ExportDefaultDeclaration') p = p.parent;
    return p?.type === 'Program' ? `m:${id.name}` : `v${id.range[0]}:${id.name}`;
  }

  function functionName(node: FunctionNode, parent: Node | null): string {
    if (node.id) return node.id.name;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
    // `exports.register = function () {}`, `module.exports.start = () => {}`, `obj.init = function () {}`
    if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression') {
      return propertyName(parent.left) ?? frame.name;
    }
    if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition' || parent?.type === 'Property') {
      return memberKeyName(parent.key, parent.computed) ?? frame.name;
    }
    return frame.name;
  }

  /** The pass's own walk (when no ESLint traversal feeds it): enter/exit only the handled nodes. */
  function visit(node: Node, parent: Node | null): void {
    const info = typeInfo(node);
    if (parent && node.parent === undefined) (node as { parent?: Node }).parent = parent;
    if (info.handled) enter(node, parent);
    walkChildren(node, info.keys);
    if (info.stateful) exit();
  }

  function walkChildren(node: Node, keys: readonly string[]): void {
    for (let i = 0; i < keys.length; i++) {
      const child = (node as unknown as Record<string, unknown>)[keys[i]!];
      if (child === null || child === undefined) continue;
      if (Array.isArray(child)) {
        for (let j = 0; j < child.length; j++) {
          const c = child[j] as Node | null;
          if (c !== null && typeof c.type === 'string') visit(c, node);
        }
      } else if (typeof (child as Node).type === 'string') {
        visit(child as Node, node);
      }
    }
  }

  /** State saved on entering each stateful node, restored on leaving it (three parallel stacks). */
  const savedFrames: Frame[] = [];
  const savedMembers: Array<MemberInfo | null> = [];
  const savedClasses: Array<ClassInfo | null> = [];
  /** Class members by their node, for entering a member in O(1). */
  const memberOfNode = new Map<Node, MemberInfo>();
  const membersByName = new Map<ClassInfo, Map<string, MemberInfo>>();
  const memberByName = (cls: ClassInfo, name: string): MemberInfo | undefined => {
    let byName = membersByName.get(cls);
    if (!byName) {
      membersByName.set(cls, (byName = new Map()));
      for (const m of cls.members) if (!byName.has(m.name)) byName.set(m.name, m);
    }
    return byName.get(name);
  };

  /**
   * Enters a node of {@link HANDLED_NODE_TYPES} (pre-order). Nodes of {@link STATEFUL_NODE_TYPES}
   * must be left with {@link exit}; the others are leaves of the pass (no exit).
   */
  function enter(node: Node, parent: Node | null): void {
    leaf = node;
    leafScope = undefined;
    const savedFrame = frame;
    const savedMember = currentMember;
    const savedClass = currentClass;
    let loop = false;
    let stateful = true;

    switch (node.type) {
      case 'ClassDeclaration':
      case 'ClassExpression':
        currentClass = enterClass(node, parent);
        break;
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'StaticBlock':
      case 'TSAbstractMethodDefinition':
        if (currentClass && parent?.type === 'ClassBody') {
          currentMember = memberOfNode.get(node) ?? null;
          if (node.type !== 'MethodDefinition' && node.type !== 'TSAbstractMethodDefinition') {
            // field initializers and static blocks run with `this` = the instance (or the class)
            frame = {
              fn: frame.fn,
              parent: frame,
              thisClass: currentClass,
              thisOwner: currentClass.id,
              member: currentMember,
              lexicalClass: currentClass,
              handlerOf: null,
              name: currentMember?.name ?? frame.name,
              loopDepth: 0,
              freshAssigns: undefined,
              aliasAssigns: undefined,
              bindingKey: undefined,
              iife: false,
            };
          }
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const isMethod = parent?.type === 'MethodDefinition' || parent?.type === 'TSAbstractMethodDefinition';
        const isArrow = node.type === 'ArrowFunctionExpression';
        const thisClass = isMethod ? currentClass : isArrow ? frame.thisClass : null;
        const objectLiteral = parent?.type === 'Property' && parent.parent?.type === 'ObjectExpression' ? parent.parent : null;
        const thisOwner = isMethod && currentClass ? currentClass.id : isArrow ? frame.thisOwner : (prototypeOwner(node, parent) ?? (objectLiteral ? `o${objectLiteral.range[0]}` : `f${node.range[0]}`));
        let bindingKey: string | undefined;
        if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') bindingKey = declaredKey(parent.id, parent.parent ?? null);
        else if (node.type === 'FunctionDeclaration' && node.id) bindingKey = declaredKey(node.id, node);
        else if ((isMethod || parent?.type === 'PropertyDefinition') && currentClass && currentMember) bindingKey = `${currentClass.id}:this.${currentMember.name}`;
        if (node.type === 'FunctionDeclaration' && node.id && frame === top) model.moduleFunctions.set(node.id.name, node);
        frame = {
          fn: node,
          parent: frame,
          thisClass,
          thisOwner,
          member: currentMember,
          lexicalClass: currentClass,
          handlerOf: handlerFns.get(node) ?? null,
          name: functionName(node, parent),
          loopDepth: 0,
          freshAssigns: undefined,
          aliasAssigns: undefined,
          bindingKey,
          iife: runsWhereWritten(node, parent),
          processOnce: onceWrapperOf(node, parent ?? undefined)?.perProcess === true,
        };
        break;
      }
      // Loops that repeat without bound: `while`, `do`, `for (;;)`, `for await`. Iterating a collection
      // (`for...of`, `for...in`, a counted `for`) in code that runs once stays bounded by that collection.
      case 'WhileStatement':
      case 'DoWhileStatement':
        loop = true;
        break;
      case 'ForStatement':
        loop = node.test === null;
        break;
      case 'ForOfStatement':
        loop = node.await;
        break;
      case 'CallExpression':
        stateful = false;
        if (parent?.type === 'ExpressionStatement') sampleSemicolon(parent, parent.parent ?? null);
        visitCall(node, parent);
        if (node.callee.type === 'Identifier') {
          let sites = model.calls.get(node.callee.name);
          if (!sites) {
            model.calls.set(node.callee.name, (sites = []));
            model.callNodes.set(node.callee.name, []);
          }
          sites.push(frame);
          model.callNodes.get(node.callee.name)!.push(node);
        }
        if (frame.thisClass && currentMember) {
          const c = unwrap(node.callee);
          if (c.type === 'MemberExpression' && unwrap(c.object).type === 'ThisExpression') {
            const m = propertyName(c);
            if (m) {
              const thisCalls = (frame.thisClass.thisCalls ??= new Map());
              let callers = thisCalls.get(m);
              if (!callers) thisCalls.set(m, (callers = new Set()));
              callers.add(currentMember.name);
              if (memberByName(frame.thisClass, m)?.isPrivate) {
                const privateCalls = (frame.thisClass.privateCalls ??= new Map());
                let sites = privateCalls.get(m);
                if (!sites) privateCalls.set(m, (sites = []));
                sites.push(node);
              }
            }
          }
        }
        break;
      case 'NewExpression': {
        stateful = false;
        for (const arg of node.arguments) markUsed(arg);
        if (node.callee.type === 'Identifier') {
          let sites = model.news.get(node.callee.name);
          if (!sites) model.news.set(node.callee.name, (sites = []));
          sites.push(frame);
        }
        break;
      }
      case 'AssignmentExpression': {
        stateful = false;
        markUsed(node.right);
        const right = unwrap(node.right);
        {
          const left = unwrap(node.left);
          // `self.res = res` in a callback of a method, `self` bound to `this`: the field is replaced too
          const object = left.type === 'MemberExpression' ? unwrap(left.object) : undefined;
          if (object?.type === 'Identifier' && thisAliases.size > 0 && currentMember && currentMember.kind !== 'constructor' && currentMember.kind !== 'field') {
            const alias = findVariable(currentScope(), object.name);
            const owner = alias && thisAliases.get(alias);
            const aliased = owner !== undefined ? model.classById.get(owner) : undefined;
            const p = aliased && propertyName(left as TSESTree.MemberExpression);
            if (aliased && p) (aliased.reassigned ??= new Set()).add(p);
          }
          if (left.type === 'MemberExpression' && unwrap(left.object).type === 'ThisExpression' && frame.thisClass) {
            const p = propertyName(left);
            if (p && currentMember && currentMember.kind !== 'constructor' && currentMember.kind !== 'field') (frame.thisClass.reassigned ??= new Set()).add(p);
            // `this.transport = transport`: resolved only if a registration on `this.transport` needs it
            if (p && (right.type === 'Identifier' || right.type === 'MemberExpression')) (frame.aliasAssigns ??= new Map()).set(thisKey(frame.thisOwner, p), right);
          }
        }
        if (right.type === 'NewExpression' || right.type === 'CallExpression') {
          const left = unwrap(node.left);
          if (left.type === 'MemberExpression' && unwrap(left.object).type === 'ThisExpression' && frame.thisClass) {
            const p = propertyName(left);
            if (p) {
              const key = thisKey(frame.thisOwner, p);
              if (!frame.freshAssigns?.has(key)) (frame.freshAssigns ??= new Map()).set(key, node.range[0]);
            }
          } else if (left.type === 'Identifier' && node.operator === '=') {
            // `channel = socket.channel(name)`: a binding replaced by a new object in this function
            const key = chain(left)?.key;
            if (key && !frame.freshAssigns?.has(key)) (frame.freshAssigns ??= new Map()).set(key, node.range[0]);
          }
          if (right.type === 'NewExpression' && right.callee.type === 'Identifier' && OBSERVERS.has(right.callee.name)) {
            const c = chain(node.left);
            if (c) model.observers.add(c.key);
          }
        }
        break;
      }
      case 'VariableDeclarator': {
        stateful = false;
        if (parent?.type === 'VariableDeclaration' && parent.declarations[0] === node) sampleSemicolon(parent, parent.parent ?? null);
        const init = node.init ? unwrap(node.init) : null;
        if (init && node.id.type === 'Identifier' && rootedAtThis(init)) {
          const v = findVariable(currentScope(), node.id.name);
          if (v) {
            aliasOwners.set(v, frame.thisOwner);
            if (init.type === 'ThisExpression') thisAliases.set(v, frame.thisOwner);
          }
        }
        if (init?.type === 'NewExpression' && init.callee.type === 'Identifier' && OBSERVERS.has(init.callee.name)) {
          const c = chain(node.id);
          if (c) model.observers.add(c.key);
        }
        if (init && (init.type === 'Identifier' || init.type === 'MemberExpression')) markUsed(init);
        break;
      }
      case 'ReturnStatement':
        stateful = false;
        markUsed(node.argument);
        break;
      default:
        break;
    }
    if (node.type === 'ArrowFunctionExpression' && node.expression) markUsed(node.body);
    if (loop) {
      // a loop body is a frame of its own, so "runs repeatedly" stays visible after the walk
      frame = { ...frame, parent: frame, handlerOf: null, loopDepth: frame.loopDepth + 1, bindingKey: undefined, iife: false };
    }

    if (stateful) {
      savedFrames.push(savedFrame);
      savedMembers.push(savedMember);
      savedClasses.push(savedClass);
    }
  }

  /** Leaves the stateful node entered last. */
  function exit(): void {
    frame = savedFrames.pop()!;
    currentMember = savedMembers.pop()!;
    currentClass = savedClasses.pop()!;
  }

  function sampleSemicolon(node: TSESTree.Node, parent: Node | null): void {
    const s = model.semicolons;
    if (s.with + s.without >= 40) return;
    if (parent?.type === 'ForStatement' || parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') return;
    if (text.charCodeAt(node.range[1] - 1) === 59 /* ; */) s.with++;
    else s.without++;
  }

  let finished = false;
  /** Completes the model after the last exit (resolves the deferred uses). Idempotent. */
  function finish(): ListenerModel {
    if (finished) return model;
    finished = true;
    for (const clear of clears) {
      if (model.cleared.has(clear.key)) continue;
      // re-armed: a statement of a block around the clear, after it, stores a new interval under the key
      const reArms = model.intervals.some((i) => {
        if (i.handle.kind !== 'stored' || i.handle.chain.key !== clear.key || i.frame.fn !== clear.fn) return false;
        const statement = i.handle.assignment.type === 'AssignmentExpression' ? model.statementOf.get(i.handle.assignment) : undefined;
        const block = statement?.parent;
        return !!block && block.type === 'BlockStatement' && block.range[0] < clear.call.range[0] && clear.call.range[1] < statement.range[0];
      });
      if (!reArms) {
        model.cleared.add(clear.key);
        model.reArmedOnly.delete(clear.key);
      } else if (!model.reArmedOnly.has(clear.key)) model.reArmedOnly.set(clear.key, clear.call.loc.start.line);
    }
    const wanted = new Set<string>();
    const lastSegment = (key: string): string => key.slice(Math.max(key.lastIndexOf('.'), key.indexOf(':')) + 1);
    for (const add of model.adds) if (add.resultStoredAs) wanted.add(lastSegment(add.resultStoredAs));
    for (const i of model.intervals) if (i.handle.kind === 'stored') wanted.add(lastSegment(i.handle.chain.key));
    if (wanted.size > 0) {
      for (let i = 0; i < pendingNodes.length; i++) {
        const n = pendingNodes[i]!;
        const owner = pendingOwners[i]!;
        const name = n.type === 'MemberExpression' ? propertyName(n) : undefined;
        if (name === undefined || !wanted.has(name)) continue;
        const c = chainOf(n, scopeAt(n), owner, 0, aliasOwners);
        if (c) model.used.add(c.key);
      }
      // A stored variable is used when any read hands it on: called, passed, returned, put in a
      // literal, aliased, or disposed; `handle.unref()` and other non-disposing member calls do not count.
      const variables = new Map<TSESLint.Scope.Variable, string>();
      for (const add of model.adds) if (add.resultStoredAs && add.resultVariable) variables.set(add.resultVariable, add.resultStoredAs);
      for (const i of model.intervals) {
        if (i.handle.kind === 'stored' && i.handle.chain.path.length === 0 && i.handle.chain.variable) variables.set(i.handle.chain.variable, i.handle.chain.key);
      }
      for (const [v, key] of variables) {
        for (const ref of v.references) {
          if (ref.isRead() && handsOn(ref.identifier as Node)) {
            model.used.add(key);
            break;
          }
        }
      }
    }
    // A result stored in a variable/field is kept when that binding is used (called, returned, passed, disposed).
    for (const add of model.adds) {
      if (!add.resultKept && add.resultStoredAs && model.used.has(add.resultStoredAs)) add.resultKept = true;
    }
    return model;
  }

  return { enter, exit, finish, walk: () => visit(context.ast, null) };
}

/** Runs the single pass over `context.ast` with the pass's own walk (the codemod front end). */
export function buildModel(context: AnalysisContext, sets: Sets): ListenerModel {
  const builder = createModelBuilder(context, sets);
  builder.walk();
  return builder.finish();
}
