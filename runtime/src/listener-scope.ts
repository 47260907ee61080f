/// <reference lib="esnext.disposable" preserve="true" />
/**
 * `ListenerScope`: owns listener, observer, subscription and timer registrations and removes them all
 * on `dispose()` / `[Symbol.dispose]()` (so `using scope = new ListenerScope()` works), and exposes an
 * `AbortSignal` that is aborted on dispose. Replaces hand-written pairs of add/remove calls, where a
 * remove with another function (`.bind(this)` twice, an inline arrow), another event name or only on a
 * success path leaks the listener and everything its closure holds.
 *
 * Sources it knows:
 * - EventEmitter-like (`on`/`once` + `off` or `removeListener`): {@link ListenerScope.on}, {@link ListenerScope.once};
 * - EventTarget-like (`addEventListener`/`removeEventListener`): {@link ListenerScope.addEventListener},
 *   removed with `removeEventListener` (not through a `signal` option: on Node 20 a listener added with
 *   `{ signal }` stays reachable from its target after removal or abort; measured with WeakRef + GC);
 * - subscribe-style sources returning an unsubscribe function, `{ unsubscribe() }` or a disposable:
 *   {@link ListenerScope.subscribe}; any teardown: {@link ListenerScope.add};
 * - observers (`observe`/`disconnect`, e.g. MutationObserver, ResizeObserver): {@link ListenerScope.observe};
 * - timers: {@link ListenerScope.setInterval}, {@link ListenerScope.setTimeout}.
 *
 * Bound: the scope holds one record per live registration; records of fired timeouts and `once`
 * listeners, and of registrations removed early through the returned function, are dropped, so a
 * long-lived scope does not grow with registrations that already ended.
 *
 * After dispose, the scope is inert: every registration method is a no-op that does not touch the
 * source (the listener is not added, the timer not started, `subscribe` not called) and returns a no-op
 * remover, exactly like `addEventListener` with an already-aborted signal. Check `disposed` if a late
 * registration is a bug in your code.
 *
 * Complexity: each registration and early removal O(1); `dispose()` O(registrations).
 *
 * Origin of ideas: AbortSignal-based listener removal (DOM `addEventListener({ signal })`, Node
 * `events.on`), RxJS `Subscription.add`, TC39 `DisposableStack` (LIFO teardown, errors aggregated).
 *
 * @module bounded/listener-scope
 */

/**
 * The program's `AbortSignal` type where one is declared (DOM lib, @types/node, workers types), else a
 * minimal shape: the package's declarations then compile in any TypeScript project.
 */
export type ScopeSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : { readonly aborted: boolean; readonly reason: unknown };

/** Removes one registration early; idempotent. */
export type Remove = () => void;

/** What `subscribe`/`add` accept as a teardown. */
export type Teardown = (() => unknown) | { unsubscribe(): unknown } | { dispose(): unknown } | { [Symbol.dispose](): unknown } | null | undefined | void;

/** An EventEmitter-like source (Node `EventEmitter`, many libraries' emitters). */
export interface EmitterLike<E = string | symbol, L = (...args: never[]) => unknown> {
  on(event: E, listener: L): unknown;
  once?(event: E, listener: L): unknown;
  off?(event: E, listener: L): unknown;
  removeListener?(event: E, listener: L): unknown;
}

/**
 * Options of `addEventListener`, declared here so the package's types need no DOM lib (the same shape
 * as the DOM's `AddEventListenerOptions`).
 */
export interface ListenerOptions {
  capture?: boolean;
  once?: boolean;
  passive?: boolean;
  signal?: ScopeSignal;
}

/** An EventTarget-like source (DOM, Node and workerd `EventTarget`, `WebSocket`, `AbortSignal`, ...). */
export interface EventTargetLike<L = unknown> {
  addEventListener(type: string, listener: L, options?: boolean | ListenerOptions): void;
  removeEventListener(type: string, listener: L, options?: boolean | { capture?: boolean }): void;
}

/** An observer with `observe(target, options)` and `disconnect()` (MutationObserver, ResizeObserver, ...). */
export interface ObserverLike<T, O> {
  observe(target: T, options?: O): void;
  disconnect(): void;
  unobserve?(target: T): void;
}

