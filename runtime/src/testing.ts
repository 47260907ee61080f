/**
 * `bounded/testing`: assert that code does not grow the heap. Runs a function N times between two
 * forced full garbage collections and reports the bytes retained per iteration; fails when they
 * exceed a bound. Usable from any test runner (vitest, node:test, jest) in a process started with
 * `--expose-gc`; checks that values became collectable with `WeakRef`s.
 *
 * ```ts
 * import { expectBoundedHeap } from 'bounded/testing';
 * await expectBoundedHeap(() => server.handle(request()), { iterations: 2_000, maxBytesPerIteration: 64 });
 * ```
 *
 * Needs a forced GC (`globalThis.gc`): `node --expose-gc`, `NODE_OPTIONS=--expose-gc`, or in vitest 4
 * `test: { execArgv: ['--expose-gc'] }` (vitest 3: `poolOptions: { forks: { execArgv: ['--expose-gc'] } }`).
 * Heap is read from `process.memoryUsage().heapUsed` (Node, Deno, Bun) or `performance.memory`
 * (Chromium; run it with `--js-flags=--expose-gc --enable-precise-memory-info`).
 *
 * Origin: the memory-tracking utility asked for in a streaming-agent leak report (retained bytes per
 * iteration after forced GC, the method used by Node's own leak tests and memlab's heap diffing).
 *
 * @module bounded/testing
 */

const MODULE = 'bounded/testing';

/** Options of {@link measureHeapGrowth} / {@link expectBoundedHeap}. */
export interface HeapGrowthOptions {
  /** Measured runs of `fn` (default 1,000). Positive integer. */
  iterations?: number;
  /** Unmeasured runs first, so caches, JIT and lazy initialisation settle (default `iterations / 10`, at least 10). */
  warmup?: number;
}

/** Options of {@link expectBoundedHeap}. */
export interface BoundedHeapOptions extends HeapGrowthOptions {
  /** Allowed retained heap per measured iteration, in bytes (default 64). */
  maxBytesPerIteration?: number;
}

/** What {@link measureHeapGrowth} found. All sizes in bytes. */
export interface HeapGrowthResult {
  iterations: number;
  warmup: number;
  /** Heap used after warmup and full GCs (lowest of several readings). */
  baselineBytes: number;
  /** Heap used after the measured iterations and a full GC (lowest of several readings). */
  finalBytes: number;
  /** `finalBytes - baselineBytes` (negative when the heap shrank). */
  retainedBytes: number;
  /** `retainedBytes / iterations`. */
  bytesPerIteration: number;
}

const NOT_EXPOSED =
  `${MODULE}: garbage collection is not exposed, so retained heap cannot be measured. ` +
  'Run node with --expose-gc (or NODE_OPTIONS=--expose-gc); in vitest 4 set test.execArgv: [\'--expose-gc\'] ' +
  "(vitest 3: poolOptions.forks.execArgv); in Chromium pass --js-flags=--expose-gc.";

type Gc = () => unknown;

function getGc(): Gc {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') throw new Error(NOT_EXPOSED);
  return gc as Gc;
}

function heapUsed(): number {
  const g = globalThis as {
    process?: { memoryUsage?: () => { heapUsed: number } };
    performance?: { memory?: { usedJSHeapSize: number } };
  };
  if (typeof g.process?.memoryUsage === 'function') return g.process.memoryUsage().heapUsed;
  const memory = g.performance?.memory;
  if (memory !== undefined) return memory.usedJSHeapSize;
  throw new Error(`${MODULE}: no heap measurement in this environment (needs process.memoryUsage or performance.memory)`);
}

const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as { then?: unknown }).then === 'function';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Full GC twice with a macrotask between (lets FinalizationRegistry and WeakRef targets clear). */
async function collect(gc: Gc): Promise<void> {
  gc();
  await tick();
  gc();
}

/** Heap used after three full collections: the lowest reading. */
async function settledHeap(gc: Gc): Promise<number> {
  let lowest = Infinity;
  for (let k = 0; k < 3; k++) {
    await collect(gc);
    lowest = Math.min(lowest, heapUsed());
  }
  return lowest;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${MODULE}: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/**
 * Runs `fn(i)` `warmup` times, forces a full GC and reads the heap, runs it `iterations` more times
 * (awaiting it when it returns a promise), forces a full GC and reads the heap again.
 * @throws Error when GC is not exposed (the message says how to expose it).
 * @throws RangeError when `iterations`/`warmup` are not positive integers.
 */
export async function measureHeapGrowth(fn: (iteration: number) => unknown, options: HeapGrowthOptions = {}): Promise<HeapGrowthResult> {
  const gc = getGc();
  const iterations = positiveInteger('iterations', options.iterations ?? 1000);
  const warmup = options.warmup === 0 ? 0 : positiveInteger('warmup', options.warmup ?? Math.max(10, Math.floor(iterations / 10)));
  for (let i = 0; i < warmup; i++) {
    const r = fn(i);
    if (isThenable(r)) await r;
  }
  // Both readings are the lowest of three full collections, so memory V8 frees late and on its own
  // schedule (flushed bytecode of functions that ran before the measurement, finalizers) is gone from
  // the baseline too instead of showing up as negative growth.
  const baselineBytes = await settledHeap(gc);
  for (let i = 0; i < iterations; i++) {
    const r = fn(warmup + i);
    if (isThenable(r)) await r;
  }
  const finalBytes = await settledHeap(gc);
  const retainedBytes = finalBytes - baselineBytes;
  return { iterations, warmup, baselineBytes, finalBytes, retainedBytes, bytesPerIteration: retainedBytes / iterations };
}

/**
 * Like {@link measureHeapGrowth}, then fails when more than `maxBytesPerIteration` bytes (default 64)
 * per iteration stayed on the heap. Resolves to the measurement.
 * @throws Error `bounded/testing: heap grew by N bytes per iteration ...` when the bound is exceeded.
 */
export async function expectBoundedHeap(fn: (iteration: number) => unknown, options: BoundedHeapOptions = {}): Promise<HeapGrowthResult> {
  const max = options.maxBytesPerIteration ?? 64;
  if (!(max >= 0)) throw new RangeError(`${MODULE}: maxBytesPerIteration must be a number ≥ 0, got ${String(max)}`);
  const result = await measureHeapGrowth(fn, options);
  if (result.bytesPerIteration > max) {
    throw new Error(
      `${MODULE}: heap grew by ${result.bytesPerIteration.toFixed(1)} bytes per iteration ` +
        `(${result.retainedBytes} bytes over ${result.iterations} iterations after ${result.warmup} warmup), ` +
        `more than the allowed ${max}: something the function creates stays reachable`,
    );
  }
  return result;
}

/**
 * Whether the targets of all `refs` were garbage-collected, after up to `attempts` forced full GCs
 * (default 5). Use it to check that removed or evicted values are released:
 * `const ref = new WeakRef(value); map.delete(key); value = undefined; expect(await isCollected([ref])).toBe(true)`.
 * @throws Error when GC is not exposed.
 */
export async function isCollected(refs: readonly WeakRef<object>[], attempts = 5): Promise<boolean> {
  const gc = getGc();
  for (let k = 0; k < attempts; k++) {
    await collect(gc);
    if (refs.every((r) => r.deref() === undefined)) return true;
  }
  return false;
}
