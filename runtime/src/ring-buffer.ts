/**
 * `RingBuffer<T>`: a capacity-bounded, array-like FIFO. `push` appends; when the buffer already holds
 * `capacity` items the oldest one is evicted (handed to `onEvict`, in batches of `flushSize`).
 *
 * Bound: at most `capacity` items are retained, plus at most `flushSize - 1` evicted items waiting in
 * the pending batch (call `flush()` to hand them over). Storage grows lazily (doubling, starting at
 * 16 slots) up to `capacity`: an empty buffer with capacity 1e6 holds a few hundred bytes.
 *
 * Complexity: `push`, `shift`, `pop`, `at`, `length`: O(1) amortised (growth copies O(length) once per
 * doubling). Reads that visit items (`forEach`, `map`, `slice`, `indexOf`, ...): O(length).
 *
 * Origin of ideas: mnemonist `CircularBuffer` and denque (power-of-two-free ring index arithmetic, clear
 * the slot on removal so the item can be collected: both libraries shipped bugs where they did not),
 * Array#at for negative indexes, iterators as small classes rather than generators.
 *
 * @module bounded/ring-buffer
 */

/** Why items reached `onEvict`: `'evict'` = pushed out by a newer item; `'clear'` = removed by `clear()`. */
export type RingBufferEvictReason = 'evict' | 'clear';

/** Options of {@link RingBuffer}. */
export interface RingBufferOptions<T> {
  /**
   * Called with evicted items, oldest first, after the buffer's state is consistent (pushing from the
   * callback is safe). Items pushed out by `push` arrive in batches of exactly `flushSize` items
   * (reason `'evict'`); `flush()` hands over a shorter pending batch; `clear()` first flushes, then
   * hands the cleared items over in one batch (reason `'clear'`). Every item is delivered at most once.
   * If the callback throws, the buffer stays consistent and the error propagates to the caller of
   * `push`/`flush`/`clear`; items of batches not yet delivered stay pending for the next delivery.
   */
  onEvict?: (items: T[], reason: RingBufferEvictReason) => void;
  /** Number of evicted items per `onEvict` batch (items). Positive integer, default 1. */
  flushSize?: number;
}

const MODULE = 'bounded/ring-buffer';
const INITIAL_STORAGE = 16;
const noop = (): void => {};

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function toIntegerOrInfinity(value: number | undefined): number {
  const n = Math.trunc(Number(value));
  return n !== n ? 0 : n; // NaN → 0, like Array.prototype methods
}

function relativeIndex(value: number | undefined, length: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = toIntegerOrInfinity(value);
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}

/** A bounded FIFO that behaves like a read-only array plus `push`/`shift`/`pop`/`clear`. */
export class RingBuffer<T> implements Iterable<T> {
  #items: (T | undefined)[] = [];
  /** Physical size of the ring (`#items.length`), kept as a field for speed. */
  #size = 0;
  #head = 0;
  #length = 0;
  readonly #capacity: number;
  // A no-op callback and an empty array rather than `undefined`: every RingBuffer then has the same
  // field representations, so buffers with and without onEvict do not deoptimise each other's push.
  readonly #onEvict: (items: T[], reason: RingBufferEvictReason) => void;
  readonly #hasOnEvict: boolean;
  readonly #flushSize: number;
  /** Evicted items not yet handed to onEvict (`#pendingCount` of them), allocated at `flushSize`. */
  #pending: T[] = [];
  #pendingCount = 0;

  /** Keeps one instance alive so V8's hidden-class chain (and code specialised to it) survives GCs. */
  static #shapeKeeper: unknown = new RingBuffer<unknown>(1);