const MODULE = 'bounded/listener-scope';
const DISPOSE: typeof Symbol.dispose = ((Symbol as { dispose?: symbol }).dispose ?? Symbol.for('Symbol.dispose')) as typeof Symbol.dispose;
const noop: Remove = () => {};

function runTeardown(t: Teardown): void {
  if (t === null || t === undefined) return;
  if (typeof t === 'function') t();
  else if (typeof (t as { unsubscribe?: unknown }).unsubscribe === 'function') (t as { unsubscribe(): unknown }).unsubscribe();
  else if (typeof (t as { dispose?: unknown }).dispose === 'function') (t as { dispose(): unknown }).dispose();
  else if (typeof (t as { [DISPOSE]?: unknown })[DISPOSE] === 'function') (t as { [DISPOSE](): unknown })[DISPOSE]();
  else throw new TypeError(`${MODULE}: a teardown must be a function, { unsubscribe() }, { dispose() } or a disposable`);
}

/** A set of registrations removed together on dispose. */
export class ListenerScope {
  readonly #controller = new AbortController();
  /** Live registrations' teardowns, in registration order (disposed in reverse). */
  #records = new Set<() => void>();
  #disposed = false;

  /** Aborted when the scope is disposed; pass it to `fetch`, `addEventListener`, `events.on`, streams... */
  get signal(): ScopeSignal {
    return this.#controller.signal as ScopeSignal;
  }

  /** Whether `dispose()` has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Number of live registrations held (entries). */
  get size(): number {
    return this.#records.size;
  }

