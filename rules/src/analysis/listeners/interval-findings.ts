/**
 * no-leaked-interval: a `setInterval` whose handle is discarded, never passed to `clearInterval`
 * (or `clearTimeout`, which clears intervals too), or overwritten by a new interval without clearing
 * the previous one. Builds the interval-cleanup rewrite. Complexity: O(intervals) with hash lookups.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { Finding, Rewrite, TextEdit } from '../types.js';
import { appendToBody, freeName, indentAt, insertBeforeMember, lineStart, pascal, type Style, lazyStyleOf } from './edits.js';
import { type Chain, propertyName, suffix, unwrap } from './keys.js';
import { type IntervalSite, type ListenerModel, RECORD_HANDLE } from './model.js';
import type { ResolvedIntervalOptions } from './options.js';
import { calledOnceAtLoad, ONCE_FUNCTION, runsOncePerInstance, runsOncePerProcess, teardownOf, whereText } from './shared.js';

const RULE = 'no-leaked-interval';

export function intervalFindings(model: ListenerModel, options: ResolvedIntervalOptions): Finding[] {
  const style = lazyStyleOf(model);
  const taken = new Set<string>();
  const findings: Finding[] = [];
  for (const site of model.intervals) {
    const f = evaluate(site, model, options, style, taken);
    if (f) findings.push(f);
  }
  return findings;
}

function evaluate(site: IntervalSite, model: ListenerModel, options: ResolvedIntervalOptions, style: Style, taken: Set<string>): Finding | undefined {
  const frame = site.frame;
  const topLevel = runsOncePerProcess(frame) || calledOnceAtLoad(frame, model);
  if (topLevel && !options.checkModuleScope) return undefined;
  const where = whereText(frame);
  const h = site.handle;
  if (h.kind === 'escapes') return undefined; // returned, passed on, stored in a structure: its owner clears it
  if (options.ignore.length > 0) {
    const subject = h.kind === 'discarded' ? (frame.member?.name ?? frame.name) : h.chain.text;
    if (options.ignore.some((re) => re.test(subject))) return undefined;
  }
  // a process-lifetime timer started by a setup function outside classes (`initialize()` of a watchdog)
  if (!frame.member && inOnceFunction(frame) && !runsRepeatedly(frame, model)) return undefined;
  if (h.kind === 'discarded') {
    return finding(site, 'discarded', { where, handle: 'setInterval(...)' }, 'setInterval', rewriteDiscarded(site, model, options, style, taken));
  }
  const c = h.chain;
  const cleared = model.cleared.has(c.key) || model.used.has(c.key) || clearedOnRecord(c, model) || clearedByInstance(c, model) || clearedWherePublished(c, site, model);
  if (!cleared && inheritedField(frame, c)) return undefined;
  // A module-level handle started lazily behind a check of itself (`if (sweeper) return; sweeper =
  // setInterval(...)`: chat-ui's MCP client pool) in a module without a teardown function is at most one
  // timer for the life of the process, like a timer at top level, and is decided the same way
  // (`checkModuleScope`). A module with a `stop()` (or another teardown name) has a lifecycle the timer
  // outlives, and stays reported.
  if (
    !cleared &&
    !options.checkModuleScope &&
    c.root === 'module' &&
    c.path.length === 0 &&
    !frame.thisClass &&
    h.assignment.type === 'AssignmentExpression' &&
    (h.guarded || isGuarded(site, c, model)) &&
    moduleTeardown(model, options) === undefined
  ) {
    return undefined;
  }
  if (!cleared) {
    const reArmedAt = model.reArmedOnly.get(c.key);
    if (reArmedAt !== undefined) {
      return finding(site, 'onlyReArmed', { where, handle: c.text, line: reArmedAt }, c.text, rewriteStored(site, c, model, options, style, true));
    }
    return finding(site, 'neverCleared', { where, handle: c.text }, c.text, rewriteStored(site, c, model, options, style, true));
  }
  if (!options.checkOverwrite || h.guarded || topLevel || c.root === 'local' || c.root === 'param') return undefined;
  // Only where the assignment evidently runs again: in a loop or an event handler. A `start()` that
  // callers may call twice is a contract question one file cannot answer (see the rule doc).
  if (!runsRepeatedly(frame, model)) return undefined;
  if (isGuarded(site, c, model)) return undefined;
  return finding(site, 'overwritten', { where, handle: c.text }, c.text, rewriteStored(site, c, model, options, style, false));
}

/** The module's teardown function: a module-level function named in `teardownMethods`, without parameters (`export function stop()`). */
function moduleTeardown(model: ListenerModel, options: ResolvedIntervalOptions): TSESTree.FunctionDeclaration | undefined {
  for (const name of options.teardownMethods) {
    const fn = model.moduleFunctions.get(name);
    if (fn && fn.params.length === 0) return fn;
  }
  return undefined;
}

