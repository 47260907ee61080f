/**
 * Facts about classes and frames that both rules of the listener family use: the teardown method, and
 * whether code runs once per instance (constructor, field initializer, a private method only the
 * constructor calls) or may run many times.
 */
import type { ClassInfo, Frame, ListenerModel, MemberInfo } from './model.js';

/**
 * Functions with these names run once at startup (`setupPrimary()`, `main()`, `cli()`, `initialize`,
 * `pingWorkerMain`), or wire an object's listeners once (`bindEvents()`, `registerListeners()`), also
 * written as private (`_init_tab_id()` of mixpanel's `MixpanelLib._init`, `#setup()`; fresh review 18).
 */
export const SETUP_FUNCTION = /^[_#]?(?:setup|setUp|init|initialize|main|cli|bootstrap|start|register|install|configure|enable|listen|run|bind)(?:[A-Z_]|$)|(?:Main|Init|Setup|Bootstrap)$/u;

/**
 * Stricter names for timers: a `startMetrics()` that throws its interval handle away can never be
 * stopped and may be called again, so only names that say "once" (`main`, `init`, `setup`, ...) count.
 */
export const ONCE_FUNCTION = /^(?:setup|setUp|init|initialize|main|cli|bootstrap)(?:[A-Z_]|$)|(?:Main|Init|Setup|Bootstrap)$/u;

/**
 * Whether code in `frame` runs once when the module loads: the module top level, or the body of a
 * function called where it is written (an IIFE, `(function () { ... })()`) at module load, outside
 * loops and handlers, or of a process singleton's factory (`singleton('name', () => ...)`) wherever
 * it is written. O(frame depth).
 */
export function runsAtModuleLoad(frame: Frame): boolean {
  for (let f: Frame | null = frame; f; f = f.parent) {
    if ((f.fn === null && f.member === null) || f.processOnce) return f === frame || f.loopDepth === 0;
    if (!f.iife || f.loopDepth > 0 || f.handlerOf || f.member) return false;
  }
  return false;
}

/** Events that fire once per page or process: their handlers run once, like a setup function. */
export const ONCE_EVENTS: ReadonlySet<string> = new Set(['DOMContentLoaded', 'load', 'ready', 'listening', 'bootstrap']);

/**
 * Whether code in `frame` runs once per process: {@link runsAtModuleLoad}, or the body of a handler
 * registered with `once` (or for an event that fires once, {@link ONCE_EVENTS}) by code that itself runs
 * once per process, outside loops (`bot.once('spawn', () => setInterval(...))` at the top of a script:
 * mineflayer's examples; fresh review 13). O(frame depth).
 */
export function runsOncePerProcess(frame: Frame, depth = 0): boolean {
  if (runsAtModuleLoad(frame)) return true;
  const h = frame.handlerOf;
  if (!h || frame.member || frame.loopDepth > 0 || depth > 4 || !(h.once || ONCE_EVENTS.has(h.eventKey))) return false;
  return runsOncePerProcess(h.frame, depth + 1);
}

/**
 * Whether `frame` is the body of a function declaration, neither exported nor a method, that the file
 * calls exactly once (by name), outside loops, from code that runs once per process
 * ({@link runsOncePerProcess}) or from another such function: NodeBB's installer page starts its progress
 * intervals in `checkIfReady()`, called once from the jQuery ready callback (fresh review 13).
 * O(depth × call sites of each name).
 */
export function calledOnceAtLoad(frame: Frame, model: ListenerModel, depth = 0): boolean {
  const fn = frame.fn;
  if (fn?.type !== 'FunctionDeclaration' || frame.member || frame.loopDepth > 0 || depth > 4) return false;
  if (fn.parent?.type === 'ExportNamedDeclaration' || fn.parent?.type === 'ExportDefaultDeclaration') return false;
  const sites = model.calls.get(frame.name);
  if (sites?.length !== 1) return false;
  const site = sites[0]!;
  return runsOncePerProcess(site) || calledOnceAtLoad(site, model, depth + 1);
}

/** The first member of `cls` named in `teardownMethods` (or `[Symbol.dispose]`) with a block body and no required parameter. */
export function teardownOf(cls: ClassInfo, teardownMethods: ReadonlySet<string>): MemberInfo | undefined {
  return cls.members.find(
    (m) =>
      m.body !== undefined &&
      m.kind !== 'constructor' &&
      !hasRequiredParameter(m) &&
      (teardownMethods.has(m.name) || teardownMethods.has(m.name.replace(/^#/u, '')) || m.name === 'Symbol.dispose' || m.name === 'Symbol.asyncDispose'),
  );
}

/** `destroy(shardId)` ends something else than the instance: a teardown takes no required parameter. */
function hasRequiredParameter(member: MemberInfo): boolean {
  const node = member.node;
  const fn =
    node.type === 'MethodDefinition' || node.type === 'TSAbstractMethodDefinition'
      ? node.value
      : node.type === 'PropertyDefinition' && node.value && (node.value.type === 'ArrowFunctionExpression' || node.value.type === 'FunctionExpression')
        ? node.value
        : undefined;
  if (!fn) return false;
  return fn.params.some((p) => p.type === 'Identifier' && !p.optional);
}

/** Whether `frame` belongs to a member that runs once per instance, not inside a loop or an event handler. */
export function runsOncePerInstance(frame: Frame, cls: ClassInfo): boolean {
  const member = frame.member;
  if (!member) return false;
  // a field's initializer runs once, but a function stored in the field runs whenever it is called:
  // like a private method, once per instance only when once-running members alone call it
  // (`private setupHttpUpgrade = () => {...}` called from the constructor; fresh review 3, hocuspocus)
  let storedFunction = false;
  for (let f: Frame | null = frame; member.kind === 'field' && f?.parent && f.member === member; f = f.parent) {
    if (f.parent.member === member && f.fn !== f.parent.fn) storedFunction = true;
  }
  for (let f: Frame | null = frame; f && f.member === member; f = f.parent) {
    if (f.loopDepth > 0) return false;
    if (f.handlerOf) return false; // runs each time that event fires
  }
  return memberRunsOnce(member, cls, 0, storedFunction);
}

/**
 * Whether `member` runs once per instance: the constructor, an initializer or static code; or a private
 * method (or, with `called`, a private field's function) that only once-running members call, or that
 * runs behind a once-flag. O(members x depth), depth at most 3.
 */
function memberRunsOnce(member: MemberInfo, cls: ClassInfo, depth: number, called = false): boolean {
  if (!called && (member.kind === 'constructor' || member.kind === 'field' || member.kind === 'static')) return true;
  if (!member.isPrivate || depth > 3) return false;
  if (cls.callsOnceGuarded(member.name)) return true;
  const callers = cls.thisCalls?.get(member.name);
  if (!callers || callers.size === 0) return false;
  for (const name of callers) {
    const caller = cls.members.find((m) => m.name === name);
    if (!caller || caller === member || !memberRunsOnce(caller, cls, depth + 1)) return false;
  }
  return true;
}

/** How a message names the code that registers: "`start()`", "the constructor of `Hub`", "`handle()`". */
export function whereText(frame: Frame): string {
  const m = frame.member;
  const cls = frame.thisClass ?? frame.lexicalClass;
  if (m && cls) {
    if (m.kind === 'constructor') return `the constructor of \`${cls.name}\``;
    if (m.kind === 'field') return `the initializer of \`${cls.name}.${m.name}\``;
    return `\`${m.name}()\``;
  }
  return frame.name === '<module>' ? 'the module' : `\`${frame.name}()\``;
}
