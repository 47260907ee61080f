/**
 * `TtlMap<K, V>`: a `Map` bounded by entry count (`max`, LRU eviction), by total size (`maxSize` with
 * `sizeOf`, e.g. bytes) and/or by age (`ttl` in ms, lazy expiry). Assignable to `Map<K, V>`.
 *
 * Bound: at most `max` entries and at most `maxSize` total size. Entries older than `ttl` are never
 * returned; they are removed when touched (`get`, `has`, `peek`, `delete`, `set`), when counting or
 * iterating (`size`, `forEach`, iterators), by a sweep of up to 2 of the oldest stale entries on every
 * insert, and by `purgeStale()`. No timers: workerd rejects timers at module scope and long-lived
 * timers keep processes alive.
 *
 * Layout: one `Map<K, slot>` index; keys and values in arrays indexed by slot; the LRU order and the
 * expiry order as doubly linked lists in `Uint32Array`s (slot 0 is the sentinel of each circular list);
 * expiry times in a `Float64Array`. Freed slots are reused (free list threaded through the LRU links),
 * so a full map allocates nothing in steady state. Storage starts at 16 slots and doubles up to
 * `max`: an empty map with `max: 1e6` holds well under 1 KiB.
 *
 * Complexity: `get`, `set`, `has`, `delete`, `peek`: O(1) amortised (one index lookup; an insert also
 * writes the index). `purgeStale`, `size`: O(stale entries). Iteration, `forEach`, `clear`: O(size).
 *
 * Origin of ideas: lru-cache (slot arrays, typed-array links, free-slot reuse, dispose reasons),
 * @isaacs/ttlcache (expiry order), mnemonist `LRUCache`; the lazy growth and the no-timer design come
 * from the measured cost of preallocation (tens of MiB for lru-cache with max 1e6) and from workerd.
 *
 * @module bounded/ttl-map
 */

/**
 * Why an entry left the map: `'evict'` = pushed out by `max`/`maxSize` (or too large to store);
 * `'expire'` = older than `ttl`; `'delete'` = `delete()`; `'set'` = value replaced by `set()`;
 * `'clear'` = `clear()`.
 */
export type EvictReason = 'evict' | 'expire' | 'delete' | 'set' | 'clear';

/** Options of {@link TtlMap}. At least one of `max`, `maxSize` or `ttl` is required. */
export interface TtlMapOptions<K, V> {
  /** Maximum number of entries; the least recently used entry is evicted beyond it. Positive integer ≤ 2^32 - 2. */
  max?: number;
  /** Time to live in ms, measured from the last `set` (and the last `get` with `updateAgeOnGet`). Positive; `Infinity` = none. */
  ttl?: number;
  /** Maximum total of `sizeOf` over all entries (any unit, e.g. bytes). Positive integer. Requires `sizeOf`. */
  maxSize?: number;
  /** Size of one entry in the unit of `maxSize`; must return a positive finite number. Called once per `set`. */
  sizeOf?: (value: V, key: K) => number;
  /** Restart an entry's `ttl` on every `get` (default false: only `set` restarts it). */
  updateAgeOnGet?: boolean;
  /**
   * Called once for every entry that leaves the map, with the reason, after the map's state is
   * consistent (re-inserting from the callback is safe). When several entries leave in one operation
   * all are delivered; if callbacks throw, the first error is rethrown to the caller after delivery.
   */
  onEvict?: (key: K, value: V, reason: EvictReason) => void;
  /**
   * Clock in ms, called on every operation that needs the time. Default: `Date.now()` read at most
   * once per microtask turn (so time does not advance within one synchronous run, like lru-cache's
   * cached clock, and as workerd's clock does anyway). Inject a manual clock in tests.
   */
  now?: () => number;
}