/** A handle on a local's or parameter's property cleared through another binding of the record ({@link RECORD_HANDLE}). */
function clearedOnRecord(c: Chain, model: ListenerModel): boolean {
  return (c.root === 'local' || c.root === 'param') && c.path.length > 0 && model.cleared.has(RECORD_HANDLE + c.path[c.path.length - 1]!);
}

/**
 * A handle set on a local record that the function then publishes to a longer-lived binding
 * (`const state = { tickInterval: null }; state.tickInterval = setInterval(...); schedulerState =
 * state`, or `this.state = state`): cleared when that binding's member is (`clearInterval(
 * schedulerState.tickInterval)` in `stopScheduler()`). Letta-code's cron scheduler (fresh review 16).
 * O(references of the local).
 */
function clearedWherePublished(c: Chain, site: IntervalSite, model: ListenerModel): boolean {
  if (c.root !== 'local' || c.path.length === 0 || !c.variable) return false;
  const rest = suffix(c.path);
  return c.variable.references.some((ref) => {
    const assignment = ref.identifier.parent;
    if (ref.isWrite() || assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || assignment.right !== ref.identifier) return false;
    const published = model.chainAt(assignment.left, site.frame.thisOwner);
    return published !== undefined && published.root !== 'local' && model.cleared.has(`${published.key}${rest}`);
  });
}

/**
 * A handle set on an instance the function just made (`const manager = new RuntimeManager(...);
 * manager.healthCheckInterval = setInterval(...)` in a static `create()` factory) is the field
 * `this.healthCheckInterval` of that class: cleared when the class clears it (`stop()` calls
 * `clearInterval(this.healthCheckInterval)`). The class must be declared in this file. Fourth fresh
 * review (genkit). O(classes).
 */
