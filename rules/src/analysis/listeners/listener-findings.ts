/**
 * no-leaked-listener: decides, for every registration of the model, whether a matching removal exists
 * (same target chain, same event, same handler identity) and builds the cleanup rewrite.
 * Complexity: O(adds + removes) with hash lookups by target key.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Finding, Rewrite, TextEdit } from '../types.js';
import {
  appendToBody,
  indentAt,
  insertBeforeMember,
  freeName,
  pascal,
  quoted,
  reindent,
  type Style,
  lazyStyleOf,
} from './edits.js';
import { enclosingFunction, isFunction, isPromiseExecutor, outermost, PAGE_LOAD_EVENTS, returnsEarly, STREAM_END_EVENTS, TEST_DOUBLE, textOf, variableOf } from '../shared/ast.js';
import { findVariable, iteratedList, propertyName, unwrap } from './keys.js';
import { FOR_EACH, type AddSite, type ClassInfo, type Frame, type ListenerModel, type MemberInfo, type RemoveSite } from './model.js';
import type { ResolvedListenerOptions } from './options.js';
import { ONCE_EVENTS, SETUP_FUNCTION, runsAtModuleLoad, teardownOf, runsOncePerInstance, whereText } from './shared.js';
import { typeFacts } from './types.js';
import { walk } from '../shared/walk.js';

const RULE = 'no-leaked-listener';

/** Events a process fires once at shutdown: their handlers live as long as the process. */
const PROCESS_LIFETIME_EVENTS = new Set([
  'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGBREAK', 'SIGUSR1', 'SIGUSR2',
  'exit', 'beforeExit', 'uncaughtException', 'uncaughtExceptionMonitor', 'unhandledRejection', 'warning',
]);

/** A process lifecycle event: one of {@link PROCESS_LIFETIME_EVENTS}, or any POSIX signal (`SIGTRAP`, `SIGABRT`, ... in moleculer's stop list). */
function isProcessLifetimeEvent(event: string): boolean {
  return PROCESS_LIFETIME_EVENTS.has(event) || /^SIG[A-Z0-9]+$/u.test(event);
}

/** Events that fire on every way an emitter ends (success or not). */
const ALWAYS_EVENTS = new Set(['close', 'closed', 'abort', 'aborted', 'disconnect', 'disconnected', 'exit', 'destroy', 'destroyed', 'dispose', 'disposed', 'teardown', 'cleanup', 'settled', 'finally', 'detach', 'unmount']);
/**
 * Events that fire only when work succeeds: a removal that runs only in their handlers is reported
 * (seed 002). Removals in handlers of any other event (`mouseup`, `message`, ...) are taken as cleanup.
 */
const SUCCESS_EVENTS = new Set(['finish', 'finished', 'end', 'ended', 'done', 'complete', 'completed', 'success', 'succeeded', 'resolve', 'resolved', 'response', 'result', 'drain']);
/** Events that fire on a failure path. */
const FAILURE_EVENTS = new Set(['error', 'timeout', 'abort', 'aborted', 'cancel', 'canceled', 'cancelled', 'fail', 'failed', 'failure', 'reject', 'rejected']);

const REMOVE_FOR: Record<string, string> = {
  on: 'off',
  once: 'off',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  prependOnceListener: 'removeListener',
  addEventListener: 'removeEventListener',
};

export function listenerFindings(model: ListenerModel, options: ResolvedListenerOptions): Finding[] {
  const removesByTarget = new Map<string, RemoveSite[]>();
  for (const r of model.removes) {
    let list = removesByTarget.get(r.targetKey);
    if (!list) removesByTarget.set(r.targetKey, (list = []));
    list.push(r);
  }
  const addsByHandler = new Map<string, AddSite[]>();
  for (const a of model.adds) {
    if (a.handler.kind !== 'ref') continue;
    let list = addsByHandler.get(a.handler.key);
    if (!list) addsByHandler.set(a.handler.key, (list = []));
    list.push(a);
  }
  const style = lazyStyleOf(model);
  const taken = new Set<string>();
  const findings: Finding[] = [];
  for (const add of model.adds) {
    const f = evaluate(add, model, options, removesByTarget, addsByHandler, style, taken);
    if (f) findings.push(f);
  }
  return findings;
}

/** The registrations whose handler runs `frame` (inline or through its binding), innermost first. */
function triggersOf(frame: Frame, stop: Frame | null, addsByHandler: Map<string, AddSite[]>): AddSite[] {
  const out: AddSite[] = [];
  for (let f: Frame | null = frame; f && f !== stop; f = f.parent) {
    if (f.handlerOf) out.push(f.handlerOf);
    if (f.bindingKey) out.push(...(addsByHandler.get(f.bindingKey) ?? []));
  }
  return out;
}

/**
 * Whether the `this` of `frame` is an emitter that calls the plain function owning that `this` as the
 * handler of an event that repeats: a function declaration or expression (not a method, not an ES5
 * class) registered by name or inline with `on`/`addListener`/... and no `once`. Its `this.x` is then a
 * property of that long-lived emitter, and a listener added to it runs once per event (aedes'
 * `function enqueue (packet) { const client = this.client; ...; client.on('connected', () => ...) }`,
 * registered with `this.parser.on('packet', enqueue)`: one listener per packet, a leak the project fixed
 * in 89329c39; held-out recall, session 9). O(frames + registrations of the function's binding).
 */
function handlerOfEmitterPerEvent(frame: Frame, addsByHandler: Map<string, AddSite[]>): boolean {
  let owner: Frame | null = frame;
  while (owner && (owner.fn?.type === 'ArrowFunctionExpression' || owner.parent?.fn === owner.fn)) owner = owner.parent;
  if (!owner?.fn || owner.thisOwner !== frame.thisOwner || owner.member) return false;
  return triggersOf(owner, owner.parent, addsByHandler).some((trigger) => !trigger.once && trigger.method !== 'subscribe' && !trigger.observer && !ONCE_EVENTS.has(trigger.eventKey) && !CONNECT_EVENTS.has(trigger.eventKey));
}

/** The class whose instance the target (or, for other targets, the registering code) belongs to. */
function classOf(add: AddSite, model: ListenerModel): ClassInfo | null {
  const t = add.target;
  if (t?.root === 'this') return model.classById.get(t.key.slice(0, t.key.indexOf(':'))) ?? null;
  return add.frame.thisClass;
}

/**
 * Lifecycle methods that run once per instance by contract (`start()`, `connectedCallback()`, `ngOnInit()`;
 * `enable()`, as module functions named `enable*` are setup functions: powersync's undici diagnostics
 * class subscribes to its channels in `enable()`; fresh review 14).
 */
const START_METHOD = /^(?:start|init|initialize|setup|setUp|open|listen|attach|mount|bootstrap|enable)(?:[A-Z_]|$)|^(?:componentDidMount|connectedCallback|ngOnInit|onModuleInit|onInit)$/u;

/**
 * Code in a lifecycle method ({@link START_METHOD}), or in a function stored in a public field of that
 * name (`init = (options) => { window.addEventListener('resize', position) }`: novu's embed widget; fresh
 * review 14), outside its loops and handlers.
 */
function startsInstance(frame: Frame): boolean {
  const member = frame.member;
  if (!member || !START_METHOD.test(member.name)) return false;
  // a private field's function is the class's own helper: its callers decide ({@link runsOncePerInstance})
  if (member.kind !== 'method' && !(member.kind === 'field' && member.body && !member.isPrivate)) return false;
  return outsideLoopsAndHandlers(frame, member);
}

/**
 * Code in a teardown method of the instance (`dispose()`, `close()`, the rule's `teardownMethods`,
 * another teardown name such as `terminate()` or `shutdown()` ({@link PLUGIN_TEARDOWN}),
 * `[Symbol.dispose]`), outside its loops and handlers: it runs once, as the instance ends (powersync's
 * shared sync client waits for the worker's close acknowledgement in `dispose()`, fresh review 14; ax's
 * stdio transport waits for its killed child's `'exit'` in `terminate()`, fresh review 19).
 */