  /**
   * @param capacity maximum number of retained items (entries); a positive integer.
   * @throws RangeError when `capacity` or `flushSize` is not a positive integer.
   * @throws TypeError when `onEvict` is given and is not a function.
   */
  constructor(capacity: number, options: RingBufferOptions<T> = {}) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`${MODULE}: capacity must be a positive integer, got ${describe(capacity)}`);
    }
    const { onEvict, flushSize = 1 } = options;
    if (!Number.isSafeInteger(flushSize) || flushSize < 1) {
      throw new RangeError(`${MODULE}: flushSize must be a positive integer, got ${describe(flushSize)}`);
    }
    if (onEvict !== undefined && typeof onEvict !== 'function') {
      throw new TypeError(`${MODULE}: onEvict must be a function, got ${typeof onEvict}`);
    }
    this.#capacity = capacity;
    this.#hasOnEvict = onEvict !== undefined;
    this.#onEvict = onEvict ?? noop;
    this.#flushSize = flushSize;
  }

  /**
   * A buffer holding the items of `items` in order, as if each were pushed into
   * `new RingBuffer(capacity, options)`: when there are more than `capacity`, the newest `capacity` are
   * kept and the older ones go to `onEvict` like any eviction. The array counterpart is `Array.from`;
   * the codemod writes it where an array field is reassigned (`this.log = loaded` →
   * `this.log = RingBuffer.from(loaded, LOG_CAPACITY)`). O(items).
   * Origin: mnemonist's `CircularBuffer.from(iterable, ArrayClass, capacity)`.
   * @param items any iterable (an array, a Set, a generator); read once, front to back.
   * @param capacity maximum number of retained items (entries); a positive integer.
   * @throws RangeError when `capacity` or `flushSize` is not a positive integer.
   * @throws TypeError when `items` is not iterable, or `onEvict` is given and is not a function.
   */
  static from<T>(items: Iterable<T>, capacity: number, options?: RingBufferOptions<T>): RingBuffer<T> {
    const buffer = new RingBuffer<T>(capacity, options);
    if (items === null || items === undefined || typeof (items as Partial<Iterable<T>>)[Symbol.iterator] !== 'function') {
      throw new TypeError(`${MODULE}: from() needs an iterable, got ${items === null ? 'null' : typeof items}`);
    }
    for (const item of items) buffer.push(item);
    return buffer;
  }

  /** Number of items held (entries). */
  get length(): number {
    return this.#length;
  }

  /** Maximum number of items held (entries), as given to the constructor. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Number of evicted items waiting for the next `onEvict` batch. */
  get pending(): number {
    return this.#pendingCount;
  }

  get [Symbol.toStringTag](): string {
    return 'RingBuffer';
  }

  /**
   * Appends items, evicting the oldest items when the buffer is full. O(1) amortised per item.
   * @returns the new length, like `Array#push`.
   */
  push(...items: T[]): number;
  push(item: T): number {
    // `arguments` instead of a rest parameter: no array allocation on the single-item hot path.
    if (arguments.length !== 1) {
      // Several items: push them one by one (each eviction is delivered as its batch fills).
      for (let i = 0; i < arguments.length; i++) this.push(arguments[i] as T);
      return this.#length;
    }
    const length = this.#length;
    const size = this.#size;
    const items = this.#items;
    if (length === size) {
      if (size === this.#capacity) {
        // Full: overwrite the oldest slot and advance the head.
        const head = this.#head;
        this.#head = head + 1 === size ? 0 : head + 1;
        if (this.#hasOnEvict) {
          const evicted = items[head] as T;
          items[head] = item;
          if (this.#flushSize === 1 && this.#pendingCount === 0) this.#onEvict([evicted], 'evict');
          else this.#evicted(evicted);
        } else {
          items[head] = item;
        }
        return length;
      }
      this.#grow();
      this.#items[length] = item;
    } else {
      let i = this.#head + length;
      if (i >= size) i -= size;
      items[i] = item;
    }
    this.#length = length + 1;
    return length + 1;
  }

  /**
   * Inserts items at the front, like `Array#unshift` (`unshift(a, b)` leaves `a, b, ...old`). When the
   * buffer is full, each insert evicts the item at the back — the end opposite to the insert, which
   * is the oldest item in an unshift-ordered log — and hands it to `onEvict`. O(1) amortised per item.
   * @returns the new length.
   */
  unshift(...items: T[]): number {
    for (let k = items.length - 1; k >= 0; k--) {
      const item = items[k] as T;
      if (this.#length === this.#size && this.#size < this.#capacity) this.#grow();
      const size = this.#size;
      const head = this.#head === 0 ? size - 1 : this.#head - 1;
      if (this.#length === size) {
        // Full: the back slot is the one just before the head; it becomes the new front.
        if (this.#hasOnEvict) this.#stash(this.#items[head] as T);
      } else {
        this.#length++;
      }
      this.#items[head] = item;
      this.#head = head;
    }
    if (this.#pendingCount >= this.#flushSize) this.#deliver();
    return this.#length;
  }

  /** Records one evicted item; delivers a full batch. State is already consistent. */
  #evicted(item: T): void {
    this.#stash(item);
    if (this.#pendingCount >= this.#flushSize) this.#deliver();
  }

  #stash(item: T): void {
    this.#pending.push(item);
    this.#pendingCount++;
  }

  #grow(): void {
    const old = this.#items;
    const size = this.#size;
    const next = Math.min(this.#capacity, Math.max(INITIAL_STORAGE, size * 2));
    const items: (T | undefined)[] = new Array<T | undefined>(next);
    let j = this.#head;
    for (let i = 0; i < this.#length; i++) {
      items[i] = old[j];
      if (++j === size) j = 0;
    }
    for (let i = this.#length; i < next; i++) items[i] = undefined;
    this.#items = items;
    this.#size = next;
    this.#head = 0;
  }

  /** Hands over full batches, oldest first; a batch leaves the pending store before its callback runs. */
  #deliver(): void {
    const onEvict = this.#onEvict;
    const flushSize = this.#flushSize;
    while (this.#pendingCount >= flushSize) {
      const pending = this.#pending;
      let batch: T[];
      if (this.#pendingCount === flushSize) {
        batch = pending;
        this.#pending = [];
        this.#pendingCount = 0;
      } else {
        batch = pending.splice(0, flushSize);
        this.#pendingCount -= flushSize;
      }
      onEvict(batch, 'evict');
    }
  }

  /**
   * Hands the pending evicted items (fewer than `flushSize`) to `onEvict` now, reason `'evict'`.
   * Does nothing when none are pending. Propagates an error thrown by `onEvict`.
   */
  flush(): void {
    if (this.#pendingCount === 0 || !this.#hasOnEvict) return;
    this.#deliver();
    if (this.#pendingCount === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingCount = 0;
    this.#onEvict(batch, 'evict');
  }

  /** Removes and returns the oldest item (or `undefined` when empty), releasing its slot. O(1). */
  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const head = this.#head;
    const item = this.#items[head];
    this.#items[head] = undefined;
    this.#head = head + 1 === this.#size ? 0 : head + 1;
    this.#length--;
    return item;
  }

  /** Removes and returns the newest item (or `undefined` when empty), releasing its slot. O(1). */
  pop(): T | undefined {
    if (this.#length === 0) return undefined;
    let i = this.#head + this.#length - 1;
    if (i >= this.#size) i -= this.#size;
    const item = this.#items[i];
    this.#items[i] = undefined;
    this.#length--;
    return item;
  }

  /**
   * Removes every item and releases the storage. With `onEvict`, pending items are flushed first
   * (reason `'evict'`), then the removed items are handed over in one batch (reason `'clear'`).
   * O(length).
   */
  clear(): void {
    const removed = this.#hasOnEvict && this.#length > 0 ? this.toArray() : undefined;
    this.#items = [];
    this.#size = 0;
    this.#head = 0;
    this.#length = 0;
    if (!this.#hasOnEvict) return;
    try {
      this.flush();
    } finally {
      if (removed !== undefined) this.#onEvict(removed, 'clear');
    }
  }

  /** The item at `index` (negative counts from the newest, like `Array#at`), or `undefined`. O(1). */
  at(index: number): T | undefined {
    let i = toIntegerOrInfinity(index);
    const length = this.#length;
    if (i < 0) i += length;
    if (i < 0 || i >= length) return undefined;
    i += this.#head;
    if (i >= this.#size) i -= this.#size;
    return this.#items[i];
  }

  #get(i: number): T {
    let j = this.#head + i;
    if (j >= this.#size) j -= this.#size;
    return this.#items[j] as T;
  }

  /** Iterates oldest → newest. */
  [Symbol.iterator](): IterableIterator<T> {
    return new RingBufferIterator(this, this.#length);
  }

  /** Same as `[Symbol.iterator]()`. */
  values(): IterableIterator<T> {
    return new RingBufferIterator(this, this.#length);
  }

  /** Calls `fn(item, index, buffer)` for each item, oldest first. O(length). */
  forEach(fn: (item: T, index: number, buffer: this) => void, thisArg?: unknown): void {
    const n = this.#length;
    for (let i = 0; i < n && i < this.#length; i++) fn.call(thisArg, this.#get(i), i, this);
  }

  /** A new array of `fn(item, index, buffer)`, oldest first. O(length). */
  map<U>(fn: (item: T, index: number, buffer: this) => U, thisArg?: unknown): U[] {
    const n = this.#length;
    const out = new Array<U>(n);
    for (let i = 0; i < n; i++) out[i] = fn.call(thisArg, this.#get(i), i, this);
    return out;
  }

  /** A new array of the items for which `fn` returns a truthy value. O(length). */
  filter<S extends T>(fn: (item: T, index: number, buffer: this) => item is S, thisArg?: unknown): S[];
  filter(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): T[];
  filter(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): T[] {
    const out: T[] = [];
    const n = this.#length;
    for (let i = 0; i < n; i++) {
      const item = this.#get(i);
      if (fn.call(thisArg, item, i, this)) out.push(item);
    }
    return out;
  }

  /** The first (oldest) item for which `fn` returns a truthy value, or `undefined`. O(length). */
  find<S extends T>(fn: (item: T, index: number, buffer: this) => item is S, thisArg?: unknown): S | undefined;
  find(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): T | undefined;
  find(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): T | undefined {
    const n = this.#length;
    for (let i = 0; i < n; i++) {
      const item = this.#get(i);
      if (fn.call(thisArg, item, i, this)) return item;
    }
    return undefined;
  }

  /** Whether `fn` returns a truthy value for some item. O(length). */
  some(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): boolean {
    const n = this.#length;
    for (let i = 0; i < n; i++) if (fn.call(thisArg, this.#get(i), i, this)) return true;
    return false;
  }

  /** Whether `fn` returns a truthy value for every item (true when empty). O(length). */
  every(fn: (item: T, index: number, buffer: this) => unknown, thisArg?: unknown): boolean {
    const n = this.#length;
    for (let i = 0; i < n; i++) if (!fn.call(thisArg, this.#get(i), i, this)) return false;
    return true;
  }

  /**
   * Folds the items oldest → newest, like `Array#reduce`. O(length).
   * @throws TypeError when the buffer is empty and no initial value is given.
   */
  reduce(fn: (acc: T, item: T, index: number, buffer: this) => T): T;
  reduce<U>(fn: (acc: U, item: T, index: number, buffer: this) => U, initial: U): U;
  reduce<U>(fn: (acc: U, item: T, index: number, buffer: this) => U, ...rest: [U?]): U {
    const n = this.#length;
    let i = 0;
    let acc: U;
    if (rest.length > 0) acc = rest[0] as U;
    else {
      if (n === 0) throw new TypeError(`${MODULE}: reduce of empty buffer with no initial value`);
      acc = this.#get(0) as unknown as U;
      i = 1;
    }
    for (; i < n; i++) acc = fn(acc, this.#get(i), i, this);
    return acc;
  }

  /** A new array of the items in `[start, end)` (negative indexes count from the end), like `Array#slice`. */
  slice(start?: number, end?: number): T[] {
    const n = this.#length;
    const from = relativeIndex(start, n, 0);
    const to = relativeIndex(end, n, n);
    const out: T[] = [];
    for (let i = from; i < to; i++) out.push(this.#get(i));
    return out;
  }

  /** Index of the first item `=== item` at or after `fromIndex`, or -1, like `Array#indexOf`. O(length). */
  indexOf(item: T, fromIndex?: number): number {
    const n = this.#length;
    for (let i = relativeIndex(fromIndex, n, 0); i < n; i++) if (this.#get(i) === item) return i;
    return -1;
  }

  /** Whether some item is SameValueZero-equal to `item` (finds `NaN`), like `Array#includes`. O(length). */
  includes(item: T, fromIndex?: number): boolean {
    const n = this.#length;
    const isNaN = item !== item;
    for (let i = relativeIndex(fromIndex, n, 0); i < n; i++) {
      const x = this.#get(i);
      if (x === item || (isNaN && x !== x)) return true;
    }
    return false;
  }

  /** The items joined with `separator` (default `','`); `null`/`undefined` become `''`, like `Array#join`. */
  join(separator = ','): string {
    let out = '';
    const n = this.#length;
    for (let i = 0; i < n; i++) {
      const x = this.#get(i);
      if (i > 0) out += separator;
      if (x !== undefined && x !== null) out += String(x);
    }
    return out;
  }

  /** A new array of the items, oldest first. O(length). */
  toArray(): T[] {
    const n = this.#length;
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = this.#get(i);
    return out;
  }

  /** `JSON.stringify(buffer)` serialises as the array of items, oldest first. */
  toJSON(): T[] {
    return this.toArray();
  }
}

/** Iterator over a RingBuffer, oldest → newest; a small class (faster than a generator). */
class RingBufferIterator<T> implements IterableIterator<T> {
  #buffer: RingBuffer<T>;
  #index = 0;
  #end: number;

  constructor(buffer: RingBuffer<T>, end: number) {
    this.#buffer = buffer;
    this.#end = end;
  }

  next(): IteratorResult<T, undefined> {
    const i = this.#index;
    if (i < this.#end && i < this.#buffer.length) {
      this.#index = i + 1;
      return { value: this.#buffer.at(i) as T, done: false };
    }
    this.#end = 0;
    return { value: undefined, done: true };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