function clearedByInstance(c: Chain, model: ListenerModel): boolean {
  if (c.root !== 'local' || c.path.length !== 1 || !c.variable) return false;
  const def = c.variable.defs[0];
  if (c.variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return false;
  const init = unwrap(def.node.init);
  const value = init.type === 'AwaitExpression' ? unwrap(init.argument) : init;
  if (value.type !== 'NewExpression' || value.callee.type !== 'Identifier') return false;
  const className = value.callee.name;
  return model.classes.some((cls) => cls.name === className && model.cleared.has(`${cls.id}:this.${c.path[0]}`));
}

/**
 * A handle kept in a field the class does not declare while it extends another class
 * (`this.monitorInterval = setInterval(...)` in livekit's `LocalAudioTrack extends LocalTrack`, with
 * `monitorInterval` declared and cleared by `Track.stopMonitor()` in another file): the field is the base
 * class's, and so, most likely, is its clean-up, which one file cannot see. Not reported. O(members).
 */
function inheritedField(frame: IntervalSite['frame'], c: Chain): boolean {
  const cls = frame.thisClass;
  if (c.root !== 'this' || c.path.length !== 1 || !cls || !cls.node.superClass) return false;
  const name = c.path[0]!;
  return !cls.members.some((member) => member.name === name);
}

/** Inside a function named like a one-time setup (`setupExitTimer()` and the helpers nested in it). */
function inOnceFunction(frame: IntervalSite['frame']): boolean {
  for (let f: IntervalSite['frame'] | null = frame; f && f.fn; f = f.parent) {
    if (f.member || f.handlerOf) return false;
    if (ONCE_FUNCTION.test(f.name)) return true;
  }
  return false;
}

const handlerKeys = new WeakMap<ListenerModel, Set<string>>();

/** In a loop, an inline event handler, or a function/method registered as an event handler. */
function runsRepeatedly(frame: IntervalSite['frame'], model: ListenerModel): boolean {
  let keys = handlerKeys.get(model);
  if (!keys) {
    keys = new Set(model.adds.filter((a) => a.handler.kind === 'ref' && !a.once).map((a) => a.handler.key));
    handlerKeys.set(model, keys);
  }
  for (let f: IntervalSite['frame'] | null = frame; f; f = f.parent) {
    if (f.loopDepth > 0 || (f.handlerOf && !f.handlerOf.once)) return true;
    if (f.bindingKey && keys.has(f.bindingKey)) return true;
  }
  return false;
}

/** A read of the handle earlier in the same function (a guard `if (this.timer) return`, a clear) counts as care. */
function isGuarded(site: IntervalSite, c: Chain, model: ListenerModel): boolean {
  const fn = site.frame.fn;
  if (!fn) return true;
  const assignAt = (site.handle as { assignment: TSESTree.Node }).assignment.range[0];
  const from = fn.range[0];
  if (c.root === 'this') return readsBefore(fn, c.path, assignAt, (n) => model.chainAt(n, site.frame.thisOwner)?.key === c.key);
  if (c.variable && c.path.length === 0) {
    return c.variable.references.some((r) => r.isRead() && r.identifier.range[0] >= from && r.identifier.range[0] < assignAt);
  }
  return true;
}

/**
 * Whether `this.<path>` is read inside `fn` before `end` (a guard or a clear), written on `this` or,
 * as `sameHandle` decides, on an alias of it (`var node = this; ... clearInterval(node.intervalID)`:
 * node-red's delay node; fresh review 10). Walks only that function's subtree, and only for overwrite
 * candidates.
 */
function readsBefore(fn: TSESTree.Node, path: readonly string[], end: number, sameHandle: (node: TSESTree.MemberExpression) => boolean): boolean {
  const stack: unknown[] = [fn];
  while (stack.length > 0) {
    const n = stack.pop() as TSESTree.Node;
    if (n.range[0] >= end) continue;
    if (n.type === 'MemberExpression' && n.range[1] <= end && (isThisPath(n, path) || (propertyName(n) === path.at(-1) && sameHandle(n)))) return true;
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (const c of v) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c);
      } else if (v && typeof v === 'object' && typeof (v as TSESTree.Node).type === 'string') {
        stack.push(v);
      }
    }
  }
  return false;
}

function isThisPath(node: TSESTree.MemberExpression, path: readonly string[]): boolean {
  let n: TSESTree.Node = node;
  for (let i = path.length - 1; i >= 0; i--) {
    n = unwrap(n);
    if (n.type !== 'MemberExpression' || propertyName(n) !== path[i]) return false;
    n = n.object;
  }
  return unwrap(n).type === 'ThisExpression';
}

function finding(site: IntervalSite, messageId: 'discarded' | 'neverCleared' | 'onlyReArmed' | 'overwritten', data: Record<string, string | number>, name: string, outcome: { rewrite?: Rewrite; skipReason?: string }): Finding {
  const r: [number, number] = [site.call.range[0], site.call.range[1]];
  return { rule: RULE, messageId, data, range: r, name, sites: [r], ...outcome };
}

function skipNoTeardown(model: ListenerModel, site: IntervalSite, options: ResolvedIntervalOptions): { skipReason: string } {
  const names = [...options.teardownMethods].join(', ');
  const cls = site.frame.thisClass;
  return { skipReason: cls ? `needs manual cleanup: no teardown method (${names}) in ${cls.name}` : `needs manual cleanup: no teardown method (${names}) on a class here; clear the interval where its work ends` };
}

function teardownLabel(name: string): string {
  return name.startsWith('Symbol.') ? `[${name}]` : name;
}