function endsInstance(frame: Frame, teardownMethods: ReadonlySet<string>): boolean {
  const member = frame.member;
  if (member?.kind !== 'method') return false;
  const name = member.name.replace(/^#/u, '');
  if (!teardownMethods.has(name) && !PLUGIN_TEARDOWN.test(name) && name !== 'Symbol.dispose' && name !== 'Symbol.asyncDispose') return false;
  return outsideLoopsAndHandlers(frame, member);
}

/** No loop and no event handler between `frame` and the body of `member`. */
function outsideLoopsAndHandlers(frame: Frame, member: MemberInfo): boolean {
  for (let f: Frame | null = frame; f && f.member === member; f = f.parent) if (f.loopDepth > 0 || f.handlerOf) return false;
  return true;
}

/** Directly inside a module-level setup function (`setupPrimary()`, `main()`), not in a callback or loop of it. */
function inSetupFunction(frame: Frame, model: ListenerModel, teardownMethods: ReadonlySet<string>, depth = 0): boolean {
  const h = frame.handlerOf;
  if (h && !frame.member && frame.loopDepth === 0 && (h.once || ONCE_EVENTS.has(h.eventKey))) {
    const hf = h.frame;
    return runsAtModuleLoad(hf) || inSetupFunction(hf, model, teardownMethods, depth + 1);
  }
  if (frame.member || frame.loopDepth > 0 || frame.handlerOf || !frame.fn || depth > 4) return false;
  if (isPluginSetupHook(frame, teardownMethods)) return true;
  const parent = frame.parent;
  // a `new Promise` executor, an IIFE, a promise reaction: it runs once per run of the function around
  // it (the CLI chat loops of CopilotKit's examples register `rl.on('close')` in the executor of the
  // promise `chatLoop()` returns, called once from `main()`; fresh review 12)
  if (frame.iife && parent !== null && !runsAtModuleLoad(frame)) return inSetupFunction(parent, model, teardownMethods, depth + 1);
  if (parent === null || !runsAtModuleLoad(parent)) return false;
  if (SETUP_FUNCTION.test(frame.name)) return true;
  // a module function called only once, from the top level or from another setup function
  if (frame.fn.type !== 'FunctionDeclaration') return false;
  const sites = model.calls.get(frame.name);
  if (!sites || sites.length !== 1) return false;
  const site = sites[0]!;
  if (runsAtModuleLoad(site)) return true;
  return inSetupFunction(site, model, teardownMethods, depth + 1);
}

/**
 * Names of an object literal's hooks that set it up once (`setupOnce`, `setup`, `afterAllSetup`,
 * `configureServer`, `install`, hapi's `register`). Narrower than {@link SETUP_FUNCTION}: an object's
 * `run()`, `start()` or `listen()` may be a task or a server that is run many times.
 */
const PLUGIN_SETUP = /^(?:setup|setUp|init|initialize|install|configure|bootstrap|register)(?:[A-Z_]|$)|(?:Setup|Init)$/u;

/**
 * Names of an object literal's hooks that end its life (a plugin that has one may be set up again);
 * the rule's `teardownMethods` count too (see {@link isPluginSetupHook}).
 */
const PLUGIN_TEARDOWN = /^(?:close|destroy|dispose|teardown|tearDown|stop|shutdown|cleanup|unmount|detach|disconnect|terminate|uninstall|unregister)(?:[A-Z_]|$)/u;

/**
 * A setup hook of a plugin object (`setupOnce()`, `setup(client)`, `afterAllSetup: (client) => ...`,
 * `configureServer(server)`; {@link PLUGIN_SETUP}) written as a property of an object
 * literal that a function returns or that is written at the module top level, when the object has no
 * teardown hook ({@link PLUGIN_TEARDOWN}, or a name in the rule's `teardownMethods`). The host calls such a hook once per plugin object, and a
 * plugin without a teardown lives as long as its host: the same judgement as a class without a teardown
 * method ({@link teardownOf}). Sentry's integrations (`{ name, setupOnce() {...} }` returned by each
 * integration's factory) register their global listeners this way; fresh review 12. O(properties).
 */
function isPluginSetupHook(frame: Frame, teardownMethods: ReadonlySet<string>): boolean {
  const fn = frame.fn;
  const property = fn?.parent;
  if (property?.type !== 'Property' || property.value !== fn || property.computed) return false;
  const object = property.parent;
  if (object?.type !== 'ObjectExpression' || !PLUGIN_SETUP.test(frame.name)) return false;
  const holder = object.parent;
  const returned = holder?.type === 'ReturnStatement' || (holder?.type === 'ArrowFunctionExpression' && holder.body === object);
  const declaredIn = holder?.type === 'VariableDeclarator' ? holder.parent?.parent?.type : undefined;
  const topLevel = holder?.type === 'ExportDefaultDeclaration' || declaredIn === 'Program' || declaredIn === 'ExportNamedDeclaration';
  if (!returned && !topLevel) return false;
  return !object.properties.some((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && (PLUGIN_TEARDOWN.test(p.key.name) || teardownMethods.has(p.key.name)));
}

/** `program.command('serve').action(handler)`: commander's (and sade's, cac's) command handler. */
function isActionCall(node: TSESTree.Node | undefined, arg: TSESTree.Node): boolean {
  if (node?.type !== 'CallExpression' || !node.arguments.includes(arg as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrap(node.callee);
  return callee.type === 'MemberExpression' && propertyName(callee) === 'action';
}

/** Whether `fn` is handed to `.action(...)`, inline or by name (`function action()`, `const action = () =>`). */
function isCliActionHandler(fn: Frame['fn'], model: ListenerModel): boolean {
  if (!fn) return false;
  const up = fn.parent;
  if (isActionCall(up, fn)) return true;
  const id = fn.type === 'FunctionDeclaration' ? fn.id : up?.type === 'VariableDeclarator' && up.init === fn && up.id.type === 'Identifier' ? up.id : null;
  if (!id) return false;
  const variable = variableOf(model.context.scopeManager, id);
  return variable?.references.some((ref) => isActionCall(ref.identifier.parent, ref.identifier)) ?? false;
}

/**
 * The registration runs in a CLI command's handler — a function handed to `.action(...)` (commander,
 * sade, cac), inline or by name — outside loops and event handlers, or in a function declared there and
 * called once from it: a command runs once per process, like `main()` (genkit's `__server-harness`
 * command adding `process.on(...)` handlers, deepstream.io's `cluster` command wiring `cluster.on('exit')`
 * in `setupWorkerProcesses()`; fourth fresh review). O(frames + references of the handler's name).
 */
function inCliAction(frame: Frame, model: ListenerModel): boolean {
  if (frame.member) return false;
  let outer: Frame | null = frame;
  for (; outer && outer.fn === frame.fn; outer = outer.parent) if (outer.loopDepth > 0 || outer.handlerOf) return false;
  if (isCliActionHandler(frame.fn, model)) return true;
  if (!outer || !isCliActionHandler(outer.fn, model)) return false;
  const sites = model.calls.get(frame.name);
  const site = sites?.length === 1 ? sites[0]! : undefined;
  return site !== undefined && site.fn === outer.fn && site.loopDepth === 0 && !site.handlerOf;
}

/** Events that start a new connection of an emitter: the objects under it (`socket.io.engine`) are new too. */
const CONNECT_EVENTS = new Set(['connect', 'open', 'reconnect']);

/**
 * Whether the registration runs in a handler of a connect/open event of an emitter `E` (inline, or a
 * function registered by name) and its target is an object reached through `E` (`E.io.engine`): that
 * object belongs to the connection which just started and is replaced by the next one, so its listeners
 * go with it (socket.io-client's engine is recreated on every reconnect). A target equal to `E` itself is
 * still reported: that is the classic listener added on every reconnect.
 */
function inConnectionHandlerOf(add: AddSite, frame: Frame, addsByHandler: Map<string, AddSite[]>): boolean {
  const key = add.target!.key;
  for (const trigger of triggersOf(frame, null, addsByHandler)) {
    const k = trigger.target?.key;
    if (k !== undefined && CONNECT_EVENTS.has(trigger.eventKey) && key.length > k.length && key.startsWith(k) && (key[k.length] === '.' || key[k.length] === '[')) return true;
  }
  return false;
}

/** A request's own signal (`request.signal`, `c.req.raw.signal`): the Fetch API aborts it when that request ends. */
const REQUEST_OBJECT = /^(?:req|request|raw|rawRequest|incomingRequest)$/iu;

function isRequestSignal(t: NonNullable<AddSite['target']>): boolean {
  const owner = t.path.length >= 2 ? t.path[t.path.length - 2]! : t.path.length === 1 ? t.text.slice(0, t.text.indexOf('.')) : '';
  return t.path[t.path.length - 1] === 'signal' && REQUEST_OBJECT.test(owner);
}

/**
 * Whether the root of `t` is a parameter of a function written as an argument of a call or `new` (a
 * callback), directly or as a property or method of object and array literals written there
 * (`tool({ execute: async (input, { abortSignal }) => ... })`): the code it is handed to calls it and
 * builds its arguments for that one invocation. O(literal nesting).
 */
function isCallbackParameter(t: NonNullable<AddSite['target']>): boolean {
  const def = t.variable?.defs[0];
  if (def?.type !== 'Parameter') return false;
  const fn = def.node as TSESTree.Node;
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  let child: TSESTree.Node = fn;
  for (let p: TSESTree.Node | undefined = fn.parent; p; child = p, p = p.parent) {
    if (p.type === 'CallExpression' || p.type === 'NewExpression') return p.arguments.some((a) => unwrap(a) === unwrap(child));
    const inLiteral =
      (p.type === 'Property' && p.value === child) ||
      p.type === 'ObjectExpression' ||
      p.type === 'ArrayExpression' ||
      p.type === 'TSAsExpression' ||
      p.type === 'TSSatisfiesExpression';
    if (!inLiteral) return false;
  }
  return false;
}

/**
 * Whether this module constructs `cls` where it may run many times: a `new Name()` in a function
 * that is neither the module top level nor a one-time setup function (a factory, a handler).
 */
function constructedPerCall(cls: ClassInfo, model: ListenerModel, teardownMethods: ReadonlySet<string>): boolean {
  const sites = model.news.get(cls.name);
  return sites !== undefined && sites.some((f) => f.member?.kind !== 'static' && !runsAtModuleLoad(f) && !inSetupFunction(f, model, teardownMethods));
}

/** `location.reload()`, `location.replace(url)`, `process.exit(code)`: the page or process ends here. */
function endsLifetime(statement: TSESTree.Node | undefined): boolean {
  if (statement?.type !== 'ExpressionStatement') return false;
  const e = unwrap(statement.expression);
  let target: TSESTree.Node | undefined;
  if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression') {
    const name = e.callee.property.type === 'Identifier' ? e.callee.property.name : '';
    if (name !== 'reload' && name !== 'replace' && name !== 'assign' && name !== 'exit') return false;
    target = unwrap(e.callee.object);
    if (name === 'exit') return target.type === 'Identifier' && target.name === 'process';
  } else if (e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.property.type === 'Identifier' && e.left.property.name === 'href') {
    target = unwrap(e.left.object);
  } else return false;
  if (target.type === 'MemberExpression' && target.property.type === 'Identifier' && target.property.name === 'location') return true;
  return target.type === 'Identifier' && target.name === 'location';
}

/**
 * Whether `frame` is the body of a module function whose every call is followed, in the same block, by
 * the end of the page or process (`await waitForPing(); location.reload()` in vite's HMR client): the
 * listener lives until that end, once. O(call sites).
 */
function endsLifetimeAfter(frame: Frame, model: ListenerModel): boolean {
  if (frame.member || frame.loopDepth > 0 || frame.handlerOf || frame.fn?.type !== 'FunctionDeclaration' || !frame.parent || !runsAtModuleLoad(frame.parent)) return false;
  const calls = model.callNodes.get(frame.name);
  if (!calls || calls.length === 0) return false;
  return calls.every((call) => {
    let n: TSESTree.Node = call;
    while (n.parent && (n.parent.type === 'AwaitExpression' || n.parent.type === 'ChainExpression')) n = n.parent;
    const statement = n.parent;
    if (statement?.type !== 'ExpressionStatement') return false;
    const block = statement.parent;
    if (block?.type !== 'BlockStatement' && block?.type !== 'SwitchCase' && block?.type !== 'Program') return false;
    const body: TSESTree.Node[] = block.type === 'SwitchCase' ? block.consequent : block.body;
    return endsLifetime(body[body.indexOf(statement) + 1]);
  });
}

/** Array methods whose callback runs once per element, so its parameter takes each value of the list. */
const ITERATING = new Set(['forEach', 'map']);

/**
 * The event names a registration can take: its static event, or, for a parameter of a callback that
 * iterates a literal list (`['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, ...))`, the same
 * with `map` run for its side effect, `for (const signal of ['SIGINT', 'SIGTERM'])`, the list held in a
 * `const`), every string of that list. An
 * unknown event gives `['?']`. O(list length).
 */
function eventValues(add: AddSite, scopeManager: TSESLint.Scope.ScopeManager): string[] {
  if (!add.eventKey.startsWith('?')) return [add.eventKey];
  const unknown = ['?'];
  const node = add.eventNode ? unwrap(add.eventNode) : undefined;
  if (node?.type !== 'Identifier') return unknown;
  const variable = findVariable(add.scope, node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'Parameter') {
    const passed = passedLiterals(def, scopeManager);
    if (passed) return passed;
  }
  const list = iteratedList(def, ITERATING);
  if (!list) return unknown;
  let values = unwrap(list);
  if (values.type === 'Identifier') {
    const held = findVariable(add.scope, values.name)?.defs[0];
    if (held?.type !== 'Variable' || held.parent.kind !== 'const' || !held.node.init) return unknown;
    values = unwrap(held.node.init);
  }
  if (values.type !== 'ArrayExpression' || values.elements.length === 0) return unknown;
  const out: string[] = [];
  for (const element of values.elements) {
    const value = element && element.type !== 'SpreadElement' ? unwrap(element) : undefined;
    if (value?.type !== 'Literal' || typeof value.value !== 'string') return unknown;
    out.push(value.value);
  }
  return out;
}

/**
 * For a parameter of a function of this file that is only ever called, each time with a string literal
 * in that place (`function forwardSignal(signal) { process.on(signal, ...) }` called as
 * `forwardSignal('SIGINT'); forwardSignal('SIGTERM')`, or a `const install = (signal) => ...` called
 * the same way): those strings. Undefined when the function is exported, passed on, or called with
 * anything else (letta-code's launcher and rivet's registry; fresh review 16). O(references).
 */
function passedLiterals(def: TSESLint.Scope.Definition, scopeManager: TSESLint.Scope.ScopeManager): string[] | undefined {
  const fn = def.node;
  if (!isFunction(fn)) return undefined;
  const index = fn.params.indexOf(def.name as TSESTree.Parameter);
  const holder = fn.type === 'FunctionDeclaration' ? fn : fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn ? fn.parent : undefined;
  if (index < 0 || !holder || holder.parent?.type === 'ExportNamedDeclaration' || holder.parent?.parent?.type === 'ExportNamedDeclaration') return undefined;
  const name = holder.id?.type === 'Identifier' ? holder.id.name : undefined;
  const references = scopeManager
    .getDeclaredVariables(holder)
    .filter((variable) => variable.name === name)
    .flatMap((variable) => variable.references.filter((ref) => !ref.init));
  if (references.length === 0) return undefined;
  const out: string[] = [];
  for (const ref of references) {
    const call = ref.identifier.parent;
    const arg = call?.type === 'CallExpression' && call.callee === ref.identifier ? call.arguments[index] : undefined;
    if (arg?.type !== 'Literal' || typeof arg.value !== 'string') return undefined;
    out.push(arg.value);
  }
  return out;
}

/**
 * Whether the root of a local chain is bound, once, to an object made right there: `new X(...)`, or a
 * static factory of `AbortSignal` (`timeout`, `any`, `abort`). O(1).
 */
function freshLocal(t: NonNullable<AddSite['target']>): boolean {
  const def = t.variable?.defs.length === 1 ? t.variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator' || def.node.id.type !== 'Identifier' || !def.node.init) return false;
  if (def.parent.kind !== 'const') return false;
  const init = unwrap(def.node.init);
  if (init.type === 'NewExpression') return true;
  if (init.type !== 'CallExpression' || init.callee.type !== 'MemberExpression') return false;
  const owner = unwrap(init.callee.object);
  return owner.type === 'Identifier' && owner.name === 'AbortSignal' && ['timeout', 'any', 'abort'].includes(propertyName(init.callee) ?? '');
}

/** The key of the binding a chain starts from (`m:child.stdout` → `m:child`). */
function rootKey(t: NonNullable<AddSite['target']>): string {
  if (t.path.length === 0) return t.key;
  const cut = t.key.search(/[.[]/u);
  return cut < 0 ? t.key : t.key.slice(0, cut);
}

/**
 * Whether the function of `frame` assigns the binding `key` a new object (`x = new X()`, `x = make()`)
 * before `position`: a registration on it then listens to that new object, which the next run replaces.
 * O(frames of the function).
 */
function recreatedBefore(frame: Frame, key: string, position: number): boolean {
  for (let f: Frame | null = frame; f && f.fn === frame.fn; f = f.parent) {
    const at = f.freshAssigns?.get(key);
    if (at !== undefined && at < position) return true;
  }
  return false;
}

/**
 * Names of methods and functions that are themselves a registration API: `onServerAdded(cb)`,
 * `onDidChange(listener)`, `onceReady(fn)`, `subscribeToUpdates(handler)`, `listenForClose(cb)`. A
 * registration inside one that passes on the caller's own handler ({@link fromCaller}) adds what its
 * caller asked for; the caller decides how often (deepstream.io's `onAdd(callback) {
 * this.emitter.on('add', callback) }`, called by each subsystem at start-up). Fourth fresh review.
 */
const REGISTRATION_API = /^(?:on|once|subscribe(?:To)?|listen(?:To|For)?)[A-Z]/u;

/**
 * Whether an event-name or handler argument is the caller's: a parameter of the enclosing function, or a
 * local taken from the parameters alone (`const [event, listener] = normalise(args)`,
 * `const fn = args[1]`, `const a = normalise(args); const fn = a[1]`) or a member of those (`a[1]`),
 * followed through at most three hops. O(depth) scope lookups.
 */
function fromCaller(node: TSESTree.Node | undefined, model: ListenerModel, depth = 0): boolean {
  if (!node || depth > 3) return false;
  const n = unwrap(node.type === 'SpreadElement' ? node.argument : node);
  if (n.type === 'MemberExpression') return fromCaller(n.object, model, depth + 1);
  if (n.type !== 'Identifier') return false;
  const variable = variableOf(model.context.scopeManager, n);
  const def = variable?.defs[0];
  if (!def || variable!.defs.length !== 1) return false;
  if (def.type === 'Parameter') return true;
  if (def.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  if (!init) return false;
  const value = unwrap(init);
  if (value.type === 'Identifier' || value.type === 'MemberExpression') return fromCaller(value, model, depth + 1);
  return value.type === 'CallExpression' && value.arguments.length > 0 && value.arguments.every((a) => fromCaller(a, model, depth + 1));
}

/**
 * Whether a handler is an inline function that calls a parameter of the function registering it: the
 * caller's own callback, adapted to the target's event shape (stagehand's `onClose(handler) {
 * this.socket.addEventListener('close', (e) => handler({ code: e.code })) }`). Like passing the callback
 * itself ({@link fromCaller}), the registration is what the caller asked for. Taken only for a target
 * the instance holds (`this.socket`): a wrapper added to a shared target (`process.stdin`, `document`)
 * per call still accumulates there. Fresh review 8. O(size of the handler).
 */
function wrapsCallerHandler(node: TSESTree.Node | undefined, frame: Frame, model: ListenerModel): boolean {
  const fn = node && unwrap(node);
  if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') || !frame.fn) return false;
  let calls = false;
  walk(fn.body, (n) => {
    if (calls || n.type !== 'CallExpression') return;
    const callee = unwrap(n.callee);
    if (callee.type !== 'Identifier') return;
    const def = variableOf(model.context.scopeManager, callee)?.defs[0];
    if (def?.type === 'Parameter' && def.node === frame.fn) calls = true;
  });
  return calls;
}

/**
 * Where the registering code keeps the added handler, from the statements of `blocks`: the keyed
 * collection of `this.listeners.set(event, listener)` or `this.listeners[event] = listener`, and the slot
 * of `handlerRef.current = listener` (a plain member), where `listener` is the handler as written at the
 * add. Chain keys in statement order. O(statements of the blocks).
 */
function handlerKeeps(add: AddSite, model: ListenerModel, blocks: readonly (TSESTree.Node | undefined)[]): { readonly stores: string[]; readonly slots: string[] } {
  const kept = { stores: [] as string[], slots: [] as string[] };
  if (add.handler.kind !== 'ref') return kept;
  const text = model.context.text;
  const same = (node: TSESTree.Node | undefined): boolean => node !== undefined && text.slice(node.range[0], node.range[1]) === add.handler.text;
  const seen = new Set<TSESTree.Node>();
  for (const block of blocks) {
    if (block?.type !== 'BlockStatement' || seen.has(block)) continue;
    seen.add(block);
    for (const statement of block.body) {
      if (statement.type !== 'ExpressionStatement') continue;
      const e = unwrap(statement.expression);
      let store: TSESTree.Node | undefined;
      let slot: TSESTree.Node | undefined;
      if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression' && same(e.right)) {
        if (e.left.computed) store = e.left.object;
        else slot = e.left;
      } else if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && propertyName(e.callee) === 'set' && e.arguments.length === 2 && same(e.arguments[1])) {
        store = e.callee.object;
      }
      const into = store ?? slot;
      const chain = into && model.chainAt(into, add.frame.thisOwner);
      if (chain) (store ? kept.stores : kept.slots).push(chain.key);
    }
  }
  return kept;
}

/**
 * The keyed collection (its chain key) the registering function stores the added handler in, next to the
 * registration ({@link handlerKeeps} over the function's body). Undefined when there is none.
 */
function handlerStore(add: AddSite, model: ListenerModel): string | undefined {
  return handlerKeeps(add, model, [add.frame.fn?.body]).stores[0];
}

/**
 * The slots (chain keys) the registering code stores the added handler in ({@link handlerKeeps}), in a
 * statement of the block that holds the registration or of the registering function's body:
 * `handlerRef.current = handler`, `this.onMessage = handler`. A removal that passes the slot
 * (`window.removeEventListener('message', handlerRef.current)`) removes the function added (typebot's
 * OAuth popup keeps its `'message'` handler in a React ref and removes it in `cleanup()`; fresh review
 * 20). O(statements of the two blocks).
 */
function handlerSlots(add: AddSite, model: ListenerModel): string[] {
  const statement = add.call.parent;
  const block = statement?.type === 'ExpressionStatement' ? statement.parent : undefined;
  return handlerKeeps(add, model, [block, add.frame.fn?.body]).slots;
}

/**
 * A removal whose handler is taken back from the keyed collection the registration stored it in
 * ({@link handlerStore}): `this.src.removeListener(event, this.listeners.get(event))`, `const l =
 * this.listeners.get(event); if (l) this.src.removeListener(event, l)`, or `removeListener(name,
 * this.xmppListeners[name])` over `Object.keys(this.xmppListeners)`. The stored function is the one
 * added, whatever the key expression says (lib-jitsi-meet's `EventEmitterForwarder` and conference event
 * manager; fresh review 8). O(1) plus one scope lookup.
 */
function removesStoredHandler(add: AddSite, r: RemoveSite, model: ListenerModel): boolean {
  let handler = r.call.arguments[1] && unwrap(r.call.arguments[1]);
  if (!handler || handler.type === 'SpreadElement') return false;
  let store: TSESTree.Node | undefined;
  if (handler.type === 'Identifier') {
    const def = variableOf(model.context.scopeManager, handler)?.defs[0];
    const init = def?.type === 'Variable' ? (def.node as TSESTree.VariableDeclarator).init : null;
    if (init) handler = unwrap(init);
    else store = iteratedStore(handler, model);
  }
  if (!store && handler.type === 'MemberExpression' && !handler.computed) {
    const slot = model.chainAt(handler, r.frame.thisOwner);
    return slot !== undefined && handlerSlots(add, model).includes(slot.key);
  }
  if (!store && handler.type === 'MemberExpression' && handler.computed) store = handler.object;
  else if (!store && handler.type === 'CallExpression' && handler.callee.type === 'MemberExpression' && propertyName(handler.callee) === 'get') store = handler.callee.object;
  if (!store) return false;
  const key = handlerStore(add, model);
  return key !== undefined && model.chainAt(store, r.frame.thisOwner)?.key === key;
}

/**
 * The keyed collection whose values a loop variable runs over: `STORE` for the handler of `for (const
 * [signal, handler] of Object.entries(STORE))`, `for (const handler of Object.values(STORE))`, and the
 * same over a Map (`STORE.values()`, `STORE.entries()`, `STORE`). Rivet's registry stores its signal
 * handlers in a record and removes them from `process` this way (fresh review 16). O(1).
 */
function iteratedStore(id: TSESTree.Identifier, model: ListenerModel): TSESTree.Node | undefined {
  const bound = loopBinding(id, model);
  if (!bound) return undefined;
  const source = unwrap(bound.loop.right);
  // the collection iterated, and whether the loop runs over its entries or its values
  let store: TSESTree.Node | undefined = source;
  let method: string | undefined = 'entries';
  if (source.type === 'CallExpression' && source.callee.type === 'MemberExpression') {
    method = propertyName(source.callee);
    const owner = unwrap(source.callee.object);
    const first = source.arguments[0];
    if (owner.type === 'Identifier' && owner.name === 'Object') store = source.arguments.length === 1 && first?.type !== 'SpreadElement' ? first : undefined;
    else store = source.arguments.length === 0 ? owner : undefined;
  } else if (source.type !== 'MemberExpression' && source.type !== 'Identifier') {
    return undefined;
  }
  return (method === 'entries' && bound.index === 1) || (method === 'values' && bound.index === -1) ? store : undefined;
}

/**
 * Where a `for (const [event, handler] of ITEMS)` loop binds `id`: the loop's iterable and the
 * position of `id` in the array pattern (-1 for the whole element). Undefined for any other binding.
 */
function loopBinding(id: TSESTree.Node, model: ListenerModel): { loop: TSESTree.ForOfStatement; index: number } | undefined {
  if (id.type !== 'Identifier') return undefined;
  const def = variableOf(model.context.scopeManager, id)?.defs[0];
  if (def?.type !== 'Variable') return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const loop = declarator.parent?.parent;
  if (loop?.type !== 'ForOfStatement' || loop.left !== declarator.parent) return undefined;
  const pattern = declarator.id;
  if (pattern.type === 'Identifier') return { loop, index: -1 };
  if (pattern.type !== 'ArrayPattern') return undefined;
  const index = pattern.elements.findIndex((e) => e?.type === 'Identifier' && e.name === id.name);
  return index === -1 ? undefined : { loop, index };
}

/**
 * A removal loop that takes its events and handlers from the same collection as the registration loop:
 * `for (const [e, h] of Object.entries(events)) socket.on(e, h)` and, elsewhere,
 * `for (const [e, h] of Object.entries(events)) socket.removeListener(e, h)`. The handler (and the event,
 * when it is bound too) sits at the same place of the pattern, and both iterables are the same text over
 * the same collection (NodeBB's client event modules; fresh review 13). O(1) plus scope lookups.
 */
function sameLoopedPair(add: AddSite, r: RemoveSite, model: ListenerModel): boolean {
  const addHandler = add.call.arguments[1];
  const removeHandler = r.call.arguments[1];
  if (!addHandler || !removeHandler) return false;
  const a = loopBinding(unwrap(addHandler), model);
  const b = loopBinding(unwrap(removeHandler), model);
  if (!a || !b || a.index !== b.index || a.loop === b.loop) return false;
  const text = model.context.text;
  const source = (loop: TSESTree.ForOfStatement): string => text.slice(loop.right.range[0], loop.right.range[1]).replace(/\s+/gu, '');
  if (source(a.loop) !== source(b.loop)) return false;
  const rootOf = (loop: TSESTree.ForOfStatement): TSESLint.Scope.Variable | undefined => {
    let n: TSESTree.Node = unwrap(loop.right);
    if (n.type === 'CallExpression' && n.arguments.length === 1 && n.arguments[0]!.type !== 'SpreadElement') n = unwrap(n.arguments[0]!);
    while (n.type === 'MemberExpression') n = unwrap(n.object);
    return n.type === 'Identifier' ? variableOf(model.context.scopeManager, n) : undefined;
  };
  const rootA = rootOf(a.loop);
  if (rootA !== rootOf(b.loop) || (rootA === undefined && add.frame.thisOwner !== r.frame.thisOwner)) return false;
  if (add.eventKey === r.eventKey) return true;
  const ea = add.call.arguments[0] && loopBinding(unwrap(add.call.arguments[0]), model);
  const eb = r.call.arguments[0] && loopBinding(unwrap(r.call.arguments[0]), model);
  return !!ea && !!eb && ea.loop === a.loop && eb.loop === b.loop && ea.index === eb.index;
}

/**
 * The remove-then-add idiom defeated by a fresh function: `const stopProxy = () => ...;
 * process.off('exit', stopProxy); process.on('exit', stopProxy)` in one function (gemini-cli's
 * `start_sandbox`, fixed upstream in b1a50a58). The handler is a function made by this very call (a
 * local of the registering function bound to an arrow or function expression, or a function declared
 * in it), so the removal before the add can only meet this call's function, which is not registered
 * yet: each call leaves its listener behind. Returns that removal, unless the same function also removes
 * the handler after the add (a real cleanup). Held-out recall, session 8. O(removals).
 */
function noOpRemoval(add: AddSite, model: ListenerModel): RemoveSite | undefined {
  const fn = add.frame.fn;
  if (!fn || add.handler.kind !== 'ref' || !add.target) return undefined;
  const handler = unwrap(add.call.arguments[add.method === 'subscribe' ? 0 : 1] ?? add.call);
  if (handler.type !== 'Identifier') return undefined;
  const def = variableOf(model.context.scopeManager, handler)?.defs[0];
  const made =
    (def?.type === 'Variable' && (def.node as TSESTree.VariableDeclarator).init !== null && isFunction(unwrap((def.node as TSESTree.VariableDeclarator).init!))) ||
    def?.type === 'FunctionName';
  if (!made || enclosingFunction(def!.node) !== fn) return undefined;
  let before: RemoveSite | undefined;
  for (const r of model.removes) {
    if (r.frame.fn !== fn || r.targetKey !== add.target.key || r.eventKey !== add.eventKey || r.handler.key !== add.handler.key) continue;
    if (r.call.range[0] > add.call.range[0]) return undefined;
    before ??= r;
  }
  return before;
}

/**
 * A registration that forwards the caller's event and handler to a target, in a class or module that
 * also forwards the caller's removal to that target: `_subscribeImpl(args) { const [event, listener] =
 * norm(args); this.subscriptions.on(event, listener) }` with `unsubscribe(...args) { const [event,
 * listener] = norm(args); this.subscriptions.off(event, listener) }` (ably-js' channels and presence).
 * The two functions name the handler differently, but both pass through what their callers hand them:
 * the API pairs them and its callers own the matching. The event must be passed through too, or be the
 * same constant on both sides. Fresh review 3.
 */
function forwardsCallerPair(add: AddSite, r: RemoveSite, model: ListenerModel): boolean {
  const addArgs = add.call.arguments;
  const removeArgs = r.call.arguments;
  if (!fromCaller(addArgs[1], model) || !fromCaller(removeArgs[1], model)) return false;
  if (add.eventKey !== '' && add.eventKey === r.eventKey) return true;
  return fromCaller(addArgs[0], model) && fromCaller(removeArgs[0], model);
}

/**
 * The function that registers returns its own disposer: a function written in a `return` (`return () =>
 * listeners.forEach(({ event, fn }) => emitter.off(event, fn))`) that removes from the same target. The
 * caller receives the unsubscribe, as with a returned `subscribe()` result (genkit's
 * `RuntimeManager.onRuntimeEvent()`, fourth fresh review). The removal need not name the same handler
 * binding (the disposer removes what the function added), but its event must be the same, or not known
 * before run time on one side; `removeAllListeners()` counts. O(removals x depth).
 */
function returnsDisposer(add: AddSite, removals: readonly RemoveSite[], removeMethods: ReadonlySet<string>): boolean {
  for (const r of removals) {
    if (!removeMethods.has(r.method) && r.method !== 'removeAllListeners') continue;
    // the same event, or an event only known at run time on either side (`off(event, fn)` over a list)
    const sameEvent = r.eventKey === undefined || r.eventKey === add.eventKey || r.eventKey.startsWith('?') || add.eventKey.startsWith('?');
    if (!sameEvent) continue;
    for (let n: TSESTree.Node | undefined = r.call.parent; n; n = n.parent) {
      if (!isFunction(n) || n.parent?.type !== 'ReturnStatement') continue;
      let outer: TSESTree.Node | undefined = n.parent.parent;
      while (outer && !isFunction(outer)) outer = outer.parent;
      if (outer && outer.range[0] <= add.call.range[0] && add.call.range[1] <= outer.range[1]) return true;
    }
  }
  return false;
}

/** Events a stream, socket or child process emits once, when it ends. */
const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['close', 'end', 'finish', 'exit']);
/** Calls that end a stream, socket, worker or process. */
const ENDING_METHODS: ReadonlySet<string> = new Set(['end', 'destroy', 'close', 'terminate']);

/**
 * A handler for the target's own ending event (`close`, `end`, `finish`, `exit`) registered right before
 * the same function ends that target: `stream.on('close', () => clearTimeout(t)); stream.end();`
 * (ioredis' `AbstractConnector.disconnect()`). It fires once, when the target it was added to ends, and
 * goes with it; the next call works on the next stream. Looks at the statements after the registration
 * in its block (`x.end()`, `await x.close()`, `x?.destroy()`), matched by the whole member chain.
 * O(statements of the block). Fresh review 3.
 */
function endsTargetRightAfter(add: AddSite, t: NonNullable<AddSite['target']>, model: ListenerModel): boolean {
  if (!TERMINAL_EVENTS.has(add.eventKey) || add.handler.kind === 'none') return false;
  let statement: TSESTree.Node = add.call;
  while (statement.parent && statement.parent.type !== 'BlockStatement' && statement.parent.type !== 'Program') {
    if (isFunction(statement.parent)) return false;
    statement = statement.parent;
  }
  const block = statement.parent;
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
  const body = block.body as readonly TSESTree.Node[];
  for (let i = body.indexOf(statement) + 1; i < body.length; i++) {
    const next = body[i]!;
    if (next.type !== 'ExpressionStatement') continue;
    let call = unwrap(next.expression);
    if (call.type === 'AwaitExpression') call = unwrap(call.argument);
    if (call.type === 'ChainExpression') call = unwrap(call.expression);
    if (call.type !== 'CallExpression' || call.arguments.length > 2) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || !ENDING_METHODS.has(propertyName(callee) ?? '')) continue;
    if (model.chainAt(callee.object, add.frame.thisOwner)?.key === t.key) return true;
  }
  return false;
}

/**
 * Whether `removeAllListeners(build(ns, name))` in a loop over a list of names removes the events the
 * add builds with the same function (`ipcMain.on(getIPCChannelName(namespace, 'addEventHandler'), ...)`
 * and, at close, `AllSyncChannels.forEach((channel) => ipcMain.removeAllListeners(getIPCChannelName(ns,
 * channel)))`: LaunchDarkly's Electron client, 18 findings of fresh review 18). The event names are
 * computed by one builder on both sides and the removal varies the loop variable (of `for...of` or of a
 * `forEach` callback), so it clears every channel the list names. The list itself is not resolved (it is
 * usually imported). O(arguments).
 */
function removesEachBuiltEvent(r: RemoveSite, add: AddSite, model: ListenerModel): boolean {
  const removed = r.call.arguments[0] && unwrap(r.call.arguments[0]);
  const added = add.call.arguments[0] && unwrap(add.call.arguments[0]);
  if (removed?.type !== 'CallExpression' || added?.type !== 'CallExpression') return false;
  if (textOf(model.context.text, removed.callee) !== textOf(model.context.text, added.callee)) return false;
  return removed.arguments.some((argument) => {
    const id = unwrap(argument);
    return id.type === 'Identifier' && iteratedList(variableOf(model.context.scopeManager, id)?.defs[0], FOR_EACH) !== undefined;
  });
}

/**
 * Whether the class's teardown shows that the field target `t` outlives the instance: `t` is handed to
 * the constructor (a parameter, a parameter property, or a member of one: `this.channel = channel`,
 * `constructor(private bus: Bus)`), the teardown removes listeners for the same event from another field
 * handed in the same way, and nothing in the class ends `t` itself (`close()`, `destroy()`, ...).
 * mediasoup shipped this: each `Consumer` listened under its own id on the worker's shared `_channel`
 * and `_payloadChannel`, and `close()` only ran `this._channel.removeAllListeners(id)`. The event must be
 * the same: a wrapper that removes its `'broadcast'` listener from an injected hub but not its
 * `'message'` listener from the socket it was handed keeps the socket's listeners with the socket. A
 * field the class creates (`this.socket = new WebSocket(url)`) dies with the instance whatever the
 * teardown removes. O(members + removals of the class).
 */
function leftBehindAtTeardown(add: AddSite, t: NonNullable<AddSite['target']>, cls: ClassInfo, model: ListenerModel, options: ResolvedListenerOptions): boolean {
  if (t.path.length !== 1) return false;
  const teardown = teardownOf(cls, options.teardownMethods);
  if (!teardown) return false;
  const injected = injectedFields(cls);
  if (!injected.has(t.path[0]!) || model.cleared.has(t.key)) return false;
  const prefix = `${cls.id}:this.`;
  return model.removes.some((r) => {
    if (r.frame.member !== teardown || r.targetKey === t.key || !r.targetKey.startsWith(prefix) || r.eventKey !== add.eventKey) return false;
    const field = r.targetKey.slice(prefix.length);
    return injected.has(field) && !model.cleared.has(r.targetKey);
  }) && !endedInClass(add, t, cls, model);
}

const injectedFieldsOf = new WeakMap<ClassInfo, ReadonlySet<string>>();

/** Names of the fields a class's constructor takes from its parameters (see {@link leftBehindAtTeardown}); computed once per class. */
function injectedFields(cls: ClassInfo): ReadonlySet<string> {
  let fields = injectedFieldsOf.get(cls);
  if (!fields) injectedFieldsOf.set(cls, (fields = collectInjectedFields(cls)));
  return fields;
}

function collectInjectedFields(cls: ClassInfo): Set<string> {
  const fields = new Set<string>();
  const ctor = cls.members.find((m) => m.kind === 'constructor');
  const fn = ctor?.node.type === 'MethodDefinition' ? ctor.node.value : undefined;
  if (!fn) return fields;
  const params = new Set<string>();
  for (const p of fn.params) {
    if (p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier') fields.add(p.parameter.name);
    const id = p.type === 'TSParameterProperty' ? p.parameter : p.type === 'AssignmentPattern' ? p.left : p;
    if (id.type === 'Identifier') params.add(id.name);
    // `constructor({ channel, payloadChannel }: Options)`: every destructured name is a parameter
    if (id.type === 'ObjectPattern') {
      for (const property of id.properties) {
        const value = property.type === 'Property' ? (property.value.type === 'AssignmentPattern' ? property.value.left : property.value) : undefined;
        if (value?.type === 'Identifier') params.add(value.name);
      }
    }
  }
  for (const statement of fn.body?.body ?? []) {
    if (statement.type !== 'ExpressionStatement') continue;
    const e = unwrap(statement.expression);
    if (e.type !== 'AssignmentExpression' || e.operator !== '=' || e.left.type !== 'MemberExpression' || e.left.object.type !== 'ThisExpression') continue;
    const name = propertyName(e.left);
    let root = unwrap(e.right);
    while (root.type === 'MemberExpression') root = unwrap(root.object);
    if (name !== undefined && root.type === 'Identifier' && params.has(root.name)) fields.add(name);
  }
  return fields;
}

/** A call anywhere in the class that ends the target itself (`this.channel.close()`, `.destroy()`, `.dispose()`, ...). */
function endedInClass(add: AddSite, t: NonNullable<AddSite['target']>, cls: ClassInfo, model: ListenerModel): boolean {
  let found = false;
  walk(cls.node.body, (node) => {
    if (found || node.type !== 'CallExpression') return;
    const callee = unwrap(node.callee);
    if (callee.type !== 'MemberExpression') return;
    const method = propertyName(callee) ?? '';
    if ((ENDING_METHODS.has(method) || method === 'dispose' || method === 'disconnect') && model.chainAt(callee.object, add.frame.thisOwner)?.key === t.key) found = true;
  });
  return found;
}

/** Whether the class around the registration removes listeners for its event from the same target somewhere. */
function removedByItsClass(add: AddSite, model: ListenerModel): boolean {
  const cls = add.frame.thisClass;
  return cls !== null && model.removes.some((r) => r.frame.thisClass === cls && r.targetKey === add.target?.key && (r.eventKey === undefined || r.eventKey === add.eventKey));
}

function inLoopOrHandler(frame: Frame): boolean {
  for (let f: Frame | null = frame; f; f = f.parent) if (f.loopDepth > 0 || f.handlerOf) return true;
  return false;
}

/** Targets of the page-load events. */
const PAGE_TARGETS: ReadonlySet<string> = new Set(['window', 'document', 'self', 'globalThis']);

/**
 * A page-load listener (`DOMContentLoaded`, `load` on `window` or `document`) added in a branch of a
 * test of `document.readyState`: `if (document.readyState === 'loading') window.addEventListener(
 * 'DOMContentLoaded', fn); else fn();`. Only calls made before the page has loaded register, the event
 * fires once soon after, and later calls take the other branch: the number of listeners is bounded by
 * the calls made while the page loads (firebase's emulator banner and `executeWhenDOMReady`; fresh review
 * 13). O(depth of the add in its function).
 */
function whilePageLoads(add: AddSite, t: NonNullable<AddSite['target']>): boolean {
  if (!PAGE_LOAD_EVENTS.has(add.eventKey) || !PAGE_TARGETS.has(t.text)) return false;
  for (let child: TSESTree.Node = add.call, n: TSESTree.Node | undefined = add.call.parent; n && !isFunction(n); child = n, n = n.parent) {
    if ((n.type === 'IfStatement' || n.type === 'ConditionalExpression') && n.test !== child && mentionsReadyState(n.test)) return true;
  }
  return false;
}

/** Events a connection fires when it opens, and the failures that end a wait for it. */
const OPENING_EVENTS: ReadonlySet<string> = new Set(['open', 'connect', 'ready']);
const OPENING_FAILURES: ReadonlySet<string> = new Set(['error', 'close']);

/**
 * A wait for the target to open: the add sits in the executor of a `new Promise` that adds an `open`
 * (`connect`, `ready`) listener to the target, with its `error` or `close` companions, and the
 * function around the promise returns early when the target's `readyState` says it is open
 * (`if (this.socket.readyState === WebSocket.OPEN) return this.socket; return new Promise((resolve,
 * reject) => { this.socket.addEventListener('open', () => resolve(this.socket)); this.socket
 * .addEventListener('error', reject) })`: the `waitForOpen()` of every Fern-generated websocket client,
 * deepgram's and Hume's, and Hume's `tillSocketOpen()`; fresh review 15). Only calls made while the
 * connection opens register, like {@link whilePageLoads} for the page: the listeners are bounded by the
 * waits for one opening, not by the traffic. A `message` listener added per call is not a wait for
 * opening and stays reported. O(statements before the promise + adds of the executor).
 */
function whileOpening(add: AddSite, t: NonNullable<AddSite['target']>, model: ListenerModel): boolean {
  const executor = add.frame.fn;
  if (!executor || add.frame.loopDepth > 0 || !isPromiseExecutor(executor)) return false;
  if (!OPENING_EVENTS.has(add.eventKey) && !OPENING_FAILURES.has(add.eventKey)) return false;
  if (!model.adds.some((other) => other.frame.fn === executor && other.target?.key === t.key && OPENING_EVENTS.has(other.eventKey))) return false;
  // The statement that holds the `new Promise`, in the body of the function around it.
  let statement: TSESTree.Node | undefined = executor.parent;
  while (statement?.parent && statement.parent.type !== 'BlockStatement') {
    if (isFunction(statement.parent)) return false;
    statement = statement.parent;
  }
  const block = statement?.parent;
  if (block?.type !== 'BlockStatement' || !block.parent || !isFunction(block.parent)) return false;
  for (const earlier of block.body) {
    if (earlier === statement) return false;
    if (returnsEarly(earlier) && mentionsReadyState(earlier.test, (object) => model.chainAt(object, add.frame.thisOwner)?.key === t.key)) return true;
  }
  return false;
}

/**
 * Whether an expression reads `<x>.readyState` (a member named `readyState`, anywhere in it), of an `x`
 * that `of` accepts when given (any `x` otherwise).
 */
function mentionsReadyState(test: TSESTree.Node, of?: (object: TSESTree.Expression) => boolean): boolean {
  let found = false;
  walk(test, (n) => {
    if (!found && n.type === 'MemberExpression' && propertyName(n) === 'readyState') found = !of || of(n.object);
  });
  return found;
}

/**
 * The executor of a `new Promise` that reads one stream to its end: it adds a `data` listener and an
 * `end` (`close`, `finish`) listener to the same target, which is not a global or module binding
 * (`return new Promise((resolve, reject) => { stream.on('data', (c) => chunks.push(c)); stream.on('end',
 * () => resolve(Buffer.concat(chunks))); stream.on('error', reject) })`: pubnub's file object, whose
 * readable is its own field; fresh review 14). The stream ends once and its listeners go with it. A
 * shared stream (`process.stdin`, a module's socket) is judged on its own. O(registrations of the file).
 */
function readsToEnd(add: AddSite, model: ListenerModel): boolean {
  const t = add.target;
  const fn = add.frame.fn;
  if (!t || t.root === 'global' || t.root === 'module' || add.frame.loopDepth > 0 || !fn) return false;
  if (!isPromiseExecutor(fn)) return false;
  let data = false;
  let end = false;
  for (const other of model.adds) {
    if (other.frame.fn !== fn || other.target?.key !== t.key) continue;
    if (other.eventKey === 'data') data = true;
    else if (STREAM_END_EVENTS.has(other.eventKey)) end = true;
  }
  return data && end;
}

/**
 * The add runs directly in a function declaration, not exported and not a method, that the file only
 * calls behind once gates: `function attachEventHandlers() { autoUpdater.on(...) }`, called only after
 * `if (initialized) return; initialized = true` (electric's desktop updater; fresh review 14). The gate
 * of the caller holds for the callee, as {@link AddSite.onceGuarded} does for the add itself.
 */
function gatedByCallers(frame: Frame, model: ListenerModel): boolean {
  const fn = frame.fn;
  if (fn?.type !== 'FunctionDeclaration' || frame.member || frame.loopDepth > 0 || frame.handlerOf) return false;
  if (fn.parent?.type === 'ExportNamedDeclaration' || fn.parent?.type === 'ExportDefaultDeclaration') return false;
  return model.callsOnceGuarded(fn);
}

function evaluate(
  add: AddSite,
  model: ListenerModel,
  options: ResolvedListenerOptions,
  removesByTarget: Map<string, RemoveSite[]>,
  addsByHandler: Map<string, AddSite[]>,
  style: Style,
  taken: Set<string>,
): Finding | undefined {
  const t = add.target;
  if (!t) return undefined; // a fresh object (`fs.createReadStream(p).on(...)`): the listener dies with it
  if (add.once && !options.checkOnce) return undefined;
  if (options.ignoreTargets.some((re) => re.test(t.text))) return undefined;
  // a test double's listeners live as long as the test (convex agent's `MockLanguageModel`)
  if (add.frame.thisClass?.name && TEST_DOUBLE.test(add.frame.thisClass.name)) return undefined;
  if (whilePageLoads(add, t) || whileOpening(add, t, model)) return undefined;
  // `const stop = () => ...; process.off('exit', stop); process.on('exit', stop)`: the removal never
  // finds an earlier call's function. The author expects repeated calls, so no run-once exemption applies.
  const noOp = noOpRemoval(add, model);
  if (noOp) {
    const why = `runs before the add and removes the \`${add.handler.text}\` made by this call, never the one an earlier call added`;
    return report(add, 'mismatchedRemoval', { line: lineOf(model.context.text, noOp.call.range[0]), why }, model, options, style, taken, true, false);
  }
  const frame = add.frame;
  if (runsAtModuleLoad(frame)) return undefined; // module top level or a module-level IIFE: runs once
  if (readsToEnd(add, model)) return undefined;
  if (add.signal || add.resultKept || add.countGuarded || add.onceGuarded || gatedByCallers(frame, model)) return undefined;
  // inside an `on()`/`addListener()`/`subscribe()` of its own: an emitter that forwards registrations to
  // an inner target (an EventTarget-backed EventEmitter shim); its callers remove through its `off()`
  const fnName = frame.member?.name.replace(/^#/u, '') ?? frame.name;
  if (options.addMethods.has(fnName)) return undefined;
  // `onServerAdded(callback) { this.emitter.on('server-added', callback) }`: a listener API of its own
  // a setter (`set changed(cb) { this.emitter.on('added', () => cb('added')) }`) is assigned like a property
  if (REGISTRATION_API.test(fnName) || (frame.member?.node.type === 'MethodDefinition' && frame.member.node.kind === 'set')) {
    const handler = add.call.arguments[add.method === 'subscribe' ? 0 : 1];
    if (fromCaller(handler, model) || (t.root === 'this' && wrapsCallerHandler(handler, frame, model))) return undefined;
  }

  if (endsTargetRightAfter(add, t, model)) return undefined;
  const cls = classOf(add, model);
  const facts = model.context.types ? typeFacts(model.context.types, add.targetNode) : undefined;
  if (facts && facts.known && !facts.listenerApi && !add.observer) return undefined;
  let perCall: boolean;
  switch (t.root) {
    case 'this': {
      if (t.path.length === 0) return undefined; // listening to itself
      if (!cls) {
        // `this` of a plain function: an emitter calls it as its handler, with `this` = the emitter
        if (!handlerOfEmitterPerEvent(frame, addsByHandler)) return undefined;
        perCall = true;
        break;
      }
      for (let f: Frame | null = frame; f && f.member === frame.member; f = f.parent) {
        const at = f.freshAssigns?.get(`${cls.id}:this.${t.path[0]}`);
        if (at !== undefined && at < add.call.range[0]) return undefined; // target recreated right here
      }
      // The instance and its field target share a lifetime when the registration runs once per
      // instance (wrapper classes around a socket); observers are kept alive by the observed element.
      // Unless the class's own teardown says otherwise: it removes its listeners from another injected
      // field, so those fields outlive the instance, and this one, injected the same way, is left behind.
      // Or the class tries to remove this very listener with a function made at the removal (`off('result',
      // this.onResult.bind(this))`): the target outlives the instance and the removal never matches
      // (webdriverio's session managers, fixed upstream in dadb94b0; held-out recall, session 13).
      if (
        !add.observer &&
        (runsOncePerInstance(frame, cls) || startsInstance(frame) || endsInstance(frame, options.teardownMethods)) &&
        !leftBehindAtTeardown(add, t, cls, model, options) &&
        (add.handler.kind === 'ref' || !failedRemovalOf(add, cls, model))
      ) {
        return undefined;
      }
      // a field the class replaces during its life (`this.transport = next`): listeners go with the old one
      if (!add.observer && cls.reassigned?.has(t.path[0]!)) return undefined;
      perCall = !runsOncePerInstance(frame, cls);
      break;
    }
    case 'global':
    case 'module':
      // `channel = socket.channel(name); channel.on(...)`: the listeners go with the object made right here
      // also its members (`child = spawn(...); child.stdout.on('data', ...)`): they go with the new object
      if (recreatedBefore(frame, rootKey(t), add.call.range[0])) return undefined;
      // Process lifecycle handlers live as long as the process, unless the class that adds them also
      // removes (or tries to remove) them from `process`: then each instance has its own, and they are
      // judged like any other listener on a global target (y-websocket's provider: `process.on('exit',
      // () => ...)` in the constructor, and a `destroy()` whose `process.off` passes another arrow).
      if (t.text === 'process' && !inLoopOrHandler(frame) && !removedByItsClass(add, model) && eventValues(add, model.context.scopeManager).every(isProcessLifetimeEvent)) return undefined;
      // Reading piped stdin to its end (`stdin.on('data', ...); stdin.on('end', resolve)`): stdin ends once
      // per process, so the function that waits for it completes once.
      if (t.text === 'process.stdin' && model.adds.some((other) => other.target?.key === t.key && (other.eventKey === 'end' || other.eventKey === 'close') && other.frame.fn === frame.fn)) {
        return undefined;
      }
      if (inSetupFunction(frame, model, options.teardownMethods) || endsLifetimeAfter(frame, model) || inCliAction(frame, model)) return undefined;
      if (frame.thisClass && (runsOncePerInstance(frame, frame.thisClass) || startsInstance(frame))) {
        // Once per instance: a leak only when instances end before the process does. A singleton never
        // does; a class without any teardown method is taken as a process-lifetime service.
        // A class this module constructs per call (a factory hands out `new C()`) has many instances
        // all the same, teardown or not (seen: socket.io-cluster-adapter's one adapter per namespace).
        if (frame.thisClass.singleton) return undefined;
        if (!teardownOf(frame.thisClass, options.teardownMethods) && !constructedPerCall(frame.thisClass, model, options.teardownMethods)) return undefined;
      }
      perCall = true;
      break;
    case 'param':
      if (!(/signal$/iu.test(t.path[t.path.length - 1] ?? t.text) || facts?.abortSignal)) return undefined;
      // a parameter of an inline callback (`server.handle(name, async (req, ctx) => ...)`) is an object
      // its caller builds for this one invocation: `ctx.signal` ends with the request it belongs to
      if (isCallbackParameter(t) || isRequestSignal(t)) return undefined;
      perCall = true;
      break;
    default:
      // A local typed as an AbortSignal may be a shared signal taken from elsewhere (`const s = opts.signal`).
      // One made fresh in this function (`const ac = new AbortController(); ac.signal...`, `AbortSignal.timeout(ms)`)
      // gets one listener per object, and the listener dies with it.
      if (facts?.abortSignal && t.root === 'local' && !freshLocal(t)) {
        perCall = true;
        break;
      }
      return undefined;
  }

  if (t.path.length > 0 && inConnectionHandlerOf(add, frame, addsByHandler)) return undefined;

  let removals = removesByTarget.get(t.key) ?? [];
  // `this.transport = transport; this.transport.on(...)`: removals may name the assigned value
  for (let f: Frame | null = frame; f; f = f.parent) {
    const aliasNode = f.aliasAssigns?.get(t.key);
    if (aliasNode) {
      const alias = model.chainAt(aliasNode, f.thisOwner);
      if (alias) removals = [...removals, ...(removesByTarget.get(alias.key) ?? [])];
      break;
    }
  }
  for (const r of removals) {
    if (r.method === 'removeAllListeners' && (r.eventKey === undefined || r.eventKey === add.eventKey || removesEachBuiltEvent(r, add, model))) return undefined;
    // `off('message')` / `off()` without a handler removes every listener of that event (of every event)
    // on component-emitter style targets (socket.io-client); Node and the DOM reject the call instead
    if (options.removeMethods.has(r.method) && r.handler.kind === 'none' && (r.call.arguments.length === 0 || r.eventKey === add.eventKey)) return undefined;
    if (r.method === 'disconnect' || (add.observer && r.method === 'unobserve')) return undefined;
  }
  if (returnsDisposer(add, removals, options.removeMethods)) return undefined;
  if (add.observer && removals.length === 0) {
    return report(add, 'leaked', { missing: `\`${t.text}.disconnect()\`` }, model, options, style, taken, perCall);
  }

  const name = add.method === 'subscribe' ? 'unsubscribe' : REMOVE_FOR[add.method] ?? [...options.removeMethods][0] ?? 'off';
  if (add.method === 'subscribe') {
    if (cls && t.root === 'this' && t.path.length === 1 && completesItself(cls, t.path[0]!, model.context.text)) return undefined;
    // `this.registry.subscribe(name, socket)` with `this.registry.unsubscribe(name, socket)` elsewhere:
    // the target keeps its subscriptions by key and the class removes them through it (deepstream.io)
    if (removals.some((r) => r.method === 'unsubscribe')) return undefined;
    return report(add, perCall ? 'leakedPerCall' : 'leaked', { missing: 'call of the returned `unsubscribe()`' }, model, options, style, taken, perCall);
  }
  if (add.handler.kind !== 'ref') {
    return report(add, 'unremovable', { missing: `\`${name}\`` }, model, options, style, taken, perCall);
  }
  const removeMethods = options.removeMethods;
  const matches = removals.filter((r) => removeMethods.has(r.method) && r.eventKey === add.eventKey && r.handler.key === add.handler.key);
  if (matches.length === 0 && removals.some((r) => removeMethods.has(r.method) && forwardsCallerPair(add, r, model))) return undefined;
  if (matches.length === 0 && removals.some((r) => removeMethods.has(r.method) && removesStoredHandler(add, r, model))) return undefined;
  if (matches.length === 0 && removals.some((r) => removeMethods.has(r.method) && sameLoopedPair(add, r, model))) return undefined;
  if (matches.length === 0) {
    const otherEvent = removals.find(
      (r) =>
        removeMethods.has(r.method) &&
        r.handler.key === add.handler.key &&
        r.eventKey !== add.eventKey &&
        !(addsByHandler.get(add.handler.key) ?? []).some((a) => a.target?.key === t.key && a.eventKey === r.eventKey),
    );
    if (otherEvent) {
      return report(add, 'mismatchedRemoval', { line: lineOf(model.context.text, otherEvent.call.range[0]), why: `removes \`${add.handler.text}\` from ${eventLabel(otherEvent.eventKey ?? '')} instead` }, model, options, style, taken, perCall);
    }
    const newFunction = removals.find((r) => removeMethods.has(r.method) && r.eventKey === add.eventKey && (r.handler.kind === 'bound' || r.handler.kind === 'inline' || r.handler.kind === 'created'));
    if (newFunction) {
      return report(add, 'mismatchedRemoval', { line: lineOf(model.context.text, newFunction.call.range[0]), why: `passes a new function (${newFunction.handler.kind === 'bound' ? '`.bind()` returns a new function each time' : newFunction.handler.text}), not \`${add.handler.text}\`` }, model, options, style, taken, perCall);
    }
    return report(add, perCall ? 'leakedPerCall' : 'leaked', { missing: `\`${name}(${add.eventText ? `${eventSource(add, style)}, ` : ''}${add.handler.text})\`` }, model, options, style, taken, perCall);
  }

  // Every removal runs only on a success path?
  const whens: string[] = [];
  for (const r of matches) {
    const when = conditionOf(r, add, addsByHandler);
    if (when === undefined) return undefined;
    if (when === 'self') {
      if (!options.checkOnce) return undefined; // removes itself when it fires: a hand-written `once`
      continue;
    }
    whens.push(when);
  }
  if (whens.length === 0) return undefined;
  return report(add, 'successPathOnly', { when: [...new Set(whens)].join(' or ') }, model, options, style, taken, perCall, false);
}

/** RxJS operators after which a piped observable completes by itself: `take(n)`, `first()`, `takeUntil(notifier)`, ... */
const COMPLETING_OPERATORS: ReadonlySet<string> = new Set(['take', 'first', 'takeUntil', 'takeWhile']);

/**
 * Whether the observable in the field `name` of `cls` completes by itself, so that every subscription
 * to it ends: each value the class gives the field (initializer or `this.name = ...`) is an
 * `x.pipe(...)` with a completing operator, and a `takeUntil(N)` notifier is fired somewhere in the
 * class (`N.next(`, `N.complete(`). The Angular idiom of rxjs.dev's ScrollSpyService: `this.resizeEvents =
 * fromEvent(window, 'resize').pipe(auditTime(300), takeUntil(this.onStopListening))`, with
 * `this.onStopListening.next()` in `unspy()`. A `takeUntil(this.destroy$)` whose subject nothing fires
 * ends nothing. O(class size), only for a subscription that would otherwise be reported.
 */
function completesItself(cls: ClassInfo, name: string, text: string): boolean {
  const values: TSESTree.Node[] = [];
  walk(cls.node.body, (node) => {
    if (node.type === 'PropertyDefinition' && !node.computed && node.key.type === 'Identifier' && node.key.name === name && node.value) values.push(node.value);
    if (node.type === 'AssignmentExpression' && node.operator === '=') {
      const left = unwrap(node.left);
      if (left.type === 'MemberExpression' && unwrap(left.object).type === 'ThisExpression' && propertyName(left) === name) values.push(node.right);
    }
  });
  if (values.length === 0) return false;
  const classText = text.slice(cls.node.range[0], cls.node.range[1]).replace(/\s+/gu, '');
  return values.every((value) => {
    const call = unwrap(value);
    if (call.type !== 'CallExpression') return false;
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'pipe') return false;
    return call.arguments.some((arg) => {
      if (arg.type !== 'CallExpression' || arg.callee.type !== 'Identifier' || !COMPLETING_OPERATORS.has(arg.callee.name)) return false;
      if (arg.callee.name !== 'takeUntil') return true;
      const notifier = arg.arguments[0];
      if (!notifier || notifier.type === 'SpreadElement') return false;
      const n = text.slice(notifier.range[0], notifier.range[1]).replace(/\s+/gu, '');
      return classText.includes(`${n}.next(`) || classText.includes(`${n}.complete(`);
    });
  });
}

/**
 * When a removal runs, if only on a success path: "when 'finish' fires", "when the try block completes";
 * 'self' when it runs in the listener's own handler; undefined when it runs unconditionally enough.
 */
function conditionOf(r: RemoveSite, add: AddSite, addsByHandler: Map<string, AddSite[]>): string | undefined {
  const triggers = triggersOf(r.frame, add.frame, addsByHandler).filter((a) => a.target?.key === add.target?.key);
  if (triggers.includes(add)) return 'self';
  if (triggers.length > 0) {
    const events = new Set(triggers.map((a) => a.eventKey));
    // the same removal code may also be reached from other events through the same handler binding
    const all = [...events];
    if (all.some((e) => ALWAYS_EVENTS.has(e) || FAILURE_EVENTS.has(e) || !SUCCESS_EVENTS.has(e))) return undefined;
    return `when ${all.map(eventLabel).join(' or ')} fires`;
  }
  if (r.tryBlock && r.frame === add.frame && add.call.range[0] < r.tryBlock.range[0]) {
    return 'when the `try` block completes without throwing';
  }
  return undefined;
}

function eventLabel(key: string): string {
  // `?each:<list>`: the variable of a loop over an event list (see `eachOf` in model.ts)
  if (key.startsWith('?each:')) return `each event of ${eventLabel(`?${key.slice(6)}`)}`;
  return key.startsWith('?') ? `\`${key.slice(key.indexOf(':') + 1)}\`` : `'${key}'`;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function report(
  add: AddSite,
  messageId: 'leaked' | 'leakedPerCall' | 'unremovable' | 'mismatchedRemoval' | 'successPathOnly',
  extra: Record<string, string | number>,
  model: ListenerModel,
  options: ResolvedListenerOptions,
  style: Style,
  taken: Set<string>,
  perCall: boolean,
  rewritable = true,
): Finding {
  const t = add.target!;
  const cls = classOf(add, model);
  const scopeText = cls ? `class ${cls.name}` : 'this module';
  const handlerText =
    add.handler.kind === 'ref' ? `\`${add.handler.text}\`` : add.handler.kind === 'none' ? 'callback' : add.handler.kind === 'bound' ? `\`${add.handler.text}\`` : add.handler.text;
  const data: Record<string, string | number> = {
    target: t.text,
    event: add.observer ? "'observe'" : add.method === 'subscribe' ? "'subscribe'" : registrationEvent(add),
    handler: handlerText,
    fn: whereText(add.frame),
    scope: scopeText,
    kind: add.handler.kind === 'bound' ? 'bound' : add.handler.kind === 'inline' ? 'inline' : 'newly created',
    ...extra,
  };
  let outcome: { rewrite?: Rewrite; skipReason?: string };
  if (!rewritable) outcome = { skipReason: `needs manual cleanup: remove the listener on every path (error, abort, timeout), e.g. in a \`finally\` block` };
  else outcome = rewriteOf(add, model, options, style, taken, perCall);
  return {
    rule: RULE,
    messageId,
    data,
    range: [add.call.range[0], add.call.range[1]],
    name: t.text,
    sites: [[add.call.range[0], add.call.range[1]]],
    ...outcome,
  };
}

/**
 * The text the removal is called on, with its member access: `this.socket.` for a plain registration; for
 * one made through an optional chain (`bus?.on(...)`, `this.ws?.addEventListener(...)`) the chain as
 * written plus `?.` (`bus?.`), since the target may be absent in the teardown too. Undefined when the
 * written chain is an alias of the target (the teardown could not repeat it). O(target length).
 */
function removalReceiver(add: AddSite, t: NonNullable<AddSite['target']>, text: string): string | undefined {
  const callee = unwrap(add.call.callee);
  const optional = outermost(add.call) !== add.call || add.call.optional || (callee.type === 'MemberExpression' && callee.optional);
  if (!optional) return `${t.text}.`;
  const written = text.slice(add.targetNode.range[0], add.targetNode.range[1]);
  return written.replace(/\?\./gu, '.').replace(/!/gu, '') === t.text ? `${written}?.` : undefined;
}

function rewriteOf(
  add: AddSite,
  model: ListenerModel,
  options: ResolvedListenerOptions,
  style: Style,
  taken: Set<string>,
  perCall: boolean,
): { rewrite?: Rewrite; skipReason?: string } {
  const { text } = model.context;
  const t = add.target!;
  const cls = classOf(add, model);
  const names = [...options.teardownMethods].join(', ');
  if (!cls) return { skipReason: `needs manual cleanup: no teardown method (${names}) on a class here; remove the listener where its work ends` };
  const teardown = teardownOf(cls, options.teardownMethods);
  if (!teardown) return { skipReason: `needs manual cleanup: no teardown method (${names}) in ${cls.name}` };
  const tdName = teardown.name.startsWith('Symbol.') ? `[${teardown.name}]` : teardown.name;
  if (add.method === 'subscribe') return { skipReason: `needs manual cleanup: keep the subscription returned by subscribe() and unsubscribe it in ${tdName}()` };
  if (!(t.root === 'this' || t.root === 'global' || t.root === 'module')) {
    return { skipReason: `needs manual cleanup: \`${t.text}\` is not reachable from ${tdName}()` };
  }
  if (perCall && !add.observer && add.method !== 'addEventListener' && !runsOncePerInstance(add.frame, cls)) {
    return { skipReason: `needs manual cleanup: ${whereText(add.frame)} may add this listener many times; remove it where each call's work ends` };
  }
  const member = add.frame.member;
  if (!member) return { skipReason: 'needs manual cleanup: the registration is outside the class members' };
  const receiver = removalReceiver(add, t, text);
  if (receiver === undefined) return { skipReason: `needs manual cleanup: \`${t.text}\` is reached through an optional chain the teardown cannot repeat` };
  const edits: TextEdit[] = [];
  let handlerText = add.handler.text;
  if (add.observer) {
    edits.push(appendToBody(text, teardown.node, teardown.body!, `${receiver}disconnect()${style.semi}`));
    return { rewrite: { transform: 'listener-cleanup', description: `Disconnect \`${t.text}\` in ${tdName}()`, edits, imports: [] } };
  }
  const removeMethod = REMOVE_FOR[add.method];
  if (!removeMethod) return { skipReason: `needs manual cleanup: no known removal method for \`${add.method}\`` };
  if (add.handler.kind === 'ref') {
    const h = unwrap(add.handler.node!);
    let root: TSESTree.Node = h;
    while (root.type === 'MemberExpression') root = unwrap(root.object);
    if (root.type === 'Identifier') {
      const v = findVariable(add.scope, root.name);
      const st = v?.scope.type;
      if (v && v.defs.length > 0 && st !== 'module' && st !== 'global') {
        return { skipReason: `needs manual cleanup: the handler \`${add.handler.text}\` is local to ${whereText(add.frame)}` };
      }
    } else if (root.type !== 'ThisExpression' || add.frame.thisClass !== cls) {
      return { skipReason: 'needs manual cleanup: the handler is not reachable from the teardown method' };
    }
  } else {
    const hoisted = hoist(add, cls, member, model, style, taken);
    if ('skipReason' in hoisted) return hoisted;
    edits.push(...hoisted.edits);
    handlerText = hoisted.handlerText;
  }
  // The class already tries to remove it with a new function (`process.off('exit', () => this.h)` in
  // y-websocket's `destroy()`): that removal gets the hoisted handler, as the project's own fix did.
  const attempt = add.handler.kind === 'ref' ? undefined : failedRemovalOf(add, cls, model);
  if (attempt) {
    const argument = attempt.call.arguments[1]!;
    edits.push({ range: [argument.range[0], argument.range[1]], text: handlerText });
    const where = attempt.frame.member?.name ?? tdName;
    return { rewrite: { transform: 'listener-cleanup', description: `Pass the same handler to the ${registrationEvent(add)} removal from \`${t.text}\` in ${where}()`, edits, imports: [] } };
  }
  const event = eventTextFor(add, style);
  if (event === undefined) return { skipReason: 'needs manual cleanup: the event name is not reachable from the teardown method' };
  const capture = add.capture ? ', true' : '';
  const statement = `${receiver}${removeMethod}(${event}, ${handlerText}${capture})${style.semi}`;
  edits.push(appendToBody(text, teardown.node, teardown.body!, statement));
  return {
    rewrite: {
      transform: 'listener-cleanup',
      description: `Remove the ${registrationEvent(add)} listener from \`${t.text}\` in ${tdName}()`,
      edits,
      imports: [],
    },
  };
}

/**
 * A removal in the class for the registration's target and event that passes a function made at the
 * removal (an inline arrow or a `.bind()`), so it can never match: the place the class meant its removal
 * to happen. Only a plain two-argument call qualifies, so its handler argument can be replaced as it is.
 */
function failedRemovalOf(add: AddSite, cls: ClassInfo, model: ListenerModel): RemoveSite | undefined {
  const t = add.target!;
  return model.removes.find(
    (r) =>
      r.targetKey === t.key &&
      r.eventKey === add.eventKey &&
      (r.handler.kind === 'inline' || r.handler.kind === 'bound') &&
      r.call.arguments.length === 2 &&
      r.frame.thisClass === cls &&
      r.frame.member !== add.frame.member,
  );
}

/**
 * How a message names a registration's event, as {@link eventLabel} does for a key: a known name in
 * quotes (`'message'`, also for a constant that holds it), anything else as the code that computes it, in
 * backticks (`` `RoomEvent.TrackEnded` ``, `` `type` ``), so a variable is never shown as if it were the
 * event's name.
 */
function registrationEvent(add: AddSite): string {
  return add.eventKey.startsWith('?') ? `\`${add.eventText}\`` : `'${add.eventKey}'`;
}

/** The event argument as code for a message's `off(...)` call: quoted when known, else the code that computes it. */
function eventSource(add: AddSite, style: Style): string {
  return add.eventKey.startsWith('?') ? add.eventText : quoted(add.eventKey, style);
}

function eventTextFor(add: AddSite, style: Style): string | undefined {
  const node = add.eventNode;
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'Literal' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)) {
    return add.eventText === undefined ? undefined : quoted(add.eventKey, style);
  }
  if (!add.eventKey.startsWith('?')) {
    // a constant: reuse its name when it is module-level, else its value
    if (n.type === 'Identifier') {
      const v = findVariable(add.scope, n.name);
      if (v && (v.scope.type === 'module' || v.scope.type === 'global')) return n.name;
    }
    return quoted(add.eventKey, style);
  }
  // dynamic event: reachable only if it is a module-level or `this` chain
  let root: TSESTree.Node = n;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type === 'ThisExpression') return add.eventText;
  if (root.type === 'Identifier') {
    const v = findVariable(add.scope, root.name);
    if (!v || v.defs.length === 0 || v.scope.type === 'module' || v.scope.type === 'global') return add.eventText;
  }
  return undefined;
}

