/**
 * Options of the listener family (no-leaked-listener, no-leaked-interval): their defaults and the
 * normalisation both front ends share (the ESLint rules pass the user's options object, the codemod
 * passes the same object from its config).
 */
import { pathKind, TEST_SETUP_FILE } from '../collections/index.js';

export { TEST_SETUP_FILE };

/** Teardown method names looked up in a class (or as a top-level function of a module). */
export const DEFAULT_TEARDOWN_METHODS: readonly string[] = ['close', 'destroy', 'dispose', 'stop', 'disconnect'];

/** Registration method names (Node EventEmitter, DOM EventTarget, RxJS/Svelte-style `subscribe`). */
export const DEFAULT_ADD_METHODS: readonly string[] = [
  'on',
  'addListener',
  'prependListener',
  'once',
  'prependOnceListener',
  'addEventListener',
  'subscribe',
];

/** Removal method names that take `(event, handler)`. */
export const DEFAULT_REMOVE_METHODS: readonly string[] = ['off', 'removeListener', 'removeEventListener'];

/** Options of `no-leaked-listener`, as the rule's single options object. */
export interface LeakedListenerOptions {
  /** Method names whose body may hold the removal, and where a rewrite adds it. Default {@link DEFAULT_TEARDOWN_METHODS}. */
  readonly teardownMethods?: readonly string[];
  /** Extra registration method names, added to {@link DEFAULT_ADD_METHODS}. */
  readonly addMethods?: readonly string[];
  /** Extra `(event, handler)` removal method names, added to {@link DEFAULT_REMOVE_METHODS}. */
  readonly removeMethods?: readonly string[];
  /** Regular expressions (source text) matched against the target as written (`this.socket`, `process`); a match is never reported. */
  readonly ignoreTargets?: readonly string[];
  /** Also report `once` registrations (and `{ once: true }`), whose event may never fire. Default false. */
  readonly checkOnce?: boolean;
  /** Also report in test files (the collection family's `TEST_FILE`: `*.test.*`, `*.spec.*`, `__tests__/`, `test/`, ...; and test runner setup files, {@link TEST_SETUP_FILE}). Default false. */
  readonly checkTestFiles?: boolean;
}

/** Options of `no-leaked-interval`, as the rule's single options object. */
export interface LeakedIntervalOptions {
  /** Method names whose body may hold the `clearInterval`, and where a rewrite adds it. Default {@link DEFAULT_TEARDOWN_METHODS}. */
  readonly teardownMethods?: readonly string[];
  /** Also report `setInterval` at module top level (a process-lifetime timer; workerd rejects it). Default false. */
  readonly checkModuleScope?: boolean;
  /** Report a field or variable assigned a new interval without clearing the previous one. Default true. */
  readonly checkOverwrite?: boolean;
  /**
   * Regular expressions (no flags) matched against the handle as written (`this.heartbeat`) or, for a
   * discarded handle, the name of the function or method that starts the interval; matches are skipped.
   */
  readonly ignore?: readonly string[];
  /** Also report in test files (the collection family's `TEST_FILE`: `*.test.*`, `*.spec.*`, `__tests__/`, `test/`, ...). Default false. */
  readonly checkTestFiles?: boolean;
}

/** Normalised options of no-leaked-listener (every field present). */
export interface ResolvedListenerOptions {
  readonly teardownMethods: ReadonlySet<string>;
  readonly addMethods: ReadonlySet<string>;
  readonly removeMethods: ReadonlySet<string>;
  readonly ignoreTargets: readonly RegExp[];
  readonly checkOnce: boolean;
}

/** Normalised options of no-leaked-interval (every field present). */
export interface ResolvedIntervalOptions {
  readonly teardownMethods: ReadonlySet<string>;
  readonly checkModuleScope: boolean;
  readonly checkOverwrite: boolean;
  readonly ignore: readonly RegExp[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * `resolve`, with its result shared by equal option objects (ESLint builds a new one for every file, so
 * the defaults, sets and compiled patterns are built once per distinct options, not once per file):
 * the same object as last time answers at once, an equal one (by JSON text) from a table of at most 64.
 * Callers must treat the result as frozen.
 */
function sharedByEqualOptions<T>(resolve: (raw: unknown) => T): (raw: unknown) => T {
  const byText = new Map<string, T>();
  let lastRaw: unknown = null;
  let lastResolved: T | undefined;
  return (raw) => {
    if (raw === lastRaw && lastResolved !== undefined) return lastResolved;
    const key = raw === undefined ? '' : JSON.stringify(raw);
    let resolved = byText.get(key);
    if (resolved === undefined) {
      resolved = resolve(raw);
      if (byText.size < 64) byText.set(key, resolved);
    }
    lastRaw = raw;
    lastResolved = resolved;
    return resolved;
  };
}

/** Fills defaults; unknown or ill-typed fields are ignored (the rule schema rejects them first). Shared by equal options. */
export const resolveListenerOptions: (raw: unknown) => ResolvedListenerOptions = sharedByEqualOptions(resolveListenerOptionsUncached);

function resolveListenerOptionsUncached(raw: unknown): ResolvedListenerOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  const teardown = Array.isArray(o.teardownMethods) ? strings(o.teardownMethods) : DEFAULT_TEARDOWN_METHODS;
  return {
    teardownMethods: new Set(teardown),
    addMethods: new Set([...DEFAULT_ADD_METHODS, ...strings(o.addMethods)]),
    removeMethods: new Set([...DEFAULT_REMOVE_METHODS, ...strings(o.removeMethods)]),
    ignoreTargets: strings(o.ignoreTargets).map((source) => new RegExp(source)),
    checkOnce: o.checkOnce === true,
  };
}

/** Fills defaults; unknown or ill-typed fields are ignored (the rule schema rejects them first). Shared by equal options. */
export const resolveIntervalOptions: (raw: unknown) => ResolvedIntervalOptions = sharedByEqualOptions(resolveIntervalOptionsUncached);

function resolveIntervalOptionsUncached(raw: unknown): ResolvedIntervalOptions {
  const o = (raw ?? {}) as Record<string, unknown>;
  const teardown = Array.isArray(o.teardownMethods) ? strings(o.teardownMethods) : DEFAULT_TEARDOWN_METHODS;
  return {
    teardownMethods: new Set(teardown),
    checkModuleScope: o.checkModuleScope === true,
    checkOverwrite: o.checkOverwrite !== false,
    ignore: strings(o.ignore).map((source) => new RegExp(source)),
  };
}

/**
 * True when a listener-family rule reports nothing in this file: vendored code, or a test file unless
 * the rule's `checkTestFiles` is true (the collection family's `pathKind`, so both families agree on
 * what a test file is). A listener added in a test lives for one test, and a test process for one run.
 * Unlike the collection family, scripts and tool configurations stay in scope: a leaked listener there
 * is rare and cheap to fix. O(filename length).
 */
export function isListenerRuleOutOfScope(filename: string, raw: unknown, cwd?: string): boolean {
  const o = (raw ?? {}) as Record<string, unknown>;
  const kind = pathKind(filename, cwd);
  return (o.checkTestFiles !== true && kind.test) || kind.vendored;
}

