/**
 * Turns the classified uses of one collection into a verdict: bounded (no report), or unbounded with
 * the reason the message gives. Encodes the decisions on the traps of DESIGN.md ("What counts as
 * growth, and what bounds it"); each one is documented in docs/rules/no-unbounded-collection.md.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { assignsFlag, calleeName, enclosingFunction, isErrorFirstCallback, isFunction, keyText, lastStatement, memberName, onceWrapperOf, operandsOf, outermost, parameterIdentifier, parameterName, parentOf, referencedOnlyByCalls, returnsEarly, runsWithinItsCaller, SETUP_NAME, STREAM_END_EVENTS, SYNC_ITERATION, unwrap, variableOf } from '../shared/ast.js';
import { FINITE_TYPE_FLAGS, typeAt } from '../shared/ts-types.js';
import type { AnalysisContext } from '../context.js';
import { freshKind, thisOwner, type CollectionModel, type Target } from './model.js';
import { EMPTY_GUARD, localBoundOnce, NON_EMPTY_EXIT, type Use } from './uses.js';
import { walk } from '../shared/walk.js';

type Node = TSESTree.Node;

export type VerdictReason = 'unbounded' | 'keyMismatch' | 'conditionalCleanup';

export interface Verdict {
  readonly reason: VerdictReason;
  /** Counted growth sites, first one named in the message. */
  readonly growth: readonly Use[];
  /** The memo-cache key (`lookup then insert under the same key`), when the collection is a cache. */
  readonly cacheKey?: string;
  /** For keyMismatch/conditionalCleanup: the removal that does not bound, and why. */
  readonly cleanup?: { readonly site: Node; readonly detail: string };
  /** For locals: the unbounded context of the growth (`for await loop`, `'data' handler`). */
  readonly context?: string;
}

/**
 * Keys from a finite domain (`event.type`, `'total'`, `Kind.Error`, a `name`/`label` of something
 * defined in code such as a debug namespace or a middleware): a Map keyed by them stays small.
 */
const FINITE_MEMBER = /^(?:type|kind|status|state|level|category|method|phase|severity|op|code|eventName|event|tag|mode|role|name|label|namespace|issuer|origin|host|hostname|version|locale)$/;

/** Camel-case names of a configured server (`serverOrigin`, `authIssuer`, `upstreamHost`): one entry per server. */
const CONFIGURED_SERVER = /[a-z](?:Origin|Issuer|Host)$/;

/**
 * Camel-case names of a category (`eventType`, `messageKind`, `connectionStatus`, `logLevel`,
 * `renderMode`): one entry per value of an enumeration written in code, like {@link FINITE_MEMBER}'s
 * plain `type` or `kind`. Names that end in `Name` or `Id` are not among them: `userName` and `userId`
 * name data.
 */
const CATEGORY_NAME = /[a-z](?:Type|Kind|Status|Level|Category|Severity|Mode|Phase)$/;

/**
 * Names of a schema's parts (`tableName`, `collectionName`, `indexName`, `modelName`): a store keyed
 * by them holds one entry per table or model the schema defines (convex's local store keys its pages
 * and documents by `tableName`, fresh review 15); what each entry holds is another map's business.
 */
const SCHEMA_PART = /^(?:table|tableName|collectionName|indexName|schemaName|modelName)$/;

/**
 * Names of the credential or name that identifies a configured client of an SDK (`sdkKey`, `apiKey`,
 * `writeKey`, `serverKey`, `instanceName`): a store keyed by it holds one entry per client the app
 * configures, a handful. Statsig's client core keys six module maps by `sdkKey`, Amplitude its
 * IndexedDB handles by `apiKey`, RudderStack its instances by `writeKey` (fresh review 18). Taken from a
 * handler's input (`req.headers.apiKey` in a gateway), the same name is data ({@link isHandlerInput}).
 */
const CLIENT_CREDENTIAL = /^(?:sdk|api|write|server|client|project|environment|env|publishable|secret)Key$|^instanceName$/;

/** A key name of a finite domain ({@link FINITE_MEMBER}, {@link CONFIGURED_SERVER}, {@link CATEGORY_NAME}, {@link SCHEMA_PART}, {@link CLIENT_CREDENTIAL}). */
function finiteName(name: string): boolean {
  return FINITE_MEMBER.test(name) || CONFIGURED_SERVER.test(name) || CATEGORY_NAME.test(name) || SCHEMA_PART.test(name) || CLIENT_CREDENTIAL.test(name);
}

/** Calls registering a long-lived callback: growth inside one runs once per event, for ever. */
export const HANDLER_CALLS: ReadonlySet<string> = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'subscribe', 'setInterval', 'observe', 'watch', 'onMessage', 'onmessage']);

/** Status-like members whose `!==` exclusion guards a removal (seed 002: `status !== 'suspended'`). */
const STATUS_NAME = /^(?:status|state|phase|stage|result|outcome)$/i;

function functionName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name;
  const parent = parentOf(fn);
  if (!parent) return undefined;
  if (parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition') {
    return parent.key.type === 'Identifier' ? parent.key.name : undefined;
  }
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}

/**
 * The function whose invocations drive `site`: the nearest enclosing function, skipping callbacks of
 * synchronous array iteration (`opts.transports.forEach((t) => ...)` in a constructor runs with it) and
 * functions that run at most once per run of the code around them ({@link runsWithinItsCaller}: a
 * promise reaction, an IIFE, a one-shot timer; node-red's start-up `httpsPromise.then(...)` at the top
 * of its launcher, fresh review 10).
 */
export function drivingFunction(site: Node): TSESTree.FunctionLike | undefined {
  let fn = enclosingFunction(site);
  while (fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression')) {
    const call = parentOf(fn);
    if (!call || !runsWithinItsCaller(fn, call)) break;
    fn = enclosingFunction(call);
  }
  return fn;
}

/**
 * A fluent configuration method: it ends in `return this` (casts allowed: `return this as Graph<...>`)
 * and is named `with*` (`withContext(label)` of a session-manager builder), takes a function (a
 * router's `route(path, handler)`, see {@link takesBehaviour}), captures a name as a literal type
 * ({@link capturesLiteralName}), or is a method of a builder, a class
 * with a `build()` or `compile()` method (langgraph's `Graph.addNode(...)`, `addEdge(...)`,
 * `addConditionalEdges(...)`, chained while the graph is defined, then compiled), or of a fluent model,
 * a class with a chained `with*` setter. It runs while the owner is set up, a bounded number of times.
 * O(class members).
 */
function isFluentConfigurator(fn: TSESTree.FunctionLike, name: string): boolean {
  if (!returnsThis(fn)) return false;
  if (FLUENT_SETTER.test(name)) return true;
  // A chained method that takes behaviour (`router.route(path, handler)`, `group.add(() => task, {...})`):
  // code registering handlers while it sets the object up.
  if (fn.params.some(takesBehaviour)) return true;
  // A chained method that captures a name as a literal type (`index<IndexName extends string>(name:
  // IndexName, ...)`): the name is written at the call, where the type system reads it.
  if (capturesLiteralName(fn)) return true;
  const method = parentOf(fn);
  const classBody = method?.type === 'MethodDefinition' && !method.static ? parentOf(method) : undefined;
  return (
    classBody?.type === 'ClassBody' &&
    classBody.body.some(
      (member) =>
        member.type === 'MethodDefinition' &&
        !member.static &&
        member.key.type === 'Identifier' &&
        // a builder (`build()`, `compile()`), or a fluent model with chained `with*` setters (Adaptive
        // Cards' `new AreaGridLayout().withColumnSpacing('small').addColumns(50, 50)`, fresh review 17)
        (BUILD_METHOD.test(member.key.name) || (FLUENT_SETTER.test(member.key.name) && returnsThis(member.value))),
    )
  );
}

/** A chained setter's name: `withContext(label)`, `withColumnSpacing(value)`. */
const FLUENT_SETTER = /^with[A-Z]/;

/** A function whose last statement is `return this` (casts allowed: `return this as Graph<...>`). */
function returnsThis(fn: TSESTree.FunctionLike): boolean {
  if (fn.body?.type !== 'BlockStatement') return false;
  const last = fn.body.body.at(-1);
  return last?.type === 'ReturnStatement' && last.argument !== null && unwrap(last.argument).type === 'ThisExpression';
}

/**
 * Whether a parameter of `fn` is typed by a type parameter of `fn` constrained to `string` (`index<
 * IndexName extends string>(name: IndexName)`): the declaration-time builders of a typed schema (convex's
 * `defineTable(...).index('by_user', ['user'])`, `.searchIndex(...)`, `.vectorIndex(...)`; fresh review
 * 15) record each name in the builder's type, which only a literal written at the call can feed. A
 * `string` parameter or an unconstrained type parameter says nothing. O(type parameters × parameters).
 */
function capturesLiteralName(fn: TSESTree.FunctionLike): boolean {
  const literalNames = new Set(
    (fn.typeParameters?.params ?? []).filter((p) => p.constraint?.type === 'TSStringKeyword').map((p) => p.name.name),
  );
  if (literalNames.size === 0) return false;
  return fn.params.some((param) => {
    const type = parameterIdentifier(param)?.typeAnnotation?.typeAnnotation;
    return type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && !type.typeArguments && literalNames.has(type.typeName.name);
  });
}

/** Type names of functions passed as behaviour. */
const BEHAVIOUR_TYPE = /(?:Handler|Callback|Listener|Factory|Middleware|Fn|Function)$/;
const BEHAVIOUR_NAME = /^(?:handler|callback|cb|fn|listener|factory|middleware)$/i;

/**
 * A parameter that takes a function: annotated with a function type (`() => AgentTask`) or a type named
 * like one (`WebSocketConnectionHandler`, `TaskFactory`), or, unannotated, named `handler`, `callback`,
 * `fn`, `listener`, `factory`, `middleware`. O(1).
 */
function takesBehaviour(param: TSESTree.Parameter): boolean {
  const id = parameterIdentifier(param);
  if (!id) return false;
  const type = id.typeAnnotation?.typeAnnotation;
  if (!type) return BEHAVIOUR_NAME.test(id.name);
  if (type.type === 'TSFunctionType') return true;
  return type.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && BEHAVIOUR_TYPE.test(type.typeName.name);
}

/** The method that turns a builder's definition into its product. */
const BUILD_METHOD = /^(?:build|compile)$/;

/** A log call's method: `console.warn(...)`, `process.emitWarning(...)`, a stored logger `this.logger({...})` (ax's MCP client, fresh review 19). */
const LOG_METHOD = /^(?:warn|log|info|debug|error|trace|notice|emitWarning|_?logger)$/;

/**
 * Functions that decide whether a warning or log line is written (`warnOnce`, `shouldSkipWarning`,
 * `emitDeprecationWarning`, inngest's `logOnce`).
 */
const WARNING_FUNCTION = /warn|^log\w*Once$/i;

/**
 * A warn-once dedup: the `add` sits in a statement list that also writes a log line
 * (`if (!warned.has(msg)) { warned.add(msg); console.warn(msg); }`, `process.emitWarning(...)`), or in
 * a function named after the warning or log line it gates (vite's `shouldSkipWarning(warning)`: `if
 * (warned.has(m)) return true; warned.add(m)`; `logOnce(logger, level, key, ...args)`). The set holds one entry per distinct line the program
 * has logged; the log itself grows at least as fast, so the set is not the leak (each distinct message
 * is logged once). O(statements of the block).
 */