/** Moves an inline or bound handler to a named class field so the teardown can pass the same function. */
function hoist(
  add: AddSite,
  cls: ClassInfo,
  member: MemberInfo,
  model: ListenerModel,
  style: Style,
  taken: Set<string>,
): { edits: TextEdit[]; handlerText: string } | { skipReason: string } {
  const { text, scopeManager } = model.context;
  const node = add.handler.node!;
  const h = unwrap(node);
  const t = add.target!;
  const base = `handle${pascal(t.path[t.path.length - 1] ?? t.text)}${pascal(add.eventKey.startsWith('?') ? 'event' : add.eventKey)}`;
  let value: string;
  if (add.handler.kind === 'bound' && h.type === 'CallExpression') {
    const callee = unwrap(h.callee);
    const obj = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    const arg = h.arguments[0] ? unwrap(h.arguments[0]) : undefined;
    let root: TSESTree.Node | undefined = obj;
    while (root?.type === 'MemberExpression') root = unwrap(root.object);
    if (h.arguments.length !== 1 || arg?.type !== 'ThisExpression' || root?.type !== 'ThisExpression') {
      return { skipReason: 'needs manual cleanup: the bound handler uses values of the registering call' };
    }
    value = text.slice(h.range[0], h.range[1]);
  } else if (h.type === 'ArrowFunctionExpression' || h.type === 'FunctionExpression') {
    if (h.type === 'FunctionExpression' && (h.generator || /\b(?:this|arguments)\b|new\.target/u.test(text.slice(h.body.range[0], h.body.range[1])))) {
      return { skipReason: 'needs manual cleanup: the inline handler uses its own `this` or `arguments`' };
    }
    if (style.typescript && h.params.some((p) => !hasTypeAnnotation(p))) {
      return { skipReason: 'needs manual cleanup: the inline handler has parameters without type annotations, so it cannot move to a typed class field' };
    }
    // closure over locals of the registering method?
    const fnScope = scopeManager.acquire(h);
    if (fnScope) {
      const memberRange = member.node.range;
      for (const ref of fnScope.through) {
        const v = ref.resolved;
        if (!v || v.defs.length === 0) continue;
        const block = v.scope.block;
        if (block.range[0] >= memberRange[0] && block.range[1] <= memberRange[1]) {
          return { skipReason: `needs manual cleanup: the inline handler uses \`${v.name}\` of ${member.name}()` };
        }
      }
    }
    const from = indentAt(text, add.call.range[0]);
    const to = indentAt(text, member.node.range[0]);
    if (h.type === 'ArrowFunctionExpression') {
      value = reindent(text.slice(h.range[0], h.range[1]), from, to);
    } else {
      const params = h.params.length > 0 ? text.slice(h.params[0]!.range[0], h.params[h.params.length - 1]!.range[1]) : '';
      const ret = h.returnType ? text.slice(h.returnType.range[0], h.returnType.range[1]) : '';
      value = reindent(`${h.async ? 'async ' : ''}(${params})${ret} => ${text.slice(h.body.range[0], h.body.range[1])}`, from, to);
    }
  } else {
    return { skipReason: 'needs manual cleanup: the handler is created by a call at the registration' };
  }
  const name = freeName(cls, base, taken);
  const decl = style.typescript ? `private readonly ${name} = ${value}${style.semi}` : `${name} = ${value}${style.semi}`;
  return {
    edits: [
      insertBeforeMember(text, member, decl),
      { range: [node.range[0], node.range[1]], text: `this.${name}` },
    ],
    handlerText: `this.${name}`,
  };
}

function hasTypeAnnotation(p: TSESTree.Parameter): boolean {
  if (p.type === 'TSParameterProperty') return true;
  if (p.type === 'AssignmentPattern') return true; // type inferred from the default
  return 'typeAnnotation' in p && p.typeAnnotation != null;
}
