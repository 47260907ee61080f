/**
 * `TtlSet<T>`: a `Set` bounded by entry count (`max`, LRU eviction), total size (`maxSize` with
 * `sizeOf`) and/or age (`ttl` in ms, lazy expiry). Assignable to `Set<T>`. Backed by a
 * {@link TtlMap} from each value to itself, so bounds, complexity and expiry rules are TtlMap's:
 * `add`/`has`/`delete` O(1) amortised, iteration O(size), no timers, storage grown lazily up to `max`.
 *
 * `has` does not mark a value used (it only checks and expires); `add` of a present value marks it
 * most recently used and restarts its ttl; `touch(value)` marks it used without re-adding.
 *
 * @module bounded/ttl-set
 */
import { checkOptions, TtlMap } from './ttl-map.js';
import type { EvictReason } from './ttl-map.js';

/** Options of {@link TtlSet}. At least one of `max`, `maxSize` or `ttl` is required. */
export interface TtlSetOptions<T> {
  /** Maximum number of values; the least recently used value is evicted beyond it. Positive integer. */
  max?: number;
  /** Time to live in ms from the last `add` (and `touch` with `updateAgeOnGet`). Positive; `Infinity` = none. */
  ttl?: number;
  /** Maximum total of `sizeOf` over all values (any unit, e.g. bytes). Positive integer. Requires `sizeOf`. */
  maxSize?: number;
  /** Size of one value in the unit of `maxSize`; must return a positive finite number. */
  sizeOf?: (value: T) => number;
  /** Restart a value's ttl on `touch` (default false). */
  updateAgeOnGet?: boolean;
  /** Called once for every value that leaves the set, after the set is consistent. See TtlMap `onEvict`. */
  onEvict?: (value: T, reason: EvictReason) => void;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
}

const MODULE = 'bounded/ttl-set';

/** What the ES2025 set methods accept (the lib's `ReadonlySetLike`): a size, `has` and `keys`. */
export interface SetLike<U> {
  readonly size: number;
  has(value: U): boolean;
  keys(): Iterator<U>;
}

function* iterate<U>(other: SetLike<U>): Generator<U> {
  const it = other.keys();
  for (let r = it.next(); r.done !== true; r = it.next()) yield r.value;
}

/** A `Set` with LRU eviction beyond `max` values or `maxSize`, and lazy TTL expiry. */
export class TtlSet<T> {
  readonly #map: TtlMap<T, T>;

  /**
   * @throws RangeError when `max`/`maxSize` is not a positive integer or `ttl` is not a positive number.
   * @throws TypeError when no bound is given, `maxSize` lacks `sizeOf`, or a callback is not a function.
   */
  constructor(options: TtlSetOptions<T>) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`${MODULE}: options must be an object with max, maxSize or ttl`);
    }
    checkOptions(MODULE, options);
    const { onEvict, sizeOf } = options;
    this.#map = new TtlMap<T, T>({
      max: options.max,
      ttl: options.ttl,
      maxSize: options.maxSize,
      updateAgeOnGet: options.updateAgeOnGet,
      now: options.now,
      sizeOf: sizeOf === undefined ? undefined : (value: T) => sizeOf(value),
      onEvict: onEvict === undefined ? undefined : (value: T, _same: T, reason: EvictReason) => onEvict(value, reason),
    });
  }

  get [Symbol.toStringTag](): string {
    return 'TtlSet';
  }

  /** Number of live values (stale values purged first). O(stale). */
  get size(): number {
    return this.#map.size;
  }

  /** Adds `value` (or marks it most recently used and restarts its ttl). O(1) amortised. */
  add(value: T): this {
    this.#map.set(value, value);
    return this;
  }

  /** Whether `value` is present and not stale; does not change the LRU order. O(1). */
  has(value: T): boolean {
    return this.#map.has(value);
  }

  /** Marks `value` most recently used (restarting its ttl with `updateAgeOnGet`); `false` when absent or stale. O(1). */
  touch(value: T): boolean {
    return this.#map.get(value) !== undefined || this.#map.has(value);
  }

  /** Removes `value`; `true` when a live value was removed. O(1). */
  delete(value: T): boolean {
    return this.#map.delete(value);
  }

  /** Removes every value (reason `'clear'`) and releases the storage. O(size). */
  clear(): void {
    this.#map.clear();
  }

  /** Removes every stale value now; returns how many. O(stale). */
  purgeStale(): number {
    return this.#map.purgeStale();
  }

  // ES2025 set methods: results are plain `Set`s (unbounded snapshots), as the spec builds them.

  /** A new `Set` of the values in this set or `other`. O(size + other.size). */
  union<U>(other: SetLike<U>): Set<T | U> {
    const out = new Set<T | U>(this);
    for (const v of iterate(other)) out.add(v);
    return out;
  }

  /** A new `Set` of the values in both. O(size). */
  intersection<U>(other: SetLike<U>): Set<T & U> {
    const out = new Set<T & U>();
    for (const v of this) if (other.has(v as unknown as U)) out.add(v as T & U);
    return out;
  }

  /** A new `Set` of the values in this set and not in `other`. O(size). */
  difference<U>(other: SetLike<U>): Set<T> {
    const out = new Set<T>();
    for (const v of this) if (!other.has(v as unknown as U)) out.add(v);
    return out;
  }

  /** A new `Set` of the values in exactly one of the two. O(size + other.size). */
  symmetricDifference<U>(other: SetLike<U>): Set<T | U> {
    const out = new Set<T | U>(this);
    for (const v of iterate(other)) {
      if (this.has(v as unknown as T)) out.delete(v);
      else out.add(v);
    }
    return out;
  }

  /** Whether every value of this set is in `other`. O(size). */
  isSubsetOf(other: SetLike<unknown>): boolean {
    if (this.size > other.size) return false;
    for (const v of this) if (!other.has(v)) return false;
    return true;
  }

  /** Whether every value of `other` is in this set. O(other.size). */
  isSupersetOf(other: SetLike<unknown>): boolean {
    if (this.size < other.size) return false;
    for (const v of iterate(other)) if (!this.has(v as T)) return false;
    return true;
  }

  /** Whether no value is in both. O(size). */
  isDisjointFrom(other: SetLike<unknown>): boolean {
    for (const v of this) if (other.has(v)) return false;
    return true;
  }

  /** Calls `fn(value, value, set)` for each live value, most recently used first. O(size). */
  forEach(fn: (value: T, value2: T, set: this) => void, thisArg?: unknown): void {
    this.#map.forEach((value) => fn.call(thisArg, value, value, this));
  }

  /** Values, most recently used first. */
  values(): SetIterator<T> {
    return this.#map.keys() as unknown as SetIterator<T>;
  }

  /** Same as `values()`. */
  keys(): SetIterator<T> {
    return this.#map.keys() as unknown as SetIterator<T>;
  }

  /** `[value, value]` pairs, like `Set#entries`. */
  entries(): SetIterator<[T, T]> {
    return this.#map.entries() as unknown as SetIterator<[T, T]>;
  }

  /** Same as `values()`. */
  [Symbol.iterator](): SetIterator<T> {
    return this.values();
  }
}