const MODULE = 'bounded/ttl-map';
const INITIAL_SLOTS = 16; // including the sentinel slot 0
const MAX_SLOTS = 0xffffffff;
/** Entry bound when only `maxSize`/`ttl` are given: the largest value V8 keeps as a small integer. */
const UNBOUNDED = 2 ** 30 - 2;
// Disabled features keep empty typed arrays and no-op callbacks rather than `undefined`/`Infinity`, so
// every TtlMap has the same field representations: mixing configurations in one process then does not
// deprecate hidden classes and deoptimise the hot methods (measured: 2-3x slower `set` without this).
const EMPTY_F64 = new Float64Array(0);
const EMPTY_U32 = new Uint32Array(0);
const noop = (): void => {};
const zero = (): number => 0;
const SWEEP = 2;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Validates the shared options; returns the checked numbers. @internal */
export function checkOptions(module: string, o: {
  max?: number | undefined;
  ttl?: number | undefined;
  maxSize?: number | undefined;
  sizeOf?: unknown;
  onEvict?: unknown;
  now?: unknown;
}): void {
  const { max, ttl, maxSize, sizeOf, onEvict, now } = o;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1 || max > MAX_SLOTS - 1)) {
    throw new RangeError(`${module}: max must be a positive integer ≤ 4294967294, got ${describe(max)}`);
  }
  if (ttl !== undefined && (typeof ttl !== 'number' || !(ttl > 0))) {
    throw new RangeError(`${module}: ttl must be a positive number of ms, got ${describe(ttl)}`);
  }
  if (maxSize !== undefined && (!Number.isSafeInteger(maxSize) || maxSize < 1)) {
    throw new RangeError(`${module}: maxSize must be a positive integer, got ${describe(maxSize)}`);
  }
  if (maxSize !== undefined && typeof sizeOf !== 'function') {
    throw new TypeError(`${module}: maxSize requires a sizeOf(value, key) function`);
  }
  if (sizeOf !== undefined && typeof sizeOf !== 'function') {
    throw new TypeError(`${module}: sizeOf must be a function, got ${typeof sizeOf}`);
  }
  if (onEvict !== undefined && typeof onEvict !== 'function') {
    throw new TypeError(`${module}: onEvict must be a function, got ${typeof onEvict}`);
  }
  if (now !== undefined && typeof now !== 'function') {
    throw new TypeError(`${module}: now must be a function, got ${typeof now}`);
  }
  if (max === undefined && maxSize === undefined && (ttl === undefined || ttl === Infinity)) {
    throw new TypeError(`${module}: at least one of max, maxSize or a finite ttl is required`);
  }
}

declare const queueMicrotask: ((callback: () => void) => void) | undefined;

let cachedNow = -1;
const resetNow = (): void => {
  cachedNow = -1;
};

/**
 * `Date.now()`, read at most once per microtask turn: a clock read costs 60–80 ns here, more than a
 * whole `get`. A queued microtask (not a timer: nothing keeps the process alive) forgets the reading.
 */
function coarseNow(): number {
  if (cachedNow < 0) {
    cachedNow = Date.now();
    (queueMicrotask as (callback: () => void) => void)(resetNow);
  }
  return cachedNow;
}

/** %IteratorPrototype%: gives our iterators `[Symbol.iterator]` and, where the engine has them, iterator helpers. */
const IteratorPrototype: object = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

const KEYS = 0;
const VALUES = 1;
const ENTRIES = 2;
type Kind = typeof KEYS | typeof VALUES | typeof ENTRIES;

// Accessors into TtlMap's private state for the iterator class, assigned in TtlMap's static block.
let prevOf: (map: TtlMap<unknown, unknown>, slot: number) => number;
let keyOf: (map: TtlMap<unknown, unknown>, slot: number) => unknown;
let valueOf: (map: TtlMap<unknown, unknown>, slot: number) => unknown;
let lastOf: (map: TtlMap<unknown, unknown>) => number;