function dedupsLogOutput(site: Node): boolean {
  const fn = drivingFunction(site);
  const name = fn && functionName(fn);
  if (name && WARNING_FUNCTION.test(name)) return true;
  let statement: Node | undefined = site;
  while (statement && statement.type !== 'ExpressionStatement') statement = parentOf(statement);
  const block = statement ? parentOf(statement) : undefined;
  if (!statement || !block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
  return block.body.some((other) => {
    if (other === statement || other.type !== 'ExpressionStatement') return false;
    const call = unwrap(other.expression);
    if (call.type !== 'CallExpression') return false;
    const callee = unwrap(call.callee);
    if (callee.type === 'MemberExpression') return LOG_METHOD.test(memberName(callee) ?? '');
    return callee.type === 'Identifier' && /^(?:warn|log)/i.test(callee.name);
  });
}

/** OpenTelemetry's provider methods: one tracer, meter or logger per instrumentation scope. */
const SCOPE_PROVIDER_METHOD = /^get(?:Tracer|Meter|Logger)$/;

/**
 * Growth in an OpenTelemetry provider's `getTracer(name, version)` / `getMeter` / `getLogger`, or in a
 * function taking an `instrumentationScope` parameter (`getMeterSharedState(instrumentationScope)`):
 * the specification asks a provider to return the same object for the same instrumentation scope, whose
 * name and version are written in the code of the instrumented libraries, so such a map holds one entry
 * per instrumentation library (the SDK's `TracerProvider._tracers`, sentry's and dd-trace's providers;
 * fresh reviews 10 and 12). O(parameters).
 */
function perInstrumentationScope(site: Node): boolean {
  const fn = drivingFunction(site);
  if (!fn) return false;
  const name = functionName(fn);
  if (name !== undefined && SCOPE_PROVIDER_METHOD.test(name)) return true;
  return fn.params.some((param) => parameterName(param) === 'instrumentationScope');
}

/**
 * The value of a push that only runs when the array does not hold it yet — `if (!xs.includes(v))
 * xs.push(v)`, or `indexOf(v) === -1` / `< 0` — on the same array and value as written. Such an array
 * is a set: it holds at most one entry per distinct value, so a finite value domain bounds it
 * (langgraph's `trackStreamMode(...modes)`, one entry per stream mode). Undefined otherwise.
 */
function dedupedPushValue(site: Node, text: string): Node | undefined {
  if (site.type !== 'CallExpression' || site.arguments.length !== 1 || site.arguments[0]!.type === 'SpreadElement') return undefined;
  const callee = unwrap(site.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'push') return undefined;
  const value = site.arguments[0]!;
  const arrayText = keyText(text, callee.object);
  const valueText = keyText(text, value);
  const fn = enclosingFunction(site);
  for (let child: Node = site, up = parentOf(site); up && up !== fn; child = up, up = parentOf(up)) {
    if (up.type === 'IfStatement' && up.consequent === child && isAbsenceTest(up.test, arrayText, valueText, text)) return value;
  }
  return undefined;
}

/** `!xs.includes(v)`, `xs.indexOf(v) === -1`, `xs.indexOf(v) < 0` for the given array and value texts. */
function isAbsenceTest(test: Node, arrayText: string, valueText: string, text: string): boolean {
  const lookup = (node: Node, method: string): boolean => {
    const call = unwrap(node);
    if (call.type !== 'CallExpression' || call.arguments.length !== 1) return false;
    const callee = unwrap(call.callee);
    return callee.type === 'MemberExpression' && memberName(callee) === method && keyText(text, callee.object) === arrayText && keyText(text, call.arguments[0]!) === valueText;
  };
  const value = unwrap(test);
  if (value.type === 'UnaryExpression' && value.operator === '!') return lookup(value.argument, 'includes');
  if (value.type === 'BinaryExpression') {
    const isMinusOne = (n: Node): boolean => n.type === 'UnaryExpression' && n.operator === '-' && n.argument.type === 'Literal' && n.argument.value === 1;
    if ((value.operator === '===' || value.operator === '==') && isMinusOne(value.right)) return lookup(value.left, 'indexOf');
    if (value.operator === '<' && value.right.type === 'Literal' && value.right.value === 0) return lookup(value.left, 'indexOf');
  }
  return false;
}

/**
 * True when the growth runs a bounded number of times: module top level, a setup method, a function given
 * to a run-once wrapper (`singleton(name, factory)`, `once(fn)`) where the call runs once, the factory of
 * `singleton('literal name', factory)` anywhere (it runs once per process), and, for the instance's own
 * fields, a constructor or a private method that nothing but the constructor calls, or nothing calls at
 * all ({@link neverCalledOutsideConstructor}, which needs `model`). Without `target` a constructor counts as one
 * time, as it does for an instance field; for a static field or a module binding it runs per instance.
 */
export function isOneTime(site: Node, target?: Target, model?: CollectionModel): boolean {
  const fn = drivingFunction(site);
  if (!fn) return true;
  const parent = parentOf(fn);
  // `singleton('registry', () => { ... })`, `once(fn)`: the function runs once per run of the call, and
  // the factory of a singleton with a literal name once per process.
  const wrapper = onceWrapperOf(fn, parent);
  if (wrapper) return wrapper.perProcess || isOneTime(wrapper.call, target, model);
  const perInstance = parent?.type === 'MethodDefinition' && (parent.kind === 'constructor' || (model !== undefined && neverCalledOutsideConstructor(parent, model)));
  // A constructor runs once per instance: once for the instance's own fields, but once per instance
  // for a static field or a module binding (`constructor() { CallStats.fabrics.add(this) }`,
  // lib-jitsi-meet's instance registry, fixed upstream in 9a889b98; held-out recall, session 8).
  if (perInstance) return !target || (target.scope === 'field' && !target.isStatic);
  const name = functionName(fn);
  if (name && SETUP_NAME.test(name)) return true;
  return name !== undefined && isFluentConfigurator(fn, name);
}

const constructorOnly = new WeakMap<TSESTree.MethodDefinition, boolean>();

/**
 * A private method (`private` or `#name`) that the class only calls from its constructor (or from the
 * initializers of its instance fields, or from another such private method: {@link calledOncePerInstance}),
 * and never reads as a value: `constructor(o) { if (o.types) this.extendTypes(o.types) }` with `private
 * extendTypes(types) { for (const t of types) this.#supported.add(t) }` (crawlee's
 * `extendSupportedMimeTypes`; fresh review 8). It runs once per instance, like the constructor body.
 * A private method that nothing calls nor reads (no `this.<name>` and no call named `<name>` on any
 * receiver) is dead code and runs no time at all (trigger.dev's tsql `Database._addViews()` and its two
 * siblings; fresh review 9).
 * Memoised per method; O(`this.<name>` references of the file × their depth), from the model's index.
 */
function neverCalledOutsideConstructor(method: TSESTree.MethodDefinition, model: CollectionModel, depth = 0): boolean {
  let only = constructorOnly.get(method);
  if (only !== undefined) return only;
  only = false;
  const classBody = parentOf(method);
  const name = privateMethodName(method.value);
  if (name !== undefined && classBody?.type === 'ClassBody') {
    let calls = 0;
    let other = false;
    for (const ref of model.thisRefsNamed(name)) {
      if (thisOwner(ref)?.cls !== parentOf(classBody)) continue;
      const call = parentOf(ref);
      if (call?.type === 'CallExpression' && call.callee === ref && calledOncePerInstance(call, classBody, model, depth)) calls++;
      else {
        other = true;
        break;
      }
    }
    // No call at all, through `this` or any other receiver (`self._flush()`), is dead code: the growth
    // never runs (trigger.dev's tsql `Database._addViews()`).
    only = !other && (calls > 0 || model.callsNamed(name).length === 0);
  }
  constructorOnly.set(method, only);
  return only;
}

/**
 * Whether `call` (of a private method of the class of `classBody`) runs once per instance: in the
 * constructor, in the initializer of an instance field (`readonly lastError = this.#register(new
 * State(...))`: zero's metrics manager; fresh review 14), or in another private method that only those
 * call (two levels: a constructor that calls `#registerQuery()`, which calls `#registerView()`).
 */
function calledOncePerInstance(call: TSESTree.CallExpression, classBody: TSESTree.ClassBody, model: CollectionModel, depth: number): boolean {
  let member: Node = call;
  for (let up = parentOf(member); up && up !== classBody; up = parentOf(up)) {
    if (isFunction(up)) {
      const callerMethod = parentOf(up);
      if (callerMethod?.type !== 'MethodDefinition' || parentOf(callerMethod) !== classBody || callerMethod.static) return false;
      if (callerMethod.kind === 'constructor') return true;
      return callerMethod.kind === 'method' && depth < 2 && neverCalledOutsideConstructor(callerMethod, model, depth + 1);
    }
    member = up;
  }
  return member.type === 'PropertyDefinition' && !member.static && parentOf(member) === classBody;
}

/**
 * Growth inside a module-level helper that only runs while the module loads: a non-exported
 * `function f()` at the top of the file whose every reference is a call made from top-level code (a
 * loop over a literal list of constructors, an `if` probing a global) or from another such helper.
 * It runs a fixed number of times (openai-node's `rememberTrustedIntrinsic(...)` calls at load), like
 * growth written at the top level itself. A helper that is exported, passed as a value (a callback,
 * `export { f }`) or called from any other function is not one. Depth-limited to two helpers.
 */
function filledAtLoad(site: Node, resolver: KeyResolver | undefined): boolean {
  const fn = drivingFunction(site);
  return fn !== undefined && resolver !== undefined && calledOnlyAtLoad(fn, resolver, 0);
}

function calledOnlyAtLoad(fn: TSESTree.FunctionLike, resolver: KeyResolver, depth: number): boolean {
  if (depth > 2) return false;
  return onlyCalledWhere(fn, resolver, (call) => {
    const caller = drivingFunction(call);
    return caller === undefined || calledOnlyAtLoad(caller, resolver, depth + 1);
  });
}

/**
 * Whether `fn` is a module-level `function` declaration, not exported, that is referenced at least once
 * and only by calls (never passed as a value), every one of which satisfies `where`. O(references).
 */
function onlyCalledWhere(fn: TSESTree.FunctionLike, resolver: KeyResolver, where: (call: TSESTree.CallExpression) => boolean): boolean {
  return fn.type === 'FunctionDeclaration' && parentOf(fn)?.type === 'Program' && referencedOnlyByCalls(fn, resolver.scopeManager, where);
}

/**
 * Growth that only runs while the collection is empty: the function driving it starts with an early
 * exit taken while the collection holds anything (`if (_channelSubs.length) return;`, `exits`: the
 * uses read as {@link NON_EMPTY_EXIT}), a statement of its body before the growth; or the growth is in a
 * module-level helper, not exported, every reference of which is a call made after such an exit
 * (sentry's undici instrumentation: `instrumentUndici()` returns while `_channelSubs` is non-empty and
 * then calls `subscribeToChannel(...)`, which pushes; fresh review 12). The first call fills the
 * collection; every later call leaves before growing, until something empties it again.
 * O(exits × (depth + references of the helper)).
 */
function filledOnce(site: Node, exits: readonly Node[], resolver: KeyResolver | undefined, text: string): boolean {
  const behindExit = (node: Node): boolean => {
    const fn = drivingFunction(node);
    if (fn?.body?.type !== 'BlockStatement') return false;
    return exits.some((exit) => parentOf(exit) === fn.body && exit.range[1] <= node.range[0]) || behindOnceFlag(fn.body, node, text, resolver);
  };
  if (behindExit(site)) return true;
  const fn = drivingFunction(site);
  return exits.length > 0 && fn !== undefined && resolver !== undefined && onlyCalledWhere(fn, resolver, behindExit);
}

/**
 * Growth inside the block of an `if` taken only while the collection is empty (`if (this._cache.size
 * === 0) { for (const r of this._app.routes) this._cache.set(r.handler, ...) }`, {@link EMPTY_GUARD}),
 * in the same function as the test: the block fills the collection the first time it is found empty
 * and is skipped from then on, until something empties it again (convex-helpers' Hono route lookup;
 * fresh review 16). O(guards).
 */
function filledWhileEmpty(site: Node, guards: readonly TSESTree.IfStatement[]): boolean {
  return guards.some(
    (guard) => guard.consequent.range[0] <= site.range[0] && site.range[1] <= guard.consequent.range[1] && drivingFunction(site) === drivingFunction(guard),
  );
}

/**
 * A statement of `body` before `node` leaves while a once flag is set (`if (this.parsed) return
 * this.sections[0];`, `if (this.#done || other) return;`), and `body` sets that flag to `true` or to a
 * fresh object (the lazy initialisation `if (loaded) return loaded; loaded = new Set()`): the
 * function fills the collection on its first call only (a wire message's `parse()` in the MongoDB
 * driver, mikro-orm's `Configuration` routines; fresh review 13). The flag is a plain chain, matched as
 * written. O(statements before `node` + text of `body`).
 */
function behindOnceFlag(body: TSESTree.BlockStatement, node: Node, text: string, resolver: KeyResolver | undefined): boolean {
  for (const statement of body.body) {
    if (statement.range[1] > node.range[0]) return false;
    if (!returnsEarly(statement)) continue;
    for (const flag of operandsOf(statement.test, '||')) {
      if (flag.type !== 'MemberExpression' && flag.type !== 'Identifier') continue;
      const written = text.slice(flag.range[0], flag.range[1]);
      // `true` closes any flag; a fresh object only one that outlives the call (`this.x`, a module
      // variable): `let mod = lookup(k); if (mod) return mod; mod = new Node()` is a memo, made per call
      const value = flag.type === 'MemberExpression' || declaredOutside(flag, body, resolver) ? 'set' : 'true';
      if (assignsFlag(text, body, written, value) && !reopened(flag, written, body, text, resolver)) return true;
    }
  }
  return false;
}

/**
 * A readiness flag by name: `ready`, `isReady`, `readyToSend`, `loaded`, `initialized`, `started`,
 * `connected`, `clientIntegrationsReady`. A flag that ends the owner's life (`closed`, `destroyed`) is
 * not one: growth while it is unset is growth for the whole life.
 */
const READY_FLAG = /(?:ready|loaded|initiali[sz]ed|inited|started|booted|connected|opened|mounted|attached)(?:To[A-Z]\w*)?$/i;

/**
 * Growth reached only while a readiness flag is still unset, a pre-initialisation buffer: `if
 * (!this.loaded) { this.toBeProcessed.push(args); return }`, `if (this.readyToSend) send(m); else
 * this.toSend.push(m)`, or after `if (this.ready) return`, in the growing function. The flag turns one
 * way ({@link turnsOnce}): once set it stays set, so the collection holds what arrived before the owner
 * became ready, and no more (RudderStack's v1.1 `Analytics` buffers, fresh review 18; gun's webview
 * crypto worker, fresh review 19). A flag set back to `false` (a reconnecting client's `connected`)
 * opens the window again and counts as no bound. O(depth × statements) per site, plus one walk of the
 * file per flag name.
 */
function beforeReady(site: Node, resolver: KeyResolver | undefined): boolean {
  if (!resolver) return false;
  const fn = drivingFunction(site);
  let child: Node = site;
  for (let n = parentOf(site); n && n !== fn; child = n, n = parentOf(n)) {
    if (n.type === 'IfStatement') {
      // `if (!ready && x) { grow }`, `if (ready || x) { ... } else { grow }`
      const flags = child === n.consequent ? operandsOf(n.test, '&&').map(negated) : child === n.alternate ? operandsOf(n.test, '||') : [];
      if (flags.some((flag) => flag !== undefined && turnsOnce(flag, resolver))) return true;
    } else if (n.type === 'BlockStatement') {
      for (const statement of n.body) {
        if (statement.range[1] > child.range[0]) break;
        if (returnsEarly(statement) && operandsOf(statement.test, '||').some((flag) => turnsOnce(flag, resolver))) return true;
      }
    }
  }
  return false;
}

/** `x` of `!x`, unwrapped; undefined for anything else. */
function negated(test: Node): Node | undefined {
  return test.type === 'UnaryExpression' && test.operator === '!' ? unwrap(test.argument) : undefined;
}

const oneWayFlags = new WeakMap<Node, Map<string, boolean>>();

/**
 * Whether `flag` (`this.ready`, or a variable `ready`) is a readiness flag ({@link READY_FLAG}) that
 * the code only ever sets to `true`: for a member, every assignment to a member of that name in the
 * file is `= true`, except plain statements of a constructor (its initial `this.ready = false`); for a
 * variable, every write after its declaration. At least one such `= true` must exist. Memoised per file
 * and member name; O(nodes of the file) once per name.
 */
function turnsOnce(flag: Node, resolver: KeyResolver): boolean {
  const f = unwrap(flag);
  if (f.type === 'Identifier') {
    if (!READY_FLAG.test(f.name)) return false;
    const variable = variableOf(resolver.scopeManager, f);
    if (!variable || variable.defs.length !== 1 || variable.defs[0]!.type !== 'Variable') return false;
    const writes = variable.references.filter((ref) => ref.isWrite() && !ref.init);
    return writes.length > 0 && writes.every((ref) => isTrue(ref.writeExpr as Node | null | undefined) && (parentOf(ref.identifier) as TSESTree.AssignmentExpression | undefined)?.operator === '=');
  }
  if (f.type !== 'MemberExpression' || f.computed || unwrap(f.object).type !== 'ThisExpression') return false;
  const name = memberName(f);
  if (!name || !READY_FLAG.test(name)) return false;
  const program = resolver.scopeManager.globalScope?.block;
  if (!program) return false;
  let byName = oneWayFlags.get(program);
  if (!byName) oneWayFlags.set(program, (byName = new Map()));
  let known = byName.get(name);
  if (known === undefined) {
    let setTrue = false;
    let other = false;
    walk(program, (node) => {
      if (other) return;
      if (node.type === 'UpdateExpression' && node.argument.type === 'MemberExpression' && memberName(node.argument) === name) other = true;
      if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression' || memberName(node.left) !== name) return;
      if (node.operator === '=' && isTrue(node.right)) setTrue = true;
      else if (!initialInConstructor(node)) other = true;
    });
    known = setTrue && !other;
    byName.set(name, known);
  }
  return known;
}

function isTrue(value: Node | null | undefined): boolean {
  const v = value && unwrap(value);
  return v?.type === 'Literal' && v.value === true;
}

/** `this.x = v;` as a statement of a constructor's own body (not in a callback or branch of it). */
function initialInConstructor(assignment: TSESTree.AssignmentExpression): boolean {
  const statement = parentOf(assignment);
  const body = statement?.type === 'ExpressionStatement' ? parentOf(statement) : undefined;
  const fn = body?.type === 'BlockStatement' ? parentOf(body) : undefined;
  const method = fn?.type === 'FunctionExpression' ? parentOf(fn) : undefined;
  return method?.type === 'MethodDefinition' && method.kind === 'constructor';
}

/** Whether the variable `id` names is declared outside `body` (a module or outer variable). */
function declaredOutside(id: TSESTree.Identifier, body: Node, resolver: KeyResolver | undefined): boolean {
  const def = resolver && variableOf(resolver.scopeManager, id)?.defs[0];
  return !!def && (def.name.range[0] < body.range[0] || def.name.range[0] > body.range[1]);
}

/**
 * Whether code outside the filling function (`body`) sets the once flag back to `false`, `null` or
 * `undefined`, which opens the gate again: another method of the class than the constructor (`reset() {
 * this.parsed = false }`, `close() { this.client = null }`), for a `this` flag; such a write outside
 * `body`, for a variable. O(text of the class) or O(references of the variable).
 */
function reopened(flag: Node, written: string, body: Node, text: string, resolver: KeyResolver | undefined): boolean {
  if (flag.type === 'Identifier') {
    const variable = resolver && variableOf(resolver.scopeManager, flag);
    if (!variable) return true;
    return variable.references.some((ref) => {
      if (!ref.isWrite() || ref.init) return false;
      const at = ref.identifier.range[0];
      const value = ref.writeExpr && unwrap(ref.writeExpr as Node);
      const unset = (value?.type === 'Literal' && (value.value === false || value.value === null)) || (value?.type === 'Identifier' && value.name === 'undefined');
      return (at < body.range[0] || at > body.range[1]) && unset;
    });
  }
  let classBody: Node | undefined = body;
  while (classBody && classBody.type !== 'ClassBody') classBody = parentOf(classBody);
  if (!classBody || classBody.type !== 'ClassBody') return true;
  return classBody.body.some(
    (member) =>
      !(member.range[0] <= body.range[0] && body.range[1] <= member.range[1]) &&
      !(member.type === 'MethodDefinition' && member.kind === 'constructor') &&
      assignsFlag(text, member, written, 'unset'),
  );
}

/**
 * Resolves an identifier key one step for {@link isFiniteKey}: a `const` bound to a finite key
 * (`const warning = '...'`), or a parameter of a named function whose every call in the file passes a
 * finite key at that position (`warnOnce('v5-body', msg)` → `function warnOnce(id, ...)`). Depth-limited.
 */
export interface KeyResolver {
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly model: CollectionModel;
  /** Type information, when the caller has it (see {@link finiteByType}). */
  readonly types?: AnalysisContext['types'];
}

function resolvesFinite(id: TSESTree.Identifier, resolver: KeyResolver, depth: number): boolean {
  if (depth > 2) return false;
  const variable = variableOf(resolver.scopeManager, id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def || !variable) return false;
  if (def.type === 'Variable' && def.parent.kind === 'const' && def.node.id.type === 'Identifier' && def.node.init) {
    return isFiniteKey(def.node.init, resolver, depth + 1);
  }
  // `function loadFamily(family: ProviderFamily)`: a parameter declared with a finite type
  const declared = def.type === 'Parameter' && def.name.type === 'Identifier' ? def.name.typeAnnotation?.typeAnnotation : undefined;
  if (declared && finiteTypeNode(declared, id)) return true;
  if (def.type === 'Parameter' && def.name.parent && isFunction(def.node)) {
    const fn = def.node;
    const index = fn.params.findIndex((param) => param === def.name || (param.type === 'AssignmentPattern' && param.left === def.name));
    const method = privateMethodName(fn);
    const name = method ?? (fn.type === 'FunctionDeclaration' ? fn.id?.name : parentOf(fn)?.type === 'VariableDeclarator' ? ((parentOf(fn) as TSESTree.VariableDeclarator).id as TSESTree.Identifier).name : undefined);
    if (index < 0 || !name) return false;
    // a private method is called only as `this.name(...)` from its class (Baileys' `getQueue(keyType)`,
    // called with parameters typed `keyof SignalDataTypeMap`; fresh review 10)
    const calls = resolver.model.callsNamed(name).filter((call) => {
      const callee = unwrap(call.callee);
      return method === undefined ? callee.type === 'Identifier' : callee.type === 'MemberExpression' && unwrap(callee.object).type === 'ThisExpression';
    });
    // Reassigned parameters are not followed.
    if (calls.length === 0 || variable.references.some((ref) => ref.isWrite() && ref.identifier !== def.name)) return false;
    return calls.every((call) => {
      const arg = call.arguments[index];
      return arg !== undefined && arg.type !== 'SpreadElement' && isFiniteKey(arg, resolver, depth + 1);
    });
  }
  return false;
}

/**
 * The name under which the class calls `fn` when it is a private instance method (`private getQueue()`
 * → `getQueue`, `#queue()` → `#queue`): only `this.<name>(...)` inside the class can call it. Else undefined.
 */
function privateMethodName(fn: TSESTree.FunctionLike): string | undefined {
  const method = parentOf(fn);
  if (method?.type !== 'MethodDefinition' || method.value !== fn || method.static || method.computed || method.kind !== 'method') return undefined;
  if (method.key.type === 'PrivateIdentifier') return `#${method.key.name}`;
  return method.accessibility === 'private' && method.key.type === 'Identifier' ? method.key.name : undefined;
}

/**
 * Keys that name something, finite only when that something is defined in code or configured (see
 * {@link isHandlerInput}): a name, or a client's credential ({@link CLIENT_CREDENTIAL}).
 */
function nameLike(name: string): boolean {
  return /^(?:name|label|namespace)$/.test(name) || CLIENT_CREDENTIAL.test(name);
}

/**
 * Whether `id` is bound by a parameter of a callback handed to a framework call that is not a
 * synchronous array iteration (`server.registerTool('add', async ({ name }) => ...)`,
 * `app.post('/x', (req) => ...)`, `emitter.on('e', (evt) => ...)`): its value is runtime input — the
 * arguments of a tool call, a request, an event — so a `name` taken from it names data, not a thing
 * defined in code. O(depth) plus one scope lookup.
 */
function isHandlerInput(id: TSESTree.Identifier, resolver: KeyResolver | undefined): boolean {
  if (!resolver) return false;
  const variable = variableOf(resolver.scopeManager, id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
  const fn = def.node;
  if (fn.type === 'FunctionDeclaration') return false;
  const call = parentOf(fn);
  if ((call?.type !== 'CallExpression' && call?.type !== 'NewExpression') || !call.arguments.includes(fn as TSESTree.Expression)) return false;
  const name = calleeName(call);
  return name === undefined || !SYNC_ITERATION.has(name);
}

/**
 * Names of imported or global key types that name a closed set of values by convention: a language,
 * family, kind, type, mode, level, status, category, role, phase, severity, topic, locale, theme,
 * variant, format, stage or flag (`SupportedCodeLanguage`, `ProviderFamily`, `LogLevel`, `FeatureFlag`), or an
 * all-capitals enum (`TOPIC`). Used only when the type is not declared in the file.
 */
const DOMAIN_TYPE_NAME = /(?:Language|Lang|Family|Kind|Type|Mode|Level|Status|Category|Role|Phase|Severity|Topic|Locale|Theme|Variant|Format|Stage|Flag)$|^[A-Z][A-Z0-9_]*$/;

/** Top-level type aliases, enums, interfaces and classes of a program, by name (see {@link finiteTypeNode}). */
const typeDeclarations = new WeakMap<TSESTree.Program, Map<string, Node>>();

function declarationsOf(program: TSESTree.Program): Map<string, Node> {
  let byName = typeDeclarations.get(program);
  if (byName) return byName;
  byName = new Map();
  for (const statement of program.body) {
    const decl = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if ((decl.type === 'TSTypeAliasDeclaration' || decl.type === 'TSEnumDeclaration' || decl.type === 'TSInterfaceDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
      byName.set(decl.id.name, decl);
    }
  }
  typeDeclarations.set(program, byName);
  return byName;
}

/**
 * Without type information: whether a written type has finitely many values — a literal type, a union
 * of literals (`'plan' | 'act'`), `boolean`, `symbol` (keys defined in code), `keyof X`, `(typeof LIST)[number]`, an enum or a type
 * alias of those declared in this file, or an imported type named as a domain ({@link DOMAIN_TYPE_NAME}:
 * `ProviderFamily`, `SupportedMarkdownLanguage`, the enum `TOPIC`). An interface or class declared here
 * (object keys), `string`, `number`, template literal types and generic references stay open.
 * `from` is any node of the file. The untyped counterpart of {@link finiteByType}; origin: the fourth
 * fresh review (cline's per-language highlighter promises, deepstream.io's per-topic registries).
 * O(type size), aliases followed to depth 3.
 */
function finiteTypeNode(type: TSESTree.TypeNode, from: Node, depth = 0): boolean {
  switch (type.type) {
    case 'TSLiteralType':
      return type.literal.type !== 'TemplateLiteral' || type.literal.expressions.length === 0;
    case 'TSBooleanKeyword':
    case 'TSUndefinedKeyword':
    case 'TSNullKeyword':
    // `Map<symbol, unknown>`: symbol keys are the module constants that code defines (`const KEY =
    // Symbol('key')`), a context-local store's slots (restate's scheduler); fresh review 8
    case 'TSSymbolKeyword':
      return true;
    case 'TSUnionType':
      return type.types.every((member) => finiteTypeNode(member, from, depth));
    case 'TSTypeOperator':
      return type.operator === 'keyof';
    case 'TSIndexedAccessType':
      return type.objectType.type === 'TSTypeQuery' || (type.objectType.type === 'TSTypeOperator' && type.objectType.typeAnnotation?.type === 'TSTypeQuery');
    case 'TSTypeReference': {
      if (type.typeName.type !== 'Identifier' || type.typeArguments) return false;
      const name = type.typeName.name;
      let program: Node | undefined = from;
      while (program && program.type !== 'Program') program = parentOf(program);
      const decl = program ? declarationsOf(program as TSESTree.Program).get(name) : undefined;
      if (!decl) return DOMAIN_TYPE_NAME.test(name);
      if (decl.type === 'TSEnumDeclaration') return true;
      return decl.type === 'TSTypeAliasDeclaration' && depth < 3 && finiteTypeNode(decl.typeAnnotation, from, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * The key type a map, set or record is declared with — `Map<K, V>` / `Set<K>` / `Record<K, V>` in the
 * annotation, or the type arguments of its `new Map<K, V>()` — when that type is finite
 * ({@link finiteTypeNode}): it holds at most one entry per value of the type. O(type size).
 */
function declaredKeysFinite(target: Target): boolean {
  let args: readonly TSESTree.TypeNode[] | undefined;
  const annotation = target.annotation;
  if (annotation?.type === 'TSTypeReference') args = annotation.typeArguments?.params;
  if (!args && target.init) {
    const init = unwrap(target.init);
    if (init.type === 'NewExpression') args = init.typeArguments?.params;
  }
  const key = args?.[0];
  return key !== undefined && finiteTypeNode(key, target.decl);
}

function isFiniteKey(key: Node | undefined, resolver?: KeyResolver, depth = 0): boolean {
  if (!key) return false;
  return syntacticallyFinite(key, resolver, depth) || (resolver?.types !== undefined && finiteByType(key, resolver.types));
}

/**
 * With type information: a key whose type has finitely many values — a union of string, number or
 * boolean literals, an enum, `keyof` a fixed type (`keyof JSX.IntrinsicElements`, a `StreamMode` union
 * of eight modes, shiki's `BundledLanguage`) — keys a map with at most that many entries. `string`,
 * `number`, template literal types, `any` and unresolved types stay open. O(union members).
 */
function finiteByType(key: Node, types: NonNullable<AnalysisContext['types']>): boolean {
  const type = typeAt(types, unwrap(key));
  if (!type) return false;
  const members = type.isUnion() ? type.types : [type];
  return members.every((member) => (member.getFlags() & FINITE_TYPE_FLAGS) !== 0);
}

/** String methods that map a finite set of keys to a finite set: case and whitespace changes. */
const CASE_METHODS: ReadonlySet<string> = new Set(['toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'trim', 'trimStart', 'trimEnd', 'toString']);

function syntacticallyFinite(key: Node, resolver: KeyResolver | undefined, depth: number): boolean {
  const value = unwrap(key);
  switch (value.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      // `${territory}|${windowsID}`: one entry per combination of finite parts.
      return value.expressions.every((part) => isFiniteKey(part, resolver, depth + 1));
    case 'UnaryExpression':
      return value.operator === 'typeof';
    case 'ConditionalExpression':
      // `isCompat ? 'compat' : 'default'`: a choice between finite keys (wllama's source-map memo; fresh review 21)
      return isFiniteKey(value.consequent, resolver, depth) && isFiniteKey(value.alternate, resolver, depth);
    case 'LogicalExpression':
      // `kind ?? 'default'`, `mode || 'auto'`: either side, both finite
      return isFiniteKey(value.left, resolver, depth) && isFiniteKey(value.right, resolver, depth);
    case 'BinaryExpression':
      // `'ROOT_' + which`: one entry per combination of finite parts, like a template literal
      return value.operator === '+' && isFiniteKey(value.left, resolver, depth) && isFiniteKey(value.right, resolver, depth);
    case 'CallExpression': {
      // `which.toUpperCase()`: a case or whitespace change maps a finite key to a finite key
      const callee = unwrap(value.callee);
      return value.arguments.length === 0 && callee.type === 'MemberExpression' && CASE_METHODS.has(memberName(callee) ?? '') && isFiniteKey(callee.object, resolver, depth);
    }
    case 'MemberExpression': {
      const name = memberName(value);
      if (name && nameLike(name) && !value.computed) {
        let base = unwrap(value.object);
        while (base.type === 'MemberExpression') base = unwrap(base.object);
        if (base.type === 'Identifier' && isHandlerInput(base, resolver)) return false;
      }
      if (name && finiteName(name)) return true;
      if (readsConfiguration(value, resolver)) return true;
      // `e.key` of a keyboard event: one entry per key of the keyboard
      if (name && KEY_PROPERTY.test(name) && !value.computed && resolver) {
        const event = unwrap(value.object);
        if (event.type === 'Identifier' && isKeyboardEvent(event, resolver)) return true;
      }
      // `this.constructor`, `x.constructor`: one entry per class, and classes are defined in code.
      if (name === 'constructor' && !value.computed) return true;
      // `Kind.Error`, `Events.Close`: an enum member.
      return value.object.type === 'Identifier' && /^[A-Z]/.test(value.object.name) && !value.computed;
    }
    case 'Identifier':
      if (nameLike(value.name) && isHandlerInput(value, resolver)) return false;
      if (finiteName(value.name) || /^[A-Z][A-Z0-9_]+$/.test(value.name)) return true;
      return resolver !== undefined && (resolvesFinite(value, resolver, depth) || constantDerived(value, resolver, 0) || checkedAgainstTable(value, resolver));
    default:
      return false;
  }
}

/** Names of an instance's configuration (`this.settings`, `this._options`, `this.#config`). */
const CONFIG_FIELD = /^[_#]?(?:settings|config|configuration|options|opts|conf|cfg)$/;

/**
 * Names of a configuration object (`config`, `settings`); not `options`, which names a call's arguments,
 * nor a `storeConfig` or `urlConfig`, which describe one item a call works on (RudderStack's
 * `setStore(storeConfig)` runs once per queue of every other tab; fresh review 18).
 */
const CONFIG_BINDING = /^(?:config|settings|configuration|conf|cfg)$/;

/** Members that identify an item rather than configure it (`id`, `queueId`, `ID`): data even inside a configuration. */
const ID_MEMBER = /^(?:id|ID|uuid)$|[a-z](?:Id|ID|Uuid)$/;

/**
 * A value read from configuration: a member chain through the instance's configuration
 * (`this.settings.containerName`, `this.options.endpoint`, `this.#config.region`) or rooted at a
 * binding named as one (`config.jwksUrl`) that is not a handler's input
 * ({@link isHandlerInput}: `(config) => ...` handed to a framework call receives runtime data). It
 * holds what the application configured: a memo keyed by it keeps one entry per configured container,
 * endpoint or URL, a handful for the life of the process (Bot Framework's blob-container check, jazz's
 * JWKS fetch; fresh reviews 15 and 20). A member that identifies an item ({@link ID_MEMBER}: `config.id`)
 * is data, whatever holds it. O(chain length) plus one scope lookup.
 */
function readsConfiguration(member: TSESTree.MemberExpression, resolver: KeyResolver | undefined): boolean {
  const last = memberName(member);
  if (last === undefined || ID_MEMBER.test(last)) return false;
  let link: Node = member;
  while (link.type === 'MemberExpression') {
    const object = unwrap(link.object);
    if (object.type === 'ThisExpression') {
      const name = memberName(link);
      return link !== member && name !== undefined && CONFIG_FIELD.test(name);
    }
    if (object.type === 'Identifier') return CONFIG_BINDING.test(object.name) && !isHandlerInput(object, resolver);
    if (link.computed && unwrap(link.property).type !== 'Literal') return false;
    link = object;
  }
  return false;
}

/** Members of a keyboard event that name the key pressed ({@link isKeyboardEvent}). */
const KEY_PROPERTY = /^(?:key|code|keyCode|which)$/;

/** DOM (and React) events that a key press fires. */
const KEYBOARD_EVENT = /^key(?:down|up|press)$/i;

/**
 * Whether `id` is a parameter that receives a keyboard event: declared `KeyboardEvent` (`(e:
 * KeyboardEvent) => ...`, `React.KeyboardEvent<HTMLInputElement>`), or of a callback registered for
 * `keydown`/`keyup`/`keypress` (`window.addEventListener('keydown', (e) => ...)`). Its `key` or `code`
 * names a key of the keyboard, a finite set: the pressed-keys record of a game loop (`this.keys[e.key] =
 * true` on key-down, `false` on key-up) holds one entry per key (rivet's multiplayer game examples;
 * fresh review 16). O(1) plus one scope lookup.
 */
function isKeyboardEvent(id: TSESTree.Identifier, resolver: KeyResolver): boolean {
  const def = variableOf(resolver.scopeManager, id)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
  const declared = def.name.type === 'Identifier' ? def.name.typeAnnotation?.typeAnnotation : undefined;
  if (declared?.type === 'TSTypeReference') {
    const typeName = declared.typeName;
    const last = typeName.type === 'TSQualifiedName' ? typeName.right.name : typeName.type === 'Identifier' ? typeName.name : '';
    if (last === 'KeyboardEvent') return true;
  }
  const call = parentOf(def.node);
  const event = call?.type === 'CallExpression' && call.arguments[1] === def.node ? call.arguments[0] : undefined;
  return event?.type === 'Literal' && typeof event.value === 'string' && KEYBOARD_EVENT.test(event.value);
}

/**
 * Whether the key `id` was checked against a constant table before it is used, with an early exit
 * for keys the table lacks: `if (!T[k]) throw ...` (also `!T.hasOwnProperty(k)`, `!Object.hasOwn(T, k)`,
 * `!(k in T)`, `!T.has(k)`, `!T.includes(k)`, or `!found` with `const found = T[k]`; the exit a
 * `return`, `throw`, `continue` or `break`) in a statement before the use, with `k` a binding never
 * assigned after its declaration and `T` a table nothing writes into ({@link fixedTable}). Every key that
 * passes is one of the table's: anything-llm's `RuntimeSettings.set(key, value)` throws for a key its
 * `settingConfigs` lacks (fresh review 11). Since `k` is never reassigned, the check also holds in the
 * callbacks made after it (`loader().then(() => loaded.add(language))`: instant's docs code blocks,
 * fresh review 19); the climb stops at the function that declares `k`. O(depth × statements + one scope
 * lookup).
 */
function checkedAgainstTable(id: TSESTree.Identifier, resolver: KeyResolver): boolean {
  const variable = variableOf(resolver.scopeManager, id);
  if (!variable || variable.references.some((ref) => ref.isWrite() && !ref.init)) return false;
  const declaring = variable.scope.block;
  for (let child: Node = id, n = parentOf(id); n && n !== declaring; child = n, n = parentOf(n)) {
    if (n.type !== 'BlockStatement' && n.type !== 'Program') continue;
    for (const statement of n.body) {
      if (statement === child) break;
      if (statement.type !== 'IfStatement' || statement.alternate) continue;
      const last = lastStatement(statement.consequent);
      if (!last || !['ReturnStatement', 'ThrowStatement', 'ContinueStatement', 'BreakStatement'].includes(last.type)) continue;
      const table = tableMissing(statement.test, id.name, resolver);
      if (table && fixedTable(table, resolver)) return true;
    }
  }
  return false;
}

/** Whether `node` is the identifier `key` (through TypeScript wrappers). */
function isKeyNamed(node: Node | undefined, key: string): boolean {
  const value = node && unwrap(node);
  return value?.type === 'Identifier' && value.name === key;
}

/**
 * For a test that holds when the table lacks the key named `key` (`!T[key]`, `!(key in T)`,
 * `!T.has(key)`, ..., or `!found` with `found` a lookup of the key, {@link lookedUpIn}): `T`.
 */
function tableMissing(test: Node, key: string, resolver: KeyResolver): Node | undefined {
  const t = unwrap(test);
  if (t.type !== 'UnaryExpression' || t.operator !== '!') return undefined;
  const inner = unwrap(t.argument);
  if (inner.type === 'Identifier') return lookedUpIn(inner, key, resolver);
  if (inner.type === 'MemberExpression' && inner.computed && isKeyNamed(inner.property, key)) return inner.object;
  if (inner.type === 'BinaryExpression' && inner.operator === 'in' && isKeyNamed(inner.left, key)) return inner.right;
  if (inner.type !== 'CallExpression') return undefined;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  if ((method === 'hasOwnProperty' || method === 'has' || method === 'includes') && inner.arguments.length === 1 && isKeyNamed(inner.arguments[0], key)) return callee.object;
  const object = unwrap(callee.object);
  if (method === 'hasOwn' && object.type === 'Identifier' && object.name === 'Object' && isKeyNamed(inner.arguments[1], key)) return inner.arguments[0];
  return undefined;
}

/**
 * For `found` a `const` bound to a lookup of the key named `key` (`const create = TABLE.get(key)`,
 * `const entry = TABLE[key]`): `TABLE`. `!found` then holds when the table has nothing for the key, like
 * `!TABLE.has(key)` (letta-code's managed endpoint providers; fresh review 16). O(1) plus one scope lookup.
 */
function lookedUpIn(found: TSESTree.Identifier, key: string, resolver: KeyResolver): Node | undefined {
  const def = variableOf(resolver.scopeManager, found)?.defs[0];
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== 'Identifier' || !def.node.init) return undefined;
  const lookup = unwrap(def.node.init);
  if (lookup.type === 'MemberExpression' && lookup.computed && isKeyNamed(lookup.property, key)) return lookup.object;
  if (lookup.type !== 'CallExpression' || lookup.arguments.length !== 1 || !isKeyNamed(lookup.arguments[0], key)) return undefined;
  const callee = unwrap(lookup.callee);
  return callee.type === 'MemberExpression' && memberName(callee) === 'get' ? callee.object : undefined;
}

/**
 * A table of fixed keys: a constant table or array literal ({@link constantTable}, {@link
 * constantDerived}), or a field of the enclosing class initialised with an object or array literal
 * that the class never assigns or writes into (`settingConfigs = { ... }`; `readonly` or not).
 */
function fixedTable(table: Node, resolver: KeyResolver): boolean {
  const t = unwrap(table);
  if (t.type === 'Identifier') return constantTable(t, resolver) || constantDerived(t, resolver, 0);
  if (t.type !== 'MemberExpression' || t.computed || unwrap(t.object).type !== 'ThisExpression') return false;
  const found = enclosingClassField(t);
  if (!found || found.field.static) return false;
  const init = found.field.value ? unwrap(found.field.value) : undefined;
  if (init?.type !== 'ObjectExpression' && init?.type !== 'ArrayExpression') return false;
  if (init.type === 'ObjectExpression' && init.properties.some((p) => p.type !== 'Property')) return false;
  const name = memberName(t);
  const isThisField = (node: Node): boolean => node.type === 'MemberExpression' && !node.computed && memberName(node) === name && unwrap(node.object).type === 'ThisExpression';
  // `this.name`, or one step into it (`this.name[k]`, `this.name.x`)
  const isField = (node: Node): boolean => {
    const n = unwrap(node);
    return isThisField(n) || (n.type === 'MemberExpression' && isThisField(unwrap(n.object)));
  };
  let written = false;
  walk(found.body, (node) => {
    if (written) return;
    if (node.type === 'AssignmentExpression') written = isField(node.left);
    else if (node.type === 'UnaryExpression' && node.operator === 'delete') written = isField(node.argument);
    else if (node.type === 'CallExpression') {
      const callee = unwrap(node.callee);
      const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
      written =
        (callee.type === 'MemberExpression' && ['push', 'set', 'add', 'splice', 'unshift'].includes(method ?? '') && isField(callee.object)) ||
        (method === 'assign' && node.arguments[0] !== undefined && isField(node.arguments[0]));
    }
  });
  return !written;
}

/** String methods whose result is finite when their receiver is: parts of a constant are finitely many. */
const DERIVING_METHODS = new Set(['split', 'slice', 'substring', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'at', 'charAt']);

/**
 * Data taken from a constant written in the code: a literal, a template or array literal of such parts,
 * a `const` bound to one (destructuring included), a `readonly` field of the enclosing class initialised
 * with one (`this.mappingString`, `Converter.mappingString`), an element of one (`tokens[2]`), a
 * `split`/`slice`/`trim`/case change of one (`line.split(',')`), the variable of a `for...of` over one or
 * the element parameter of a `forEach`/`map` over one, and a lookup in a constant table ({@link
 * constantTable}, whatever the property key). Such a value has finitely many possible values whatever the function's callers do: botbuilder's time
 * zone converter fills its lookup maps from lines of a `static readonly` string literal, in a method every
 * lookup calls (fresh review 8). Parameters, calls of other functions and anything reassigned are
 * open. O(derivation steps), at most 12.
 */
function constantDerived(node: Node, resolver: KeyResolver, depth: number): boolean {
  if (depth > 12) return false;
  const value = unwrap(node);
  switch (value.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return value.expressions.every((part) => constantDerived(part, resolver, depth + 1));
    case 'ArrayExpression':
      return value.elements.every((element) => element !== null && element.type !== 'SpreadElement' && constantDerived(element, resolver, depth + 1));
    case 'BinaryExpression':
      return value.operator === '+' && constantDerived(value.left, resolver, depth + 1) && constantDerived(value.right, resolver, depth + 1);
    case 'MemberExpression':
      if (value.computed) return constantDerived(value.object, resolver, depth + 1) || constantTable(value.object, resolver);
      return readonlyFieldValue(value, (init) => constantDerived(init, resolver, depth + 1));
    case 'CallExpression': {
      const callee = unwrap(value.callee);
      return callee.type === 'MemberExpression' && DERIVING_METHODS.has(memberName(callee) ?? '') && constantDerived(callee.object, resolver, depth + 1);
    }
    case 'Identifier': {
      const variable = variableOf(resolver.scopeManager, value);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || !def || variable.references.some((ref) => ref.isWrite() && !ref.init)) return false;
      if (def.type === 'Parameter') {
        // `SECTIONS.forEach((key) => ...)`: the element parameter of an iteration over a constant list
        const fn = def.node;
        const call = parentOf(fn);
        if (!isFunction(fn) || fn.params[0] !== def.name || call?.type !== 'CallExpression' || call.arguments[0] !== fn) return false;
        const callee = unwrap(call.callee);
        return callee.type === 'MemberExpression' && SYNC_ITERATION.has(memberName(callee) ?? '') && constantDerived(callee.object, resolver, depth + 1);
      }
      if (def.type !== 'Variable') return false;
      const declaration = def.parent;
      const loop = parentOf(declaration);
      if (loop?.type === 'ForOfStatement' && loop.left === declaration) return constantDerived(loop.right, resolver, depth + 1);
      return declaration.kind === 'const' && def.node.init !== null && constantDerived(def.node.init, resolver, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * Whether `node` names a constant lookup table: a `const` bound to an object literal without spreads,
 * that no code of the file writes into (`TABLE[k] = v`, `delete TABLE[k]`, `Object.assign(TABLE, ...)`),
 * or to a `new Map([...])` of a literal list that no code of the file changes or hands on ({@link mutatedAsMap}).
 * A lookup in it (`supportedLanguages[extension]`) gives one of its values or `undefined`, finitely
 * many whatever the property key: continue's tree-sitter language cache, keyed by the language name
 * read from its table of file extensions (fresh review 10). O(references of the binding).
 */
function constantTable(node: Node, resolver: KeyResolver): boolean {
  const table = unwrap(node);
  if (table.type !== 'Identifier') return false;
  const variable = variableOf(resolver.scopeManager, table);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
  const init = unwrap(def.node.init);
  if (init.type === 'NewExpression') return literalMap(init) && variable.references.every((ref) => !mutatedAsMap(ref.identifier as Node));
  if (init.type !== 'ObjectExpression' || init.properties.some((property) => property.type !== 'Property')) return false;
  return variable.references.every((ref) => {
    const up = parentOf(ref.identifier as Node);
    if (up?.type !== 'MemberExpression' || up.object !== ref.identifier) return up?.type !== 'CallExpression' || up.arguments[0] !== ref.identifier || calleeName(up) !== 'assign';
    const use = parentOf(up);
    return !(use?.type === 'AssignmentExpression' && use.left === up) && !(use?.type === 'UnaryExpression' && use.operator === 'delete') && !(use?.type === 'UpdateExpression');
  });
}

/** `new Map([[k, v], ...])` (or `new Set([...])`) over an array literal without spreads. */
function literalMap(init: TSESTree.NewExpression): boolean {
  const entries = init.arguments[0] && unwrap(init.arguments[0]);
  return (
    init.callee.type === 'Identifier' &&
    (init.callee.name === 'Map' || init.callee.name === 'Set') &&
    init.arguments.length === 1 &&
    entries?.type === 'ArrayExpression' &&
    entries.elements.every((element) => element !== null && element.type !== 'SpreadElement')
  );
}

/** Whether a reference to a Map or Set changes it (`.set`/`.add`/`.delete`/`.clear`) or hands it to other code. */
function mutatedAsMap(id: Node): boolean {
  const ref = outermost(id);
  const up = parentOf(ref);
  if (up?.type === 'MemberExpression' && up.object === ref) {
    const call = parentOf(up);
    return call?.type === 'CallExpression' && call.callee === up && ['set', 'add', 'delete', 'clear'].includes(memberName(up) ?? '');
  }
  return up?.type === 'CallExpression' || up?.type === 'AssignmentExpression' || up?.type === 'ReturnStatement';
}

/**
 * For `this.name` or `ClassName.name` inside a class that declares `readonly name = <init>` (static or
 * not, `ClassName` being the enclosing class), whether `test(init)` holds; false for anything else.
 */
function readonlyFieldValue(member: TSESTree.MemberExpression, test: (init: Node) => boolean): boolean {
  const field = enclosingClassField(member)?.field;
  return field !== undefined && field.readonly && field.value !== null && test(field.value);
}

/**
 * For `this.name` or `ClassName.name` inside a class, the field `name` that class declares (static or
 * not) and the class body; undefined when there is none or `member` names another object. O(depth + members).
 */
function enclosingClassField(member: TSESTree.MemberExpression): { readonly field: TSESTree.PropertyDefinition; readonly body: TSESTree.ClassBody } | undefined {
  const name = memberName(member);
  const object = unwrap(member.object);
  if (!name) return undefined;
  for (let up = parentOf(member); up; up = parentOf(up)) {
    if (up.type !== 'ClassBody') continue;
    const cls = parentOf(up);
    const className = cls?.type === 'ClassDeclaration' || cls?.type === 'ClassExpression' ? cls.id?.name : undefined;
    if (object.type !== 'ThisExpression' && !(object.type === 'Identifier' && className === object.name)) return undefined;
    const field = up.body.find((m): m is TSESTree.PropertyDefinition => m.type === 'PropertyDefinition' && !m.computed && m.key.type === 'Identifier' && m.key.name === name);
    return field && { field, body: up };
  }
  return undefined;
}

/** `String(k)`, `` `${k}` ``, `k.toString()`, `Number(k)`, `JSON.stringify(k)` → `k`; else undefined. */
function convertedFrom(key: Node): Node | undefined {
  const value = unwrap(key);
  if (value.type === 'CallExpression') {
    const name = calleeName(value);
    if ((name === 'String' || name === 'Number' || name === 'stringify') && value.arguments[0]) return value.arguments[0];
    if (name === 'toString' && value.callee.type === 'MemberExpression') return value.callee.object;
  }
  if (value.type === 'TemplateLiteral' && value.expressions.length === 1 && value.quasis.every((q) => q.value.cooked === '')) {
    return value.expressions[0];
  }
  return undefined;
}

/**
 * A removal guarded by a status exclusion (`if (result.status !== 'suspended') cleanup()`): entries
 * whose status is the excluded one are never removed. Returns the guard test, else undefined.
 */
function statusGuard(site: Node, stop: Node | undefined): TSESTree.BinaryExpression | undefined {
  let child: Node = site;
  for (let current = parentOf(site); current && current !== stop; child = current, current = parentOf(current)) {
    if (isFunction(current)) return undefined;
    if (current.type === 'IfStatement' && current.consequent === child) {
      const test = unwrap(current.test);
      if (test.type === 'BinaryExpression' && (test.operator === '!==' || test.operator === '!=')) {
        const [subject, other] = unwrap(test.right).type === 'Literal' ? [test.left, test.right] : [test.right, test.left];
        const literal = unwrap(other);
        const s = unwrap(subject);
        const name = s.type === 'MemberExpression' ? memberName(s) : s.type === 'Identifier' ? s.name : undefined;
        if (literal.type === 'Literal' && typeof literal.value === 'string' && name && STATUS_NAME.test(name)) return test;
      }
    }
  }
  return undefined;
}

/**
 * Whether a removal at `site` bounds the collection: false with a reason when it sits behind a status
 * exclusion, directly or in a function (`cleanup: () => this.#runs.delete(id)`) every call of which is.
 */
function conditionalRemoval(site: Node, model: CollectionModel, text: string): string | undefined {
  const direct = statusGuard(site, undefined);
  if (direct) return text.slice(direct.range[0], direct.range[1]);
  const fn = enclosingFunction(site);
  if (!fn) return undefined;
  const name = functionName(fn) ?? constructorParameterName(fn, model);
  if (!name) return undefined;
  const calls = model.callsNamed(name).filter((call) => !(call.range[0] >= fn.range[0] && call.range[1] <= fn.range[1]));
  if (calls.length === 0) return undefined;
  let guardText: string | undefined;
  for (const call of calls) {
    const guard = statusGuard(call, undefined);
    if (!guard) return undefined;
    guardText ??= text.slice(guard.range[0], guard.range[1]);
  }
  return guardText;
}

/**
 * `new Run(() => this.#runs.delete(id))`: the name of the constructor parameter of `Run` (a class of
 * this file) that receives the function, so its calls (`this.cleanup?.()`) can be followed.
 */
function constructorParameterName(fn: TSESTree.FunctionLike, model: CollectionModel): string | undefined {
  const call = parentOf(fn);
  if (call?.type !== 'NewExpression' || call.callee.type !== 'Identifier') return undefined;
  const index = call.arguments.indexOf(fn as TSESTree.Expression);
  const cls = model.classesByName.get(call.callee.name);
  if (index < 0 || !cls) return undefined;
  const ctor = cls.body.body.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
  const param = ctor?.value.params[index];
  return param && parameterName(param);
}

/** A plain counter: an identifier or `this.<name>`, as its key text (`count`, `this.headBytes`). */
function counterKey(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  return n.type === 'MemberExpression' && unwrap(n.object).type === 'ThisExpression' && memberName(n) !== undefined ? `this.${memberName(n)}` : undefined;
}

/** Whether `root` holds `C++`, `++C` or `C += n` of the counter keyed `key`. O(nodes of root). */
function incrementsIn(root: Node, key: string): boolean {
  let found = false;
  walk(root, (node) => {
    if (found) return;
    if (node.type === 'UpdateExpression' && node.operator === '++') found = counterKey(node.argument) === key;
    else if (node.type === 'AssignmentExpression' && node.operator === '+=') found = counterKey(node.left) === key;
  });
  return found;
}

/**
 * The positive form of {@link counterGuarded}: the growth sits in the `then` branch of `if (C < limit)`
 * (`<=`, or `limit > C`), and that branch increments `C` (`C++`, `C += bytes`). Roo-Code's file search
 * (`if (count < limit) { results.push(...); count++ } else rl.close()`) and its output interceptor's
 * head buffer (`if (this.headBytes < this.headBudget) { this.headBuffer += part; this.headBytes += n }`),
 * fresh review 11. O(depth of the site + nodes of the branch).
 */
function underCounterCap(site: Node): boolean {
  for (let child: Node = site, n = parentOf(site); n && !isFunction(n); child = n, n = parentOf(n)) {
    if (n.type !== 'IfStatement' || n.consequent !== child) continue;
    const test = unwrap(n.test);
    if (test.type !== 'BinaryExpression') continue;
    const counter = test.operator === '<' || test.operator === '<=' ? test.left : test.operator === '>' || test.operator === '>=' ? test.right : undefined;
    const key = counter ? counterKey(counter) : undefined;
    if (key !== undefined && incrementsIn(n.consequent, key)) return true;
  }
  return false;
}

/**
 * A growth capped by a counter: the function that grows (the nearest one around the site) first leaves
 * when a counter reaches a bound — `if (count >= limit) { ...; return }` (or `>`, `===`; `break`, `throw`)
 * in a statement of its body before the growth — and increments that counter itself (`count++`,
 * `count += 1`, or `const id = count++`). Each call adds at most one entry until the bound. cline's file
 * search fills its results from ripgrep's `line` events this way (fourth fresh review). Also the positive form,
 * {@link underCounterCap}. O(statements of the function).
 */
function counterGuarded(site: Node): boolean {
  if (underCounterCap(site)) return true;
  const body = enclosingFunction(site)?.body;
  if (!body || body.type !== 'BlockStatement') return false;
  const statements: readonly TSESTree.Statement[] = body.body;
  let guard: string | undefined;
  for (const statement of statements) {
    if (statement.range[0] >= site.range[0]) break;
    if (statement.type !== 'IfStatement' || statement.alternate) continue;
    const test = unwrap(statement.test);
    if (test.type !== 'BinaryExpression' || !['>=', '>', '==='].includes(test.operator)) continue;
    const counter = counterKey(test.left);
    if (counter === undefined) continue;
    const exit = lastStatement(statement.consequent);
    if (exit && (exit.type === 'ReturnStatement' || exit.type === 'BreakStatement' || exit.type === 'ThrowStatement')) {
      guard = counter;
      break;
    }
  }
  if (guard === undefined) return false;
  const isCounter = (node: Node): boolean => counterKey(node) === guard;
  const incremented = (node: Node | null | undefined): boolean => {
    if (!node) return false;
    // `const id = this.#nextId++`: the counter's old value names the new entry (dd-trace's data streams
    // checkpoint registry, `if (this.#nextId > 254) return` first; fresh review 12)
    if (node.type === 'VariableDeclaration') return node.declarations.some((d) => incremented(d.init));
    const n = node.type === 'ExpressionStatement' ? unwrap(node.expression) : unwrap(node);
    if (n.type === 'UpdateExpression') return n.operator === '++' && isCounter(n.argument);
    return n.type === 'AssignmentExpression' && n.operator === '+=' && isCounter(n.left);
  };
  return statements.some((statement) => incremented(statement));
}

/**
 * `new Intl.DateTimeFormat(locale, { timeZone })`, `new Intl.NumberFormat(...)` and the other `Intl`
 * constructors, or a `const` bound to one: a map holding only these is a formatter cache, keyed by what
 * the constructor takes (locales, time zones, options). `Intl` throws a `RangeError` on a malformed
 * locale or an unknown time zone before the insert, so the keys come from the finite sets a program
 * formats for (ax's `timeZonePartsFormatterCache`, fresh review 19; formatjs and date-fns-tz cache
 * the same way). O(1).
 */
function isIntlObject(value: Node, resolver: KeyResolver | undefined): boolean {
  const v = constantValue(value, resolver);
  if (v?.type !== 'NewExpression') return false;
  const callee = unwrap(v.callee);
  return callee.type === 'MemberExpression' && !callee.computed && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as TSESTree.Identifier).name === 'Intl';
}

/**
 * The inserted value, unwrapped, or for an identifier the initialiser of the `const` it names (`const
 * formatter = new Intl.DateTimeFormat(...); cache.set(k, formatter)`). Undefined for any other
 * identifier (a `let`, a parameter, a binding written twice). O(1) plus one scope lookup.
 */
function constantValue(value: Node, resolver: KeyResolver | undefined): Node | undefined {
  const v = unwrap(value);
  if (v.type !== 'Identifier' || !resolver) return v;
  const local = localBoundOnce(v, resolver.scopeManager);
  return local?.constant ? unwrap(local.init) : undefined;
}

/**
 * `new Set()`, `new Map()`, `[]`, `{}` (empty, no arguments), or a `const` bound to one
 * (`const newWatcherSet = new Set(); newWatcherSet.add(w); m.set(k, newWatcherSet)`): a container made
 * for one key.
 */
function isFreshContainer(value: Node, resolver: KeyResolver | undefined): boolean {
  let v = constantValue(value, resolver);
  if (!v) return false;
  if (unwrap(value).type === 'Identifier' && resolver) {
    // get-or-create: `const set = this.handlers.get(key) ?? new Set()` (stagehand's per-session event
    // handlers, fixed upstream in bb5ffa6f; held-out recall, session 8): a fresh container when the key is new
    if (v.type === 'LogicalExpression' && (v.operator === '??' || v.operator === '||')) {
      const left = unwrap(v.left);
      const callee = left.type === 'CallExpression' ? unwrap(left.callee) : undefined;
      if (callee?.type !== 'MemberExpression' || memberName(callee) !== 'get') return false;
      v = unwrap(v.right);
    }
  }
  const kind = freshKind(v);
  if (kind === undefined || kind === 'string') return false;
  // empty: `freshKind` also accepts `[a]` and `new Map(entries)`
  if (v.type === 'ArrayExpression') return v.elements.length === 0;
  return v.type !== 'NewExpression' || v.arguments.length === 0;
}

/**
 * The unbounded context of a local's growth between its declaring function and the site, if any. A
 * `while (true)` / `for (;;)` loop whose every turn awaits a person ({@link awaitsHumanEveryTurn}) is
 * not one: the walk goes on to the loops and handlers around it.
 */
function unboundedContext(site: Node, declFn: Node | undefined): { label: string; node: Node } | undefined {
  for (let current = parentOf(site); current && current !== declFn; current = parentOf(current)) {
    switch (current.type) {
      case 'ForOfStatement':
        if (current.await) return { label: 'for await loop', node: current };
        break;
      case 'WhileStatement': {
        const test = unwrap(current.test);
        if (test.type === 'Literal' && (test.value === true || test.value === 1) && !awaitsHumanEveryTurn(current)) return { label: 'while (true) loop', node: current };
        break;
      }
      case 'ForStatement':
        if (!current.test && !awaitsHumanEveryTurn(current)) return { label: 'for (;;) loop', node: current };
        break;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        const call = parentOf(current);
        if (call?.type === 'CallExpression' && call.arguments.includes(current as never)) {
          const name = calleeName(call);
          // `pubsub.subscribe(channel, (err, stream) => ...)`: an error-first callback completes a call
          // once; it is no event handler (sharedb's query subscription; fresh review 13)
          if (name && HANDLER_CALLS.has(name) && !(isErrorFirstCallback(current) && current.params.length >= 2)) {
            const event = call.arguments[0];
            const label = event && unwrap(event).type === 'Literal' ? `${String((unwrap(event) as TSESTree.Literal).raw)} handler` : `${name} callback`;
            return { label, node: current };
          }
        }
        return undefined;
      }
      case 'FunctionDeclaration':
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

/** Names of calls that ask a person for input: readline's `rl.question`, `prompt` (inquirer, the DOM), the `prompts` package. */
const HUMAN_PROMPT: ReadonlySet<string> = new Set(['question', 'prompt', 'prompts']);

/**
 * Node types between a statement and an expression inside it that is evaluated whenever the statement
 * runs: no branch (`if`, `?:`, `&&`, `||`, `??`, `?.`), no loop and no nested function lies between them.
 */
const ALWAYS_EVALUATED: ReadonlySet<string> = new Set([
  'ExpressionStatement', 'VariableDeclaration', 'VariableDeclarator', 'AssignmentExpression', 'CallExpression', 'NewExpression',
  'MemberExpression', 'AwaitExpression', 'BinaryExpression', 'TemplateLiteral', 'ObjectExpression', 'Property', 'ArrayExpression',
  'SpreadElement', 'TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion',
]);

/**
 * A human-paced loop: every turn of `loop` awaits a call that asks a person for input
 * ({@link HUMAN_PROMPT}: `await rl.question('> ')`, `const { text } = await prompts({...})`), found in
 * a statement directly in the loop's body (not under an `if`, another loop, a nested function or a
 * short-circuit). Such a loop turns at the speed a person types and its locals
 * hold one interactive session (a CLI chat's history): not an unbounded context. A loop that awaits
 * anything else (a network read, a queue) is. Origin: LlamaIndexTS `examples/deprecated/gptllama.ts`
 * (fresh review 3). O(statements of the body × their depth to the await).
 */
export function awaitsHumanEveryTurn(loop: TSESTree.WhileStatement | TSESTree.ForStatement): boolean {
  const body: readonly Node[] = loop.body.type === 'BlockStatement' ? loop.body.body : [loop.body];
  return body.some((statement) => awaitsPrompt(statement, 0));
}

/**
 * Whether evaluating `node` always awaits a human prompt: an `await` of a {@link HUMAN_PROMPT} call
 * reached from `node` through {@link ALWAYS_EVALUATED} nodes only. Descent bounded to depth 8.
 */
function awaitsPrompt(node: Node, depth: number): boolean {
  if (depth > 8 || !ALWAYS_EVALUATED.has(node.type)) return false;
  if (node.type === 'AwaitExpression') {
    const call = unwrap(node.argument);
    const name = call.type === 'CallExpression' ? calleeName(call) : undefined;
    if (name && HUMAN_PROMPT.has(name)) return true;
  }
  switch (node.type) {
    case 'ExpressionStatement':
      return awaitsPrompt(node.expression, depth + 1);
    case 'VariableDeclaration':
      return node.declarations.some((d) => d.init !== null && awaitsPrompt(d.init, depth + 1));
    case 'VariableDeclarator':
      return node.init !== null && awaitsPrompt(node.init, depth + 1);
    case 'AssignmentExpression':
      return node.operator === '=' && awaitsPrompt(node.right, depth + 1);
    case 'CallExpression':
    case 'NewExpression':
      return (node.type === 'CallExpression' && awaitsPrompt(node.callee, depth + 1)) || node.arguments.some((arg) => awaitsPrompt(arg, depth + 1));
    case 'MemberExpression':
      return awaitsPrompt(node.object, depth + 1);
    case 'AwaitExpression':
    case 'SpreadElement':
      return awaitsPrompt(node.argument, depth + 1);
    case 'BinaryExpression':
      return awaitsPrompt(node.left, depth + 1) || awaitsPrompt(node.right, depth + 1);
    case 'TemplateLiteral':
      return node.expressions.some((e) => awaitsPrompt(e, depth + 1));
    case 'ObjectExpression':
      return node.properties.some((p) => awaitsPrompt(p, depth + 1));
    case 'Property':
      return awaitsPrompt(node.value, depth + 1);
    case 'ArrayExpression':
      return node.elements.some((e) => e !== null && awaitsPrompt(e, depth + 1));
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return awaitsPrompt(node.expression, depth + 1);
    default:
      return false;
  }
}

/**
 * The body-collection idiom: a `'data'` handler fills a local that the same function reads when the
 * stream ends — `req.on('data', (c) => chunks.push(c)); req.on('end', () => Buffer.concat(chunks))` (also
 * `once`, `addListener`, and `'close'`/`'finish'` as the end). The local holds one stream's body, which
 * is what the caller asked for: not a leak. Matched on the target's text; O(text of the function).
 * Lines read from a readline interface (`rl.on('line', ...)`) are not taken as a body: a line reader
 * collects matches of a search over input of any size, and needs a counted limit (fresh review 4).
 */
function collectsUntilEnd(handler: Node, declFn: Node | undefined, text: string): boolean {
  if (!declFn || (handler.type !== 'ArrowFunctionExpression' && handler.type !== 'FunctionExpression')) return false;
  const call = parentOf(handler);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.arguments[1] !== handler) return false;
  const event = unwrap(call.arguments[0]!);
  if (event.type !== 'Literal' || event.value !== 'data') return false;
  if (chainEnds(call)) return true;
  const target = plainTarget(call.callee, text);
  const body = text.slice(declFn.range[0], declFn.range[1]).replace(/\s+/g, '');
  return target !== undefined && [...CHAINED_ADDS].some((m) => [...STREAM_END_EVENTS].some((e) => body.includes(`${target}.${m}("${e}"`) || body.includes(`${target}.${m}('${e}'`)));
}

/** The target of a registration `target.on(...)` as text without whitespace, when it is a plain chain (`page`, `this.socket`). */
function plainTarget(callee: TSESTree.MemberExpression, text: string): string | undefined {
  const target = text.slice(callee.object.range[0], callee.object.range[1]).replace(/\s+/g, '');
  return /^[\w$.]+$/.test(target) ? target : undefined;
}

/** Calls that end what a target emits to the listeners a function added: it removes them, or the target closes. */
const TEARDOWN_CALLS: ReadonlySet<string> = new Set(['removeAllListeners', 'off', 'removeListener', 'removeEventListener', 'close', 'destroy', 'dispose', 'disconnect', 'terminate']);

/**
 * A handler whose target the declaring function tears down: the function that registered it on `page`
 * also calls `page.removeAllListeners()`, `page.off(...)`, `page.close()` or `page.destroy()` (in a
 * `finally`, after the work it waited for). The handler fills the local only while that one call of
 * the function runs, like a body collected until its stream ends ({@link collectsUntilEnd}):
 * browserless's scrape route collects a page's console messages and requests this way, per request
 * (fresh review 20). The target is matched on its text (a plain chain such as `page` or `this.socket`).
 * A teardown inside the handler does not count: it runs only on the event that calls it, often behind
 * a cap the growth never reaches (Roo-Code's file search closes its line reader once `count` reaches
 * the limit, which bounds it only while the push also counts). O(text of the function).
 */
function tearsDownTarget(handler: Node, declFn: Node | undefined, text: string): boolean {
  if (!declFn || (handler.type !== 'ArrowFunctionExpression' && handler.type !== 'FunctionExpression')) return false;
  const call = parentOf(handler);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const target = plainTarget(call.callee, text);
  if (target === undefined) return false;
  const dot = String.raw`\s*\??\.\s*`;
  const chain = target.split('.').map((part) => part.replaceAll('$', '\\$')).join(dot);
  const teardown = new RegExp(String.raw`(?<![\w$.])${chain}${dot}(?:${[...TEARDOWN_CALLS].join('|')})\s*\(`);
  return teardown.test(text.slice(declFn.range[0], handler.range[0])) || teardown.test(text.slice(handler.range[1], declFn.range[1]));
}

/** Registration methods that return their emitter, so registrations chain (`parse().on('data', f).on('end', g)`). */
const CHAINED_ADDS: ReadonlySet<string> = new Set(['on', 'once', 'addListener']);

/**
 * Whether the chain of registrations that `call` belongs to (`parse(opts).on('error', e).on('data',
 * fill).on('end', done)`: outline's CSV converter; fresh review 14) also registers for `end`, `close`
 * or `finish`: the data handler fills the local until the one stream it reads ends. O(chain length).
 */
function chainEnds(call: TSESTree.CallExpression): boolean {
  let top: Node = call;
  for (let up = parentOf(top); up?.type === 'MemberExpression' && up.object === top; up = parentOf(up)) {
    const next = parentOf(up);
    if (next?.type !== 'CallExpression' || next.callee !== up) break;
    top = next;
  }
  for (let link: Node = top; link.type === 'CallExpression' && link.callee.type === 'MemberExpression'; link = link.callee.object) {
    const name = memberName(link.callee);
    const first = link.arguments[0] && unwrap(link.arguments[0]);
    if (name && CHAINED_ADDS.has(name) && first?.type === 'Literal' && STREAM_END_EVENTS.has(String(first.value))) return true;
  }
  return false;
}

/**
 * A loop that reads a finite stream into the array is not a leak (`for await (const c of body)
 * chunks.push(c)`, a reader loop that `break`s when done). Reported instead when the loop also
 * forwards each item it keeps (`events.push(event); yield event;`, `emit('x', event)`): the array is a
 * second copy of a live stream held for its whole duration (seed 000), or when a `while (true)` /
 * `for (;;)` never exits.
 */
function isFiniteCollect(loop: Node, text: string, growth: readonly Use[]): boolean {
  if (loop.type === 'ArrowFunctionExpression' || loop.type === 'FunctionExpression') return false;
  const body = text.slice(loop.range[0], loop.range[1]);
  const pushed = new Set<string>();
  for (const use of growth) {
    if (use.site.type !== 'CallExpression') continue;
    const arg = use.site.arguments[0];
    const value = arg && arg.type !== 'SpreadElement' ? unwrap(arg) : undefined;
    if (value?.type === 'Identifier' && use.site.range[0] >= loop.range[0] && use.site.range[1] <= loop.range[1]) pushed.add(value.name);
  }
  // The item of a `for await (const chunk of ...)` loop: forwarding it while keeping something derived
  // from every item (`events.push(toEvent(chunk)); output.write(chunk)`, seed 000) is a second copy
  // too. A push that only runs for some items (`case 'tool-call': toolCalls.push(...)`) extracts the
  // stream's result instead, and so does a push that keeps nothing of the item ({@link keepsTurnData}).
  if (loop.type === 'ForOfStatement') {
    const everyTurn = growth.filter((use) => runsEveryTurn(use.site, loop));
    if (everyTurn.length > 0) {
      const turnNames = boundNames(loop.left);
      const turnData = turnBindings(loop, turnNames);
      if (everyTurn.some((use) => keepsTurnData(use.site, turnData, text))) {
        for (const name of turnNames) pushed.add(name);
      }
    }
  }
  for (const raw of pushed) {
    const name = raw.replace(/\$/g, '\\$');
    const forwarded = new RegExp(
      `\\byield\\s+${name}\\b(?!\\s*[.[])|\\.(?:emit|write|enqueue|send|publish|next|dispatch|notify)\\([^)]*\\b${name}\\b(?!\\s*[.[])|\\bon[A-Z]\\w*\\??\\.?\\(\\s*${name}\\b(?!\\s*[.[])`,
    );
    if (forwarded.test(body)) return false;
  }
  if (loop.type === 'ForOfStatement') return true;
  // while (true) / for (;;): finite when it breaks out.
  return /\bbreak\b|\breturn\b/.test(body);
}

/** The bindings that hold a turn's data: the loop's item (`turnNames`) and the bindings declared in its body. O(body). */
function turnBindings(loop: TSESTree.ForOfStatement, turnNames: readonly string[]): ReadonlySet<string> {
  const names = new Set(turnNames);
  walk(loop.body, (node) => {
    if (node.type === 'VariableDeclarator') for (const name of boundNames(node.id)) names.add(name);
  });
  return names;
}

/**
 * Whether a growth inside a `for...of` loop keeps data of the turn: the pushed value names one of the
 * turn's bindings ({@link turnBindings}: the loop's item, or `const delta = part.text` in its body), or
 * calls anything but a clock ({@link CLOCK_READ}). A push that does none of these keeps a clock reading or
 * a counter per turn (`timestamps.push(Date.now())`, kept to compute the time to the first token and
 * between tokens once the stream ends: openlit's fifteen LLM stream wrappers, fresh review 21): a few
 * bytes per item of the one stream the call reads, not a second copy of it. Sites other than a call
 * (`a[i] = v`, `a = [...a, v]`) count as keeping the turn's data. O(arguments).
 */
function keepsTurnData(site: Node, turnData: ReadonlySet<string>, text: string): boolean {
  if (site.type !== 'CallExpression') return true;
  let keeps = false;
  for (const arg of site.arguments) {
    walk(arg, (node) => {
      if (node.type === 'Identifier' && turnData.has(node.name)) keeps = true;
      if ((node.type === 'CallExpression' || node.type === 'NewExpression') && !CLOCK_READ.test(text.slice(node.callee.range[0], node.callee.range[1]))) keeps = true;
    });
  }
  return keeps;
}

/** Callees that read a clock: `Date.now`, `new Date`, `performance.now`, `process.hrtime(.bigint)`. */
const CLOCK_READ = /^(?:Date(?:\.now)?|performance\.now|process\.hrtime(?:\.bigint)?)$/;

/** Whether `site` runs on every turn of `loop`: only blocks and expressions lie between them (no `if`, `switch`, `?:`, `&&`, nested function). O(depth). */
function runsEveryTurn(site: Node, loop: TSESTree.ForOfStatement): boolean {
  if (site.range[0] < loop.body.range[0] || site.range[1] > loop.body.range[1]) return false;
  for (let current = parentOf(site); current && current !== loop; current = parentOf(current)) {
    switch (current.type) {
      case 'BlockStatement':
      case 'ExpressionStatement':
      case 'AwaitExpression':
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
        continue;
      default:
        return false;
    }
  }
  return true;
}

/** Identifiers bound by a `for...of` head (`const x`, `const { a, b }`, `const [k, v]`, `x`). O(pattern). */
export function boundNames(left: Node): string[] {
  const names: string[] = [];
  const visit = (node: Node | null): void => {
    if (!node) return;
    switch (node.type) {
      case 'VariableDeclaration':
        for (const declarator of node.declarations) visit(declarator.id);
        return;
      case 'Identifier':
        names.push(node.name);
        return;
      case 'ObjectPattern':
        for (const property of node.properties) visit(property.type === 'Property' ? property.value : property.argument);
        return;
      case 'ArrayPattern':
        for (const element of node.elements) visit(element);
        return;
      case 'AssignmentPattern':
        visit(node.left);
        return;
      case 'RestElement':
        visit(node.argument);
        return;
      default:
        return;
    }
  };
  visit(left);
  return names;
}

/**
 * Whether a `set(k, v)` / `[k] = v` writes under a key the collection already holds: `k` is the key
 * variable of an iteration over that same collection (`for (const k of this.m.keys())`, `for (const [k]
 * of this.m)`, `this.m.forEach((v, k) => ...)`, `for (const k in this.o)`, `Object.keys(this.o).forEach(
 * (k) => ...)`), directly or through a `const` holding the iterable. It replaces a value and adds no
 * entry: opentelemetry's `TemporalMetricProcessor` appends to the stash of every registered collector
 * this way (fresh review 10). O(1) plus two scope lookups.
 */
function existingKey(use: Use, text: string, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  if (use.nested || !use.key || (use.how !== 'set' && use.how !== '[k] =')) return false;
  const site = use.site;
  const receiver =
    site.type === 'CallExpression' && site.callee.type === 'MemberExpression' ? site.callee.object : site.type === 'AssignmentExpression' && site.left.type === 'MemberExpression' ? site.left.object : undefined;
  const key = unwrap(use.key);
  if (!receiver || key.type !== 'Identifier') return false;
  const variable = variableOf(scopeManager, key);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def || variable.references.some((ref) => ref.isWrite() && !ref.init)) return false;
  const own = keyText(text, receiver);
  /** The node, or what the `const` it names holds. */
  const held = (node: Node): Node => {
    const value = unwrap(node);
    const local = value.type === 'Identifier' ? localBoundOnce(value, scopeManager) : undefined;
    return local?.constant ? unwrap(local.init) : value;
  };
  const same = (node: Node): boolean => keyText(text, held(node)) === own;
  /** `R.keys()` (method `keys`) or `Object.keys(R)`: the collection R, else undefined. */
  const keysOf = (node: Node): Node | undefined => {
    const value = held(node);
    if (value.type !== 'CallExpression') return undefined;
    const callee = unwrap(value.callee);
    if (callee.type !== 'MemberExpression' || memberName(callee) !== 'keys') return undefined;
    const object = unwrap(callee.object);
    if (object.type === 'Identifier' && object.name === 'Object') return value.arguments[0]?.type === 'SpreadElement' ? undefined : value.arguments[0];
    return value.arguments.length === 0 ? callee.object : undefined;
  };
  if (def.type === 'Variable') {
    const loop = parentOf(def.parent);
    if ((loop?.type !== 'ForOfStatement' && loop?.type !== 'ForInStatement') || loop.left !== def.parent) return false;
    if (loop.type === 'ForInStatement') return def.node.id === def.name && same(loop.right);
    if (def.node.id === def.name) {
      const keys = keysOf(loop.right);
      return keys !== undefined && same(keys);
    }
    if (def.node.id.type !== 'ArrayPattern' || def.node.id.elements[0] !== def.name) return false;
    const right = unwrap(loop.right);
    const entries = right.type === 'CallExpression' && right.callee.type === 'MemberExpression' && memberName(right.callee) === 'entries' && right.arguments.length === 0 ? right.callee.object : right;
    return same(entries);
  }
  if (def.type !== 'Parameter' || !isFunction(def.node)) return false;
  const fn = def.node;
  const call = parentOf(fn);
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'forEach') return false;
  if (fn.params[1] === def.name) return same(callee.object);
  const keys = fn.params[0] === def.name ? keysOf(callee.object) : undefined;
  return keys !== undefined && same(keys);
}

/** Inputs of {@link decide} that come from the rule's options. */
export interface VerdictOptions {
  readonly checkLocals: boolean;
  /** When given, identifier keys are followed to a `const` or to every call's argument (see {@link KeyResolver}). */
  readonly resolver?: KeyResolver;
}

/**
 * The verdict on one target from its uses, or undefined when it is bounded. O(uses).
 * Order: no counted growth → bounded; a size guard or ring index → bounded; an escape to a consumer
 * (fields, modules) → bounded; a removal → bounded unless every removal is on another key or behind
 * a status exclusion (then reported with that reason).
 */
export function decide(target: Target, uses: readonly Use[], model: CollectionModel, text: string, options: VerdictOptions): Verdict | undefined {
  const local = target.scope === 'local';
  if (local && !options.checkLocals) return undefined;
  const declFn = local ? enclosingFunction(target.decl) : undefined;

  let growth: Use[] = [];
  let context: { label: string; node: Node } | undefined;
  const exits = local ? [] : uses.filter((use) => use.how === NON_EMPTY_EXIT).map((use) => use.site);
  const guards = local ? [] : uses.filter((use) => use.how === EMPTY_GUARD).map((use) => use.site as TSESTree.IfStatement);
  for (const use of uses) {
    if (use.kind !== 'growth') continue;
    if (local) {
      const found = unboundedContext(use.site, declFn);
      if (!found) continue;
      context ??= found;
      growth.push(use);
    } else if (!isOneTime(use.site, target, model) && !beforeReady(use.site, options.resolver) && !filledAtLoad(use.site, options.resolver) && !(options.resolver && existingKey(use, text, options.resolver.scopeManager)) && !filledOnce(use.site, exits, options.resolver, text) && !filledWhileEmpty(use.site, guards)) {
      growth.push(use);
    }
  }
  if (growth.length === 0) return undefined;
  if (growth.every((use) => counterGuarded(use.site))) return undefined;

  if ((target.kind === 'map' || target.kind === 'set' || target.kind === 'record') && growth.every((use) => !use.nested) && declaredKeysFinite(target)) return undefined;
  if (target.kind === 'map' || target.kind === 'set' || target.kind === 'record') {
    const direct = growth.filter((use) => !use.nested);
    if (direct.length === growth.length && direct.every((use) => isFiniteKey(use.key, options.resolver))) return undefined;
  }
  if (target.kind === 'set' && growth.every((use) => !use.nested && dedupsLogOutput(use.site))) return undefined;
  if ((target.kind === 'map' || target.kind === 'record') && growth.every((use) => !use.nested && use.value !== undefined && isIntlObject(use.value, options.resolver))) return undefined;
  if (target.kind !== 'array' && target.kind !== 'string' && growth.every((use) => !use.nested && perInstrumentationScope(use.site))) return undefined;
  if (target.kind === 'array' && growth.every((use) => !use.nested && isFiniteKey(dedupedPushValue(use.site, text), options.resolver))) return undefined;

  // A size guard on an entry (`m.get(k).length > max`, also through `const arr = m.get(k) ?? []`) caps
  // that entry, not the number of keys: it bounds the map only when no growth adds keys
  // (CopilotKit's WhatsApp history store caps each conversation, never the conversations; fresh review 12).
  const addsKeys = growth.some((use) => !use.nested);
  for (const use of uses) {
    if (use.kind === 'guard' && !(use.nested && addsKeys && target.kind !== 'array')) return undefined;
    if (use.kind === 'escape' && target.kind !== 'string') {
      // A local only escapes to a drain when it is handed over during the growth.
      if (!local || (context && use.site.range[0] >= context.node.range[0] && use.site.range[1] <= context.node.range[1])) {
        return undefined;
      }
    }
  }

  if (local) {
    if (context && (isFiniteCollect(context.node, text, growth) || collectsUntilEnd(context.node, declFn, text) || tearsDownTarget(context.node, declFn, text))) return undefined;
    if (uses.some((use) => use.how === 'join' || use.how === 'passed to concat' || use.how === 'passed to Blob')) {
      if (context && (context.node.type === 'ArrowFunctionExpression' || context.node.type === 'FunctionExpression')) return undefined;
    }
  }

  const removals = uses.filter((use) => use.kind === 'shrink');
  let mismatch: Use | undefined;
  let conditional: { use: Use; detail: string } | undefined;
  let effective = false;
  // Entries that are containers made here (`m.set(k, new Set())`) and only ever emptied from inside
  // (`m.get(k)!.delete(w)`): the key and its empty container stay (grpc-js's health watchers, fifth review).
  const innerOnly =
    removals.length > 0 &&
    (target.kind === 'map' || target.kind === 'record') &&
    removals.every((r) => r.nested) &&
    growth.some((use) => !use.nested && use.value !== undefined && isFreshContainer(use.value, options.resolver))
      ? removals[0]
      : undefined;
  for (const removal of innerOnly ? [] : removals) {
    if (removal.how === 'delete' && (target.kind === 'map' || target.kind === 'set') && removal.key && !removal.nested) {
      const keyOfRemoval = keyText(text, removal.key);
      const sets = growth.filter((use) => !use.nested && use.key);
      if (
        sets.length > 0 &&
        sets.every((use) => {
          const inner = convertedFrom(use.key!);
          return inner !== undefined && keyText(text, inner) === keyOfRemoval && convertedFrom(removal.key!) === undefined;
        })
      ) {
        mismatch ??= removal;
        continue;
      }
    }
    const guard = conditionalRemoval(removal.site, model, text);
    if (guard) {
      conditional ??= { use: removal, detail: guard };
      continue;
    }
    effective = true;
    break;
  }
  if (effective) return undefined;

  // The first site named is the earliest line; on one line the direct growth before the nested one.
  growth = growth
    .slice()
    .sort((a, b) => a.site.loc.start.line - b.site.loc.start.line || Number(!!a.nested) - Number(!!b.nested) || a.site.range[0] - b.site.range[0]);
  const cacheKey = memoKey(target, uses, text);
  // Built field by field: spreading a finished object into a new one is a slow generic copy in V8.
  const verdict: { -readonly [K in keyof Verdict]: Verdict[K] } = { reason: 'unbounded', growth };
  if (cacheKey) verdict.cacheKey = cacheKey;
  if (context) verdict.context = context.label;
  if (innerOnly && !mismatch && !conditional) {
    verdict.reason = 'keyMismatch';
    verdict.cleanup = { site: innerOnly.site, detail: 'it empties the inner collection and leaves its key and the empty container in the map' };
  } else if (mismatch) {
    const setKey = growth.find((use) => use.key && !use.nested)?.key;
    verdict.reason = 'keyMismatch';
    verdict.cleanup = {
      site: mismatch.site,
      detail: `\`${text.slice(mismatch.key!.range[0], mismatch.key!.range[1])}\` is not the key \`${setKey ? text.slice(setKey.range[0], setKey.range[1]) : ''}\` it was added under`,
    };
  } else if (conditional) {
    verdict.reason = 'conditionalCleanup';
    verdict.cleanup = { site: conditional.use.site, detail: conditional.detail };
  }
  return verdict;
}

const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);

/**
 * Whether the inserted `value`, an arithmetic expression, reads a local of `fn` initialised from a lookup of the same map (`const
 * count = m.get(k) || 1; m.set(k, count + 1)`): the entry is updated from itself, a counter. Matched by
 * name, as written. O(lookups × text of the value).
 */
function readsLookupLocal(value: Node, lookupSites: readonly Node[], fn: Node | undefined, text: string): boolean {
  // arithmetic on the entry (`count + 1`); the local itself (`entry = create(); m.set(k, entry)`) is a memo
  const v = unwrap(value);
  if (v.type !== 'BinaryExpression' || !ARITHMETIC.has(v.operator)) return false;
  const valueText = text.slice(value.range[0], value.range[1]);
  return lookupSites.some((site) => {
    if (enclosingFunction(site) !== fn) return false;
    let n: Node | undefined = parentOf(site);
    while (n && (n.type === 'LogicalExpression' || n.type === 'ConditionalExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'ChainExpression')) n = parentOf(n);
    if (n?.type !== 'VariableDeclarator' || n.id.type !== 'Identifier') return false;
    return new RegExp(`(?<![\\w$.])${n.id.name.replace(/\$/gu, '\\$')}(?![\\w$])`, 'u').test(valueText);
  });
}

/**
 * The memo-cache key: a lookup (`get`/`has`/`[k]`/`in`) and an insertion (`set`/`[k] =`/`[k] ??=`)
 * under the same key expression inside the same function. Undefined when the Map/record is not a cache.
 */
export function memoKey(target: Target, uses: readonly Use[], text: string): string | undefined {
  if (target.kind !== 'map' && target.kind !== 'record') return undefined;
  const lookups = new Set<string>();
  for (const use of uses) {
    if (use.kind === 'lookup' && use.key && !use.nested) lookups.add(`${keyText(text, use.key)}@${enclosingFunction(use.site)?.range[0] ?? -1}`);
  }
  if (lookups.size === 0) return undefined;
  const lookupSites = uses.filter((use) => use.kind === 'lookup' && !use.nested).map((use) => use.site);
  for (const use of uses) {
    if (use.kind !== 'growth' || use.nested || !use.key) continue;
    if (use.how !== 'set' && use.how !== '[k] =') continue;
    // `if (!m.has(k)) m.set(k, [])` then `m.get(k)!.push(x)`: a group-by index, not a memo.
    if (use.value && freshKind(use.value) !== undefined && freshKind(use.value) !== 'string') continue;
    // `m.set(k, (m.get(k) ?? 0) + 1)` accumulates into the entry: a counter, not a memo.
    if (lookupSites.some((site) => site.range[0] >= use.site.range[0] && site.range[1] <= use.site.range[1])) continue;
    const fn = enclosingFunction(use.site);
    // the same through a local: `const count = m.get(k) || 1; m.set(k, count + 1)` (apollo's makeUniqueId)
    if (use.value && readsLookupLocal(use.value, lookupSites, fn, text)) continue;
    const id = `${keyText(text, use.key)}@${fn?.range[0] ?? -1}`;
    if (lookups.has(id)) return text.slice(unwrap(use.key).range[0], unwrap(use.key).range[1]);
  }
  return undefined;
}