  /** Records a teardown; returns its early remover (runs the teardown once and forgets it). */
  #track(teardown: () => void): Remove {
    const records = this.#records;
    let done = false;
    const record = (): void => {
      if (done) return;
      done = true;
      records.delete(record);
      teardown();
    };
    records.add(record);
    return record;
  }

  /** Forgets a record without running its teardown (the registration ended by itself). */
  #forget(record: Remove): void {
    this.#records.delete(record);
  }

  /**
   * `emitter.on(event, listener)`, removed with `off` (or `removeListener`) on dispose.
   * @returns a function that removes this listener early.
   * @throws TypeError when the emitter has neither `off` nor `removeListener`.
   */
  on<E, L>(emitter: EmitterLike<E, L>, event: E, listener: L): Remove {
    if (this.#disposed) return noop;
    const off = emitter.off ?? emitter.removeListener;
    if (typeof off !== 'function') throw new TypeError(`${MODULE}: the emitter has neither off() nor removeListener()`);
    emitter.on(event, listener);
    return this.#track(() => {
      off.call(emitter, event, listener);
    });
  }

  /**
   * `emitter.once(event, wrapped)`: the record is dropped when the event fires; removed on dispose
   * otherwise. Uses `on` + self-removal when the emitter has no `once`.
   */
  once<E, L extends (...args: never[]) => unknown>(emitter: EmitterLike<E, L>, event: E, listener: L): Remove {
    if (this.#disposed) return noop;
    const off = emitter.off ?? emitter.removeListener;
    if (typeof off !== 'function') throw new TypeError(`${MODULE}: the emitter has neither off() nor removeListener()`);
    let remove: Remove = noop;
    const scope = this;
    const wrapped = function (this: unknown, ...args: never[]): unknown {
      scope.#forget(remove);
      if (emitter.once === undefined) off.call(emitter, event, wrapped as unknown as L);
      return listener.apply(this, args);
    } as unknown as L;
    if (emitter.once !== undefined) emitter.once(event, wrapped);
    else emitter.on(event, wrapped);
    remove = this.#track(() => {
      off.call(emitter, event, wrapped);
    });
    return remove;
  }

  /**
   * `target.addEventListener(type, listener, options)`, removed with `removeEventListener(type,
   * listener, { capture })` on dispose. The scope does not add its `signal` to the options: on Node 20
   * a listener registered with `{ signal }` stays reachable from the target even after removal or
   * abort. A `once` listener's record is dropped when it fires.
   */
  addEventListener<L>(target: EventTargetLike<L>, type: string, listener: L, options?: boolean | ListenerOptions): Remove {
    if (this.#disposed) return noop;
    const opts: ListenerOptions = typeof options === 'boolean' ? { capture: options } : { ...options };
    const capture = opts.capture === true;
    let registered = listener;
    let remove: Remove = noop;
    if (opts.once === true) {
      const scope = this;
      registered = function (this: unknown, event: unknown): unknown {
        scope.#forget(remove);
        return typeof listener === 'function'
          ? (listener as (e: unknown) => unknown).call(this, event)
          : (listener as { handleEvent(e: unknown): unknown }).handleEvent(event);
      } as unknown as L;
    }
    target.addEventListener(type, registered, opts);
    remove = this.#track(() => {
      target.removeEventListener(type, registered, { capture });
    });
    return remove;
  }

  /**
   * `source.subscribe(...args)`; whatever it returns (an unsubscribe function, `{ unsubscribe() }`,
   * `{ dispose() }` or a disposable) runs on dispose.
   * @throws TypeError when the returned value is none of those.
   */
  subscribe<A extends unknown[]>(source: { subscribe(...args: A): Teardown }, ...args: A): Remove {
    if (this.#disposed) return noop;
    const teardown = source.subscribe(...args);
    if (teardown === null || teardown === undefined) {
      throw new TypeError(`${MODULE}: subscribe() returned ${String(teardown)}, not an unsubscribe function or { unsubscribe() }`);
    }
    checkTeardown(teardown);
    return this.#track(() => runTeardown(teardown));
  }

  /** Runs `teardown` (function, `{ unsubscribe() }`, `{ dispose() }` or a disposable) on dispose. */
  add(teardown: Teardown): Remove {
    if (this.#disposed || teardown === null || teardown === undefined) return noop;
    checkTeardown(teardown);
    return this.#track(() => runTeardown(teardown));
  }

  /**
   * `observer.observe(target, options)`; on dispose the observer is disconnected (early removal uses
   * `unobserve(target)` when the observer has it, `disconnect()` otherwise).
   */
  observe<T, O>(observer: ObserverLike<T, O>, target: T, options?: O): Remove {
    if (this.#disposed) return noop;
    if (options === undefined) observer.observe(target);
    else observer.observe(target, options);
    return this.#track(() => {
      if (typeof observer.unobserve === 'function') observer.unobserve(target);
      else observer.disconnect();
    });
  }

  /** `setInterval(callback, ms, ...args)`, cleared on dispose. `ms` in milliseconds. */
  setInterval<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): Remove {
    if (this.#disposed) return noop;
    const id = globalThis.setInterval(callback as (...a: unknown[]) => void, ms, ...args);
    return this.#track(() => globalThis.clearInterval(id));
  }

  /** `setTimeout(callback, ms, ...args)`, cleared on dispose; the record is dropped when it fires. `ms` in milliseconds. */
  setTimeout<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): Remove {
    if (this.#disposed) return noop;
    let remove: Remove = noop;
    const id = globalThis.setTimeout(
      (...a: unknown[]) => {
        this.#forget(remove);
        callback(...(a as A));
      },
      ms,
      ...args,
    );
    remove = this.#track(() => globalThis.clearTimeout(id));
    return remove;
  }

  /**
   * Removes every registration (last registered first), then aborts `signal`. Idempotent. Every
   * teardown runs even if some throw; then the single error, or an `AggregateError` of all, is thrown.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const records = [...this.#records].reverse();
    this.#records = new Set();
    const errors: unknown[] = [];
    for (const record of records) {
      try {
        record();
      } catch (e) {
        errors.push(e);
      }
    }
    try {
      this.#controller.abort();
    } catch (e) {
      errors.push(e); // an abort listener threw
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${MODULE}: ${errors.length} teardowns failed`);
  }

  /** Same as `dispose()`: lets `using scope = new ListenerScope()` remove everything at block end. */
  [DISPOSE](): void {
    this.dispose();
  }

  get [Symbol.toStringTag](): string {
    return 'ListenerScope';
  }
}

function checkTeardown(t: Teardown): void {
  if (
    typeof t !== 'function' &&
    typeof (t as { unsubscribe?: unknown }).unsubscribe !== 'function' &&
    typeof (t as { dispose?: unknown }).dispose !== 'function' &&
    typeof (t as { [DISPOSE]?: unknown })[DISPOSE] !== 'function'
  ) {
    throw new TypeError(`${MODULE}: a teardown must be a function, { unsubscribe() }, { dispose() } or a disposable`);
  }
}