/** `setInterval(...)` as a statement in a class member: store it in a new field and clear it in the teardown. */
function rewriteDiscarded(site: IntervalSite, model: ListenerModel, options: ResolvedIntervalOptions, style: Style, taken: Set<string>): { rewrite?: Rewrite; skipReason?: string } {
  const { text } = model.context;
  const cls = site.frame.thisClass;
  const member = site.frame.member;
  const h = site.handle as { kind: 'discarded'; statement: TSESTree.ExpressionStatement | null };
  if (!cls || !member) return skipNoTeardown(model, site, options);
  const teardown = teardownOf(cls, options.teardownMethods);
  if (!teardown?.body) return skipNoTeardown(model, site, options);
  if (!h.statement) return { skipReason: 'needs manual cleanup: the interval handle is dropped inside an expression' };
  const base = member.kind === 'constructor' || member.kind === 'field' ? 'interval' : `${lowerFirst(pascal(member.name.replace(/^(?:start|begin|init|initialize|setup|run|schedule)(?=[A-Z])/u, '')))}Interval`;
  const name = freeName(cls, base, taken);
  const field = `this.${name}`;
  const decl = style.typescript ? `private ${name}: ReturnType<typeof setInterval> | undefined${style.semi}` : `${name} = undefined${style.semi}`;
  const edits: TextEdit[] = [insertBeforeMember(text, member, decl)];
  const stmtStart = h.statement.range[0];
  const once = runsOncePerInstance(site.frame, cls);
  const indent = indentAt(text, stmtStart);
  const onOwnLine = lineStart(text, stmtStart) + indent.length === stmtStart;
  const prefix = once ? '' : `clearInterval(${field})${style.semi}${onOwnLine ? `\n${indent}` : ' '}`;
  edits.push({ range: [stmtStart, stmtStart], text: `${prefix}${field} = ` });
  edits.push(appendToBody(text, teardown.node, teardown.body, `clearInterval(${field})${style.semi}`));
  return { rewrite: { transform: 'interval-cleanup', description: `Store the interval in \`${field}\` and clear it in ${teardownLabel(teardown.name)}()`, edits, imports: [] } };
}

/** A stored handle: clear it in the teardown (never cleared) and/or before re-assigning (overwritten). */
function rewriteStored(site: IntervalSite, c: Chain, model: ListenerModel, options: ResolvedIntervalOptions, style: Style, addToTeardown: boolean): { rewrite?: Rewrite; skipReason?: string } {
  const { text } = model.context;
  const h = site.handle as { kind: 'stored'; assignment: TSESTree.AssignmentExpression | TSESTree.VariableDeclarator | TSESTree.PropertyDefinition; guarded: boolean };
  const edits: TextEdit[] = [];
  const cls = site.frame.thisClass;
  const once = c.root === 'this' && cls ? runsOncePerInstance(site.frame, cls) : site.frame.fn === null;
  const reachable = c.root === 'this' || c.root === 'module' || c.root === 'global';
  if (!reachable) return { skipReason: `needs manual cleanup: the handle \`${c.text}\` is local to ${whereText(site.frame)}; clear it where its work ends` };
  let teardownName = '';
  if (addToTeardown) {
    if (c.root === 'module' && c.path.length === 0) {
      // a module-level handle: clear it in the module's teardown function (`export function stop()`)
      const fn = moduleTeardown(model, options);
      if (!fn) return { skipReason: `needs manual cleanup: no teardown function (${[...options.teardownMethods].join(', ')}) in this module` };
      teardownName = fn.id!.name;
      edits.push(appendToBody(text, fn, fn.body, `clearInterval(${c.text})${style.semi}`));
    } else {
      if (c.root !== 'this' || !cls) return skipNoTeardown(model, site, options);
      const teardown = teardownOf(cls, options.teardownMethods);
      if (!teardown?.body) return skipNoTeardown(model, site, options);
      teardownName = teardownLabel(teardown.name);
      edits.push(appendToBody(text, teardown.node, teardown.body, `clearInterval(${c.text})${style.semi}`));
    }
  }
  if (!once && !h.guarded && h.assignment.type === 'AssignmentExpression' && site.frame.fn && !isGuarded(site, c, model)) {
    const stmt = model.statementOf.get(h.assignment);
    if (!stmt) return { skipReason: 'needs manual cleanup: the handle is assigned inside an expression' };
    const indent = indentAt(text, stmt.range[0]);
    const onOwnLine = lineStart(text, stmt.range[0]) + indent.length === stmt.range[0];
    // the handle as the assignment writes it: `node.intervalID` in a callback where `this` is not the node
    const handle = text.slice(h.assignment.left.range[0], h.assignment.left.range[1]);
    edits.push({ range: [stmt.range[0], stmt.range[0]], text: `clearInterval(${handle})${style.semi}${onOwnLine ? `\n${indent}` : ' '}` });
  }
  if (edits.length === 0) return { skipReason: 'needs manual cleanup' };
  const description = addToTeardown ? `Clear \`${c.text}\` in ${teardownName}()` : `Clear the previous interval in \`${c.text}\` before starting a new one`;
  return { rewrite: { transform: 'interval-cleanup', description, edits, imports: [] } };
}

function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}