/** A `Map` with LRU eviction beyond `max` entries or `maxSize`, and lazy TTL expiry. */
export class TtlMap<K, V> {
  #index = new Map<K, number>();
  #keys: (K | undefined)[] = [undefined];
  #vals: (V | undefined)[] = [undefined];
  /** LRU list: next[0] = least recently used, prev[0] = most recently used. Also the free list (via next). */
  #next: Uint32Array;
  #prev: Uint32Array;
  /** Physical slots (typed array length), including the sentinel. */
  #cap: number;
  /** Slots handed out so far (high-water mark), excluding the sentinel. */
  #used = 0;
  #free = 0;
  readonly #maxSlots: number;
  readonly #max: number;

  // TTL: expiry times and the expiry-ordered list (enext[0] = first to expire).
  readonly #ttl: number;
  readonly #hasTtl: boolean;
  #exp: Float64Array = EMPTY_F64;
  #enext: Uint32Array = EMPTY_U32;
  #eprev: Uint32Array = EMPTY_U32;
  readonly #updateAgeOnGet: boolean;
  readonly #now: () => number;

  // Size accounting.
  readonly #maxSize: number;
  readonly #hasMaxSize: boolean;
  readonly #sizeOf: (value: V, key: K) => number;
  readonly #hasSizeOf: boolean;
  #sizes: Float64Array = EMPTY_F64;
  #total = 0;

  // Eviction notifications, delivered after each operation.
  readonly #onEvict: (key: K, value: V, reason: EvictReason) => void;
  readonly #hasOnEvict: boolean;
  /** No ttl, sizeOf or onEvict: `get`/`set` take the plain copies. */
  readonly #plain: boolean;
  /** A ttl but no sizeOf or onEvict: `set` takes the ttl copy. */
  readonly #ttlOnly: boolean;
  #qk: K[] = [];
  #qv: V[] = [];
  #qr: EvictReason[] = [];
  #draining = false;

  static {
    prevOf = (map, slot) => map.#prev[slot] as number;
    keyOf = (map, slot) => map.#keys[slot];
    valueOf = (map, slot) => map.#vals[slot];
    lastOf = (map) => {
      map.purgeStale();
      return map.#prev[0] as number;
    };
  }

  /**
   * Keeps one TtlMap alive as long as the class. V8 ends "in-object slack tracking" at the 7th
   * construction and sizes every later instance from the hidden-class chain alive at that moment. A
   * program that creates short-lived maps (one per request or job, collected between uses) can reach
   * that moment with no instance alive: later instances then get no in-object fields, their ~30
   * private fields do not fit fast out-of-object storage, and they fall back to dictionary mode.
   * Measured here: every `get`/`set` 2.5-3x slower from then on. This instance (a few hundred bytes)
   * keeps the chain alive. (A module-level const would not do: V8 drops unreferenced module locals.)
   */
  static #shapeKeeper: unknown = new TtlMap<unknown, unknown>({ max: 1 });

  /**
   * @throws RangeError when `max`/`maxSize` is not a positive integer or `ttl` is not a positive number.
   * @throws TypeError when no bound is given, `maxSize` lacks `sizeOf`, or a callback is not a function.
   */
  constructor(options: TtlMapOptions<K, V>) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`${MODULE}: options must be an object`);
    }
    checkOptions(MODULE, options);
    const { max, ttl, maxSize, sizeOf, updateAgeOnGet = false, onEvict, now } = options;
    this.#max = max ?? UNBOUNDED;
    this.#maxSlots = this.#max + 1;
    this.#cap = Math.min(INITIAL_SLOTS, this.#maxSlots);
    this.#next = new Uint32Array(this.#cap);
    this.#prev = new Uint32Array(this.#cap);
    this.#hasTtl = ttl !== undefined && ttl !== Infinity;
    this.#ttl = this.#hasTtl ? (ttl as number) : 0;
    if (this.#hasTtl) {
      this.#exp = new Float64Array(this.#cap);
      this.#enext = new Uint32Array(this.#cap);
      this.#eprev = new Uint32Array(this.#cap);
    }
    this.#updateAgeOnGet = updateAgeOnGet;
    this.#now = now ?? (typeof queueMicrotask === 'function' ? coarseNow : Date.now);
    this.#hasMaxSize = maxSize !== undefined;
    this.#maxSize = maxSize ?? 0;
    this.#hasSizeOf = sizeOf !== undefined;
    this.#sizeOf = sizeOf ?? zero;
    if (this.#hasSizeOf) this.#sizes = new Float64Array(this.#cap);
    this.#hasOnEvict = onEvict !== undefined;
    this.#onEvict = onEvict ?? noop;
    this.#plain = !this.#hasTtl && !this.#hasSizeOf && !this.#hasOnEvict;
    this.#ttlOnly = this.#hasTtl && !this.#hasSizeOf && !this.#hasOnEvict;
  }

  get [Symbol.toStringTag](): string {
    return 'TtlMap';
  }

  /** Number of live entries (stale entries are purged first). O(stale). */
  get size(): number {
    if (this.#hasTtl) this.purgeStale();
    return this.#index.size;
  }

  /** Sum of `sizeOf` over the entries (0 without `sizeOf`). */
  get totalSize(): number {
    return this.#total;
  }

  /** The value for `key`, marking it most recently used; `undefined` when absent or stale. O(1). */
  get(key: K): V | undefined {
    return this.#hasTtl ? this.#getTtl(key) : this.#getPlain(key);
  }

  // The hot paths come in two copies, chosen per map at construction: a plain one (no ttl, sizeOf or
  // onEvict) and a general one. Each copy keeps its own type feedback, so maps of both kinds in one
  // process do not degrade each other's optimised code (measured: max-only maps ran 2x slower after
  // ttl maps had been used, with a single shared copy).
  #getPlain(key: K): V | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    if ((this.#prev[0] as number) !== i) this.#touch(i);
    return this.#vals[i];
  }

  #getTtl(key: K): V | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    {
      const t = this.#now();
      if ((this.#exp as Float64Array)[i] as number <= t) {
        this.#expire(i);
        return undefined;
      }
      if (this.#updateAgeOnGet) {
        (this.#exp as Float64Array)[i] = t + this.#ttl;
        this.#etouch(i);
      }
    }
    if ((this.#prev[0] as number) !== i) this.#touch(i);
    return this.#vals[i];
  }

  /**
   * The value of `key` (marking it used) if it has a live entry, else sets it to `value` and returns
   * `value` (ESNext `Map#getOrInsert`). O(1).
   */
  getOrInsert(key: K, value: V): V {
    if (this.has(key)) return this.get(key) as V;
    this.set(key, value);
    return value;
  }

  /** Like `getOrInsert`, computing the value with `compute(key)` only when `key` has no live entry. O(1) + compute. */
  getOrInsertComputed(key: K, compute: (key: K) => V): V {
    if (this.has(key)) return this.get(key) as V;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Like `get` without marking the entry used (still removes it when stale). O(1). */
  peek(key: K): V | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    if (this.#hasTtl && ((this.#exp as Float64Array)[i] as number) <= this.#now()) {
      this.#expire(i);
      return undefined;
    }
    return this.#vals[i];
  }

  /** Whether `key` has a live entry (removes it when stale); does not change the LRU order. O(1). */
  has(key: K): boolean {
    const i = this.#index.get(key);
    if (i === undefined) return false;
    if (this.#hasTtl && ((this.#exp as Float64Array)[i] as number) <= this.#now()) {
      this.#expire(i);
      return false;
    }
    return true;
  }

  /**
   * Sets `key` to `value` as the most recently used entry, restarting its `ttl`; evicts the least
   * recently used entries beyond `max`/`maxSize` and sweeps up to 2 stale entries. A value larger than
   * `maxSize` on its own is not stored: it goes straight to `onEvict` (reason `'evict'`) and any
   * previous value of `key` leaves with reason `'set'`. O(1) amortised.
   * @throws RangeError when `sizeOf` returns a non-positive or non-finite number (the map is unchanged).
   */
  set(key: K, value: V): this {
    return this.#plain ? this.#setPlain(key, value) : this.#ttlOnly ? this.#setTtl(key, value) : this.#setAny(key, value);
  }

  /** `set` for maps with a ttl but no sizeOf or onEvict (the common `{ max, ttl }`). */
  #setTtl(key: K, value: V): this {
    const t = this.#now();
    let i = this.#index.get(key);
    if (i !== undefined) {
      if ((this.#exp[i] as number) > t) {
        this.#vals[i] = value;
        if ((this.#prev[0] as number) !== i) this.#touch(i);
        this.#exp[i] = t + this.#ttl;
        this.#etouch(i);
        return this;
      }
      this.#remove(i, 'expire');
    }
    this.#sweep(t);
    if (this.#index.size >= this.#max) {
      // Full: unlink the least recently used slot from both lists and reuse it.
      const next = this.#next;
      const prev = this.#prev;
      i = next[0] as number;
      this.#index.delete(this.#keys[i] as K);
      const n = next[i] as number;
      next[0] = n;
      prev[n] = 0;
      const en = this.#enext;
      const ep = this.#eprev;
      const en1 = en[i] as number;
      const ep1 = ep[i] as number;
      en[ep1] = en1;
      ep[en1] = ep1;
    } else {
      i = this.#alloc();
    }
    this.#index.set(key, i);
    this.#keys[i] = key;
    this.#vals[i] = value;
    const next = this.#next; // #alloc may have grown the arrays
    const prev = this.#prev;
    const last = prev[0] as number;
    next[last] = i;
    prev[i] = last;
    next[i] = 0;
    prev[0] = i;
    this.#exp[i] = t + this.#ttl;
    const en = this.#enext;
    const ep = this.#eprev;
    const elast = ep[0] as number;
    en[elast] = i;
    ep[i] = elast;
    en[i] = 0;
    ep[0] = i;
    return this;
  }

  #setPlain(key: K, value: V): this {
    let i = this.#index.get(key);
    const next = this.#next;
    const prev = this.#prev;
    if (i !== undefined) {
      this.#vals[i] = value;
      if ((prev[0] as number) !== i) this.#touch(i);
      return this;
    }
    if (this.#index.size >= this.#max) {
      // Full: unlink the least recently used slot and reuse it (its key and value are overwritten below).
      i = next[0] as number;
      this.#index.delete(this.#keys[i] as K);
      const n = next[i] as number;
      next[0] = n;
      prev[n] = 0;
    } else {
      i = this.#alloc();
    }
    this.#index.set(key, i);
    this.#keys[i] = key;
    this.#vals[i] = value;
    const tail = this.#prev; // #alloc may have grown the link arrays
    const links = this.#next;
    const last = tail[0] as number;
    links[last] = i;
    tail[i] = last;
    links[i] = 0;
    tail[0] = i;
    return this;
  }

  #setAny(key: K, value: V): this {
    let size = 0;
    if (this.#hasSizeOf) {
      size = this.#sizeOf(value, key);
      if (!(size > 0) || size === Infinity) {
        throw new RangeError(`${MODULE}: sizeOf must return a positive finite number, got ${describe(size)}`);
      }
    }
    const t = this.#hasTtl ? this.#now() : 0;
    let i = this.#index.get(key);
    if (i !== undefined && this.#hasTtl && ((this.#exp as Float64Array)[i] as number) <= t) {
      this.#remove(i, 'expire'); // a stale entry is not replaced: it expired, and `key` is inserted anew
      i = undefined;
    }
    if (i !== undefined) {
      const old = this.#vals[i] as V;
      if (this.#hasMaxSize && size > this.#maxSize) {
        this.#remove(i, 'set');
        this.#notify(key, value, 'evict');
        return this.#flush();
      }
      this.#vals[i] = value;
      if ((this.#prev[0] as number) !== i) this.#touch(i);
      if (this.#hasTtl) {
        (this.#exp as Float64Array)[i] = t + this.#ttl;
        this.#etouch(i);
      }
      if (this.#hasSizeOf) {
        this.#total += size - (this.#sizes[i] as number);
        this.#sizes[i] = size;
      }
      if (old !== value && this.#hasOnEvict) this.#notify(key, old, 'set');
    } else {
      if (this.#hasMaxSize && size > this.#maxSize) {
        this.#notify(key, value, 'evict');
        return this.#flush();
      }
      if (this.#hasTtl) this.#sweep(t);
      if (this.#index.size >= this.#max) {
        // Full: evict the least recently used entry and reuse its slot directly.
        i = this.#next[0] as number;
        this.#remove(i, 'evict');
      }
      i = this.#alloc();
      this.#index.set(key, i);
      this.#keys[i] = key;
      this.#vals[i] = value;
      // Append as most recently used.
      const next = this.#next;
      const prev = this.#prev;
      const last = prev[0] as number;
      next[last] = i;
      prev[i] = last;
      next[i] = 0;
      prev[0] = i;
      if (this.#hasTtl) {
        (this.#exp as Float64Array)[i] = t + this.#ttl;
        const en = this.#enext as Uint32Array;
        const ep = this.#eprev as Uint32Array;
        const elast = ep[0] as number;
        en[elast] = i;
        ep[i] = elast;
        en[i] = 0;
        ep[0] = i;
      }
      if (this.#hasSizeOf) {
        this.#sizes[i] = size;
        this.#total += size;
      }
    }
    if (this.#hasMaxSize && this.#total > this.#maxSize) {
      while (this.#total > this.#maxSize) this.#remove(this.#next[0] as number, 'evict');
    }
    if (this.#qk.length !== 0) this.#flush();
    return this;
  }

  /** Removes `key`; `true` when a live entry was removed (reason `'delete'`), `false` when absent or stale. O(1). */
  delete(key: K): boolean {
    const i = this.#index.get(key);
    if (i === undefined) return false;
    if (this.#hasTtl && ((this.#exp as Float64Array)[i] as number) <= this.#now()) {
      this.#expire(i);
      return false;
    }
    this.#remove(i, 'delete');
    if (this.#qk.length !== 0) this.#flush();
    return true;
  }

  /** Removes every entry (each goes to `onEvict`, reason `'clear'`, least recently used first) and releases the storage. O(size). */
  clear(): void {
    const onEvict = this.#hasOnEvict;
    if (onEvict) {
      for (let i = this.#next[0] as number; i !== 0; i = this.#next[i] as number) {
        this.#qk.push(this.#keys[i] as K);
        this.#qv.push(this.#vals[i] as V);
        this.#qr.push('clear');
      }
    }
    this.#index = new Map<K, number>();
    this.#keys = [undefined];
    this.#vals = [undefined];
    this.#cap = Math.min(INITIAL_SLOTS, this.#maxSlots);
    this.#next = new Uint32Array(this.#cap);
    this.#prev = new Uint32Array(this.#cap);
    if (this.#hasTtl) {
      this.#exp = new Float64Array(this.#cap);
      this.#enext = new Uint32Array(this.#cap);
      this.#eprev = new Uint32Array(this.#cap);
    }
    if (this.#hasSizeOf) this.#sizes = new Float64Array(this.#cap);
    this.#used = 0;
    this.#free = 0;
    this.#total = 0;
    if (onEvict) this.#flush();
  }

  /**
   * Removes every stale entry now (reason `'expire'`). Cost O(stale entries): the expiry list is in
   * expiry order. @returns the number of entries removed.
   */
  purgeStale(): number {
    const n = this.#purge();
    if (this.#qk.length !== 0) this.#flush();
    return n;
  }

  /** Remaining time to live of `key` in ms (`Infinity` without ttl), or 0 when absent or stale. O(1). */
  remainingTtl(key: K): number {
    const i = this.#index.get(key);
    if (i === undefined) return 0;
    if (!this.#hasTtl) return Infinity;
    return Math.max(0, ((this.#exp as Float64Array)[i] as number) - this.#now());
  }

  /** Calls `fn(value, key, map)` for each live entry, most recently used first. O(size). */
  forEach(fn: (value: V, key: K, map: this) => void, thisArg?: unknown): void {
    for (let i = lastOf(this as TtlMap<unknown, unknown>); i !== 0; i = this.#prev[i] as number) {
      fn.call(thisArg, this.#vals[i] as V, this.#keys[i] as K, this);
    }
  }

  /** Entries `[key, value]`, most recently used first (stale entries purged first). */
  entries(): MapIterator<[K, V]> {
    return new TtlMapIterator(this as TtlMap<unknown, unknown>, ENTRIES) as unknown as MapIterator<[K, V]>;
  }

  /** Keys, most recently used first. */
  keys(): MapIterator<K> {
    return new TtlMapIterator(this as TtlMap<unknown, unknown>, KEYS) as unknown as MapIterator<K>;
  }

  /** Values, most recently used first. */
  values(): MapIterator<V> {
    return new TtlMapIterator(this as TtlMap<unknown, unknown>, VALUES) as unknown as MapIterator<V>;
  }

  /** Same as `entries()`. */
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  // ---- internals ----

  #alloc(): number {
    const f = this.#free;
    if (f !== 0) {
      this.#free = this.#next[f] as number;
      return f;
    }
    const i = ++this.#used;
    if (i >= this.#cap) this.#grow();
    return i;
  }

  #grow(): void {
    const cap = Math.min(this.#maxSlots, this.#cap * 2);
    this.#next = grow32(this.#next, cap);
    this.#prev = grow32(this.#prev, cap);
    if (this.#hasTtl) {
      const exp = new Float64Array(cap);
      exp.set(this.#exp as Float64Array);
      this.#exp = exp;
      this.#enext = grow32(this.#enext as Uint32Array, cap);
      this.#eprev = grow32(this.#eprev as Uint32Array, cap);
    }
    if (this.#hasSizeOf) {
      const sizes = new Float64Array(cap);
      sizes.set(this.#sizes);
      this.#sizes = sizes;
    }
    this.#cap = cap;
  }

  /** Moves slot `i` to the most recently used end. */
  #touch(i: number): void {
    const next = this.#next;
    const prev = this.#prev;
    const n = next[i] as number;
    const p = prev[i] as number;
    next[p] = n;
    prev[n] = p;
    const last = prev[0] as number;
    next[last] = i;
    prev[i] = last;
    next[i] = 0;
    prev[0] = i;
  }

  /** Moves slot `i` to the end of the expiry list (its expiry time was just set to the latest). */
  #etouch(i: number): void {
    const next = this.#enext as Uint32Array;
    const prev = this.#eprev as Uint32Array;
    if ((prev[0] as number) === i) return;
    const n = next[i] as number;
    const p = prev[i] as number;
    next[p] = n;
    prev[n] = p;
    const last = prev[0] as number;
    next[last] = i;
    prev[i] = last;
    next[i] = 0;
    prev[0] = i;
  }

  /** Unlinks slot `i`, clears its references, frees it and queues the notification. */
  #remove(i: number, reason: EvictReason): void {
    const key = this.#keys[i] as K;
    const value = this.#vals[i] as V;
    this.#index.delete(key);
    const next = this.#next;
    const prev = this.#prev;
    const n = next[i] as number;
    const p = prev[i] as number;
    next[p] = n;
    prev[n] = p;
    if (this.#hasTtl) {
      const en = this.#enext as Uint32Array;
      const ep = this.#eprev as Uint32Array;
      const en1 = en[i] as number;
      const ep1 = ep[i] as number;
      en[ep1] = en1;
      ep[en1] = ep1;
    }
    if (this.#hasSizeOf) this.#total -= this.#sizes[i] as number;
    this.#keys[i] = undefined;
    this.#vals[i] = undefined;
    next[i] = this.#free;
    this.#free = i;
    if (this.#hasOnEvict) this.#notify(key, value, reason);
  }

  #expire(i: number): void {
    this.#remove(i, 'expire');
    if (this.#qk.length !== 0) this.#flush();
  }

  /** Removes up to SWEEP stale entries from the front of the expiry list. */
  #sweep(t: number): void {
    const exp = this.#exp as Float64Array;
    const en = this.#enext as Uint32Array;
    for (let k = 0; k < SWEEP; k++) {
      const i = en[0] as number;
      if (i === 0 || (exp[i] as number) > t) return;
      this.#remove(i, 'expire');
    }
  }

  /** Removes all stale entries (no delivery); returns how many. */
  #purge(): number {
    if (!this.#hasTtl) return 0;
    const t = this.#now();
    const exp = this.#exp as Float64Array;
    const en = this.#enext as Uint32Array;
    let n = 0;
    for (let i = en[0] as number; i !== 0 && (exp[i] as number) <= t; i = en[0] as number) {
      this.#remove(i, 'expire');
      n++;
    }
    return n;
  }

  #notify(key: K, value: V, reason: EvictReason): void {
    if (!this.#hasOnEvict) return;
    this.#qk.push(key);
    this.#qv.push(value);
    this.#qr.push(reason);
  }

  /** Delivers queued notifications; rethrows the first error after delivering all. */
  #flush(): this {
    if (this.#draining) return this;
    const onEvict = this.#onEvict;
    this.#draining = true;
    let failed = false;
    let error: unknown;
    const qk = this.#qk;
    const qv = this.#qv;
    const qr = this.#qr;
    try {
      for (let j = 0; j < qk.length; j++) {
        const k = qk[j] as K;
        const v = qv[j] as V;
        qk[j] = undefined as K;
        qv[j] = undefined as V;
        try {
          onEvict(k, v, qr[j] as EvictReason);
        } catch (e) {
          if (!failed) {
            failed = true;
            error = e;
          }
        }
      }
    } finally {
      qk.length = 0;
      qv.length = 0;
      qr.length = 0;
      this.#draining = false;
    }
    if (failed) throw error;
    return this;
  }
}

function grow32(a: Uint32Array, cap: number): Uint32Array {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}

/**
 * Iterator over a TtlMap, most recently used first; a small class (faster than a generator). It
 * inherits %IteratorPrototype%, so iterator helpers (`map`, `filter`, `take`, ...) work where the
 * engine has them. Deleting or reading (`get`) the entry just visited is safe; other changes during
 * iteration may skip entries or visit one twice (like most linked-list iterators).
 */
class TtlMapIterator {
  #map: TtlMap<unknown, unknown>;
  #slot: number;
  readonly #kind: Kind;

  constructor(map: TtlMap<unknown, unknown>, kind: Kind) {
    this.#map = map;
    this.#kind = kind;
    this.#slot = -1; // started on the first next(), like Map iterators that see entries added meanwhile
  }

  next(): IteratorResult<unknown, undefined> {
    const map = this.#map;
    let i = this.#slot;
    if (i === -1) i = lastOf(map);
    if (i === 0) {
      this.#slot = 0;
      return { value: undefined, done: true };
    }
    this.#slot = prevOf(map, i);
    const kind = this.#kind;
    const value = kind === KEYS ? keyOf(map, i) : kind === VALUES ? valueOf(map, i) : [keyOf(map, i), valueOf(map, i)];
    return { value, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
Object.setPrototypeOf(TtlMapIterator.prototype, IteratorPrototype);

