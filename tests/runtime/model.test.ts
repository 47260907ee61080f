// Portable model tests: every structure against a plain Array / Map model with a manual clock, checking
// contents, order, and the exact sequence of onEvict deliveries (so each evicted item is delivered
// exactly once). Runs in Node (vitest), workerd and Chromium (see harness/).
import { RingBuffer, TtlMap, TtlSet, type EvictReason } from 'bounded';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RUNS = 1000;

type RbCmd =
  | { op: 'push'; items: number }
  | { op: 'unshift'; items: number }
  | { op: 'shift' }
  | { op: 'pop' }
  | { op: 'at'; index: number }
  | { op: 'flush' }
  | { op: 'clear' }
  | { op: 'slice'; start: number; end: number };

const rbCmd: fc.Arbitrary<RbCmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('push' as const), items: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unshift' as const), items: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('shift' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('at' as const), index: fc.integer({ min: -12, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flush' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('slice' as const), start: fc.integer({ min: -8, max: 8 }), end: fc.integer({ min: -8, max: 8 }) }) },
);

describe('RingBuffer model', () => {
  it(`matches an Array model with batched eviction (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(rbCmd, { maxLength: 80 }), (capacity, flushSize, cmds) => {
        const got: [number[], string][] = [];
        const rb = new RingBuffer<number>(capacity, { flushSize, onEvict: (items, reason) => got.push([items, reason]) });
        const model: number[] = [];
        let pending: number[] = [];
        const want: [number[], string][] = [];
        let next = 0;
        const inserted: number[] = [];
        const removedByCaller: number[] = [];
        for (const c of cmds) {
          switch (c.op) {
            case 'push': {
              const items = Array.from({ length: c.items }, () => next++);
              inserted.push(...items);
              expect(rb.push(...items)).toBe(Math.min(capacity, model.length + items.length));
              for (const x of items) {
                model.push(x);
                if (model.length > capacity) pending.push(model.shift() as number);
              }
              while (pending.length >= flushSize) want.push([pending.splice(0, flushSize), 'evict']);
              break;
            }
            case 'unshift': {
              // Array#unshift order; when full, each insert at the front evicts the item at the back.
              const items = Array.from({ length: c.items }, () => next++);
              inserted.push(...items);
              expect(rb.unshift(...items)).toBe(Math.min(capacity, model.length + items.length));
              for (let k = items.length - 1; k >= 0; k--) {
                model.unshift(items[k] as number);
                if (model.length > capacity) pending.push(model.pop() as number);
              }
              while (pending.length >= flushSize) want.push([pending.splice(0, flushSize), 'evict']);
              break;
            }
            case 'shift': {
              const x = rb.shift();
              expect(x).toBe(model.shift());
              if (x !== undefined) removedByCaller.push(x);
              break;
            }
            case 'pop': {
              const x = rb.pop();
              expect(x).toBe(model.pop());
              if (x !== undefined) removedByCaller.push(x);
              break;
            }
            case 'at':
              expect(rb.at(c.index)).toBe(model.at(c.index));
              break;
            case 'slice':
              expect(rb.slice(c.start, c.end)).toEqual(model.slice(c.start, c.end));
              break;
            case 'flush':
              if (pending.length > 0) want.push([pending, 'evict']);
              pending = [];
              rb.flush();
              break;
            case 'clear':
              if (pending.length > 0) want.push([pending, 'evict']);
              pending = [];
              if (model.length > 0) want.push([model.splice(0), 'clear']);
              rb.clear();
              break;
          }
          expect(rb.length).toBe(model.length);
          expect(rb.pending).toBe(pending.length);
        }
        expect(rb.toArray()).toEqual(model);
        expect([...rb]).toEqual(model);
        expect(got).toEqual(want);
        // Exactly once: after a final clear, every pushed item was either removed by the caller or delivered once.
        rb.clear();
        const delivered = got.flatMap(([items]) => items);
        expect([...delivered, ...removedByCaller].sort((a, b) => a - b)).toEqual(inserted);
      }),
      { numRuns: RUNS },
    );
  });
});

type MapCmd =
  | { op: 'set'; key: number; size: number }
  | { op: 'get'; key: number }
  | { op: 'peek'; key: number }
  | { op: 'has'; key: number }
  | { op: 'delete'; key: number }
  | { op: 'tick'; ms: number }
  | { op: 'purge' }
  | { op: 'size' }
  | { op: 'clear' };

// Mostly a few hot keys (repeated sets and reads of live entries), sometimes many (eviction by max).
const key = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 }));
const mapCmd: fc.Arbitrary<MapCmd> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, size: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('peek' as const), key }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('has' as const), key }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('size' as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

interface MapConfig {
  max: number | undefined;
  ttl: number | undefined;
  maxSize: number | undefined;
  updateAgeOnGet: boolean;
  /** Without onEvict the map takes its specialised plain / ttl-only code paths. */
  withOnEvict: boolean;
}

const mapConfig: fc.Arbitrary<MapConfig> = fc
  .record({
    max: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined, freq: 2 }),
    ttl: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined, freq: 2 }),
    maxSize: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined, freq: 2 }),
    updateAgeOnGet: fc.boolean(),
    withOnEvict: fc.boolean(),
  })
  .filter((c) => c.max !== undefined || c.ttl !== undefined || c.maxSize !== undefined);

/** The reference: a Map for values plus arrays for the LRU order and the expiry order. */
class MapModel {
  values = new Map<number, { value: number; exp: number; size: number }>();
  lru: number[] = []; // least recently used first
  eorder: number[] = []; // first to expire first
  events: [number, number, EvictReason][] = [];
  constructor(readonly c: MapConfig, readonly clock: { t: number }) {}
  #drop(k: number, reason: EvictReason) {
    const e = this.values.get(k);
    if (e === undefined) throw new Error('model: drop of a missing key');
    this.values.delete(k);
    this.lru.splice(this.lru.indexOf(k), 1);
    this.eorder.splice(this.eorder.indexOf(k), 1);
    this.events.push([k, e.value, reason]);
  }
  #stale(k: number) {
    const e = this.values.get(k);
    return e !== undefined && this.c.ttl !== undefined && e.exp <= this.clock.t;
  }
  #live(k: number) {
    if (!this.values.has(k)) return false;
    if (this.#stale(k)) {
      this.#drop(k, 'expire');
      return false;
    }
    return true;
  }
  #toEnd(list: number[], k: number) {
    list.splice(list.indexOf(k), 1);
    list.push(k);
  }
  get total() {
    let s = 0;
    for (const e of this.values.values()) s += e.size;
    return s;
  }
  set(k: number, value: number, size: number) {
    const t = this.clock.t;
    const exp = t + (this.c.ttl ?? Infinity);
    const maxSize = this.c.maxSize ?? Infinity;
    if (this.#stale(k)) this.#drop(k, 'expire');
    const e = this.values.get(k);
    if (e !== undefined) {
      if (size > maxSize) {
        this.#drop(k, 'set');
        this.events.push([k, value, 'evict']);
        return;
      }
      const old = e.value;
      this.values.set(k, { value, exp, size });
      this.#toEnd(this.lru, k);
      this.#toEnd(this.eorder, k);
      if (old !== value) this.events.push([k, old, 'set']);
    } else {
      if (size > maxSize) {
        this.events.push([k, value, 'evict']);
        return;
      }
      for (let n = 0; n < 2 && this.c.ttl !== undefined; n++) {
        const first = this.eorder[0];
        if (first === undefined || !this.#stale(first)) break;
        this.#drop(first, 'expire');
      }
      if (this.c.max !== undefined && this.values.size >= this.c.max) this.#drop(this.lru[0] as number, 'evict');
      this.values.set(k, { value, exp, size });
      this.lru.push(k);
      this.eorder.push(k);
    }
    while (this.total > maxSize) this.#drop(this.lru[0] as number, 'evict');
  }
  get(k: number) {
    if (!this.#live(k)) return undefined;
    const e = this.values.get(k) as { value: number; exp: number };
    if (this.c.updateAgeOnGet && this.c.ttl !== undefined) {
      e.exp = this.clock.t + this.c.ttl;
      this.#toEnd(this.eorder, k);
    }
    this.#toEnd(this.lru, k);
    return e.value;
  }
  peek(k: number) {
    return this.#live(k) ? this.values.get(k)?.value : undefined;
  }
  has(k: number) {
    return this.#live(k);
  }
  delete(k: number) {
    if (!this.#live(k)) return false;
    this.#drop(k, 'delete');
    return true;
  }
  purge() {
    let n = 0;
    while (this.eorder.length > 0 && this.#stale(this.eorder[0] as number)) {
      this.#drop(this.eorder[0] as number, 'expire');
      n++;
    }
    return n;
  }
  clear() {
    for (const k of [...this.lru]) this.#drop(k, 'clear');
  }
  /** Entries most recently used first, after purging stale ones. */
  entries() {
    this.purge();
    return [...this.lru].reverse().map((k) => [k, this.values.get(k)?.value] as [number, number]);
  }
}

describe('TtlMap model', () => {
  it(`matches a Map model with a manual clock: values, LRU order, expiry and onEvict (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(mapConfig, fc.array(mapCmd, { maxLength: 100 }), (c, cmds) => {
        const clock = { t: 1_000 };
        const model = new MapModel(c, clock);
        const events: [number, number, EvictReason][] = [];
        const sizes = new Map<number, number>();
        const m = new TtlMap<number, number>({
          max: c.max,
          ttl: c.ttl,
          maxSize: c.maxSize,
          updateAgeOnGet: c.updateAgeOnGet,
          ...(c.maxSize === undefined ? {} : { sizeOf: (v: number) => sizes.get(v) as number }),
          now: () => clock.t,
          ...(c.withOnEvict ? { onEvict: (k: number, v: number, r: EvictReason) => void events.push([k, v, r]) } : {}),
        });
        let next = 0;
        for (const cmd of cmds) {
          switch (cmd.op) {
            case 'set': {
              const value = next++;
              sizes.set(value, cmd.size);
              model.set(cmd.key, value, cmd.size);
              expect(m.set(cmd.key, value)).toBe(m);
              break;
            }
            case 'get':
              expect(m.get(cmd.key)).toBe(model.get(cmd.key));
              break;
            case 'peek':
              expect(m.peek(cmd.key)).toBe(model.peek(cmd.key));
              break;
            case 'has':
              expect(m.has(cmd.key)).toBe(model.has(cmd.key));
              break;
            case 'delete':
              expect(m.delete(cmd.key)).toBe(model.delete(cmd.key));
              break;
            case 'tick':
              clock.t += cmd.ms;
              break;
            case 'purge':
              expect(m.purgeStale()).toBe(model.purge());
              break;
            case 'size':
              model.purge();
              expect(m.size).toBe(model.values.size);
              break;
            case 'clear':
              model.clear();
              m.clear();
              break;
          }
          if (c.withOnEvict) expect(events).toEqual(model.events);
          // Without onEvict the removals are invisible, so compare the whole content after every command
          // (iterating purges stale entries in both).
          else expect([...m]).toEqual(model.entries());
          if (c.maxSize !== undefined) expect(m.totalSize).toBe(model.total);
          // (m.size is only read by the 'size' command: reading it purges stale entries.)
          if (c.max !== undefined) expect(model.values.size).toBeLessThanOrEqual(c.max);
        }
        expect([...m]).toEqual(model.entries());
        if (!c.withOnEvict) return;
        expect(events).toEqual(model.events);
        // Exactly once: after clear, every value ever set was delivered exactly once.
        m.clear();
        model.clear();
        expect(events).toEqual(model.events);
        const delivered = events.map(([, v]) => v).sort((a, b) => a - b);
        expect(delivered).toEqual(Array.from({ length: next }, (_, i) => i));
      }),
      {
        numRuns: RUNS,
        examples: [
          // Re-setting a live key must move it to the end of the expiry order (ttl-only code path).
          [
            { max: undefined, ttl: 20, maxSize: undefined, updateAgeOnGet: false, withOnEvict: false },
            [
              { op: 'set', key: 1, size: 1 },
              { op: 'tick', ms: 5 },
              { op: 'set', key: 2, size: 1 },
              { op: 'tick', ms: 5 },
              { op: 'set', key: 1, size: 1 },
              { op: 'tick', ms: 15 },
              { op: 'size' },
            ],
          ],
        ],
      },
    );
  });
});

type SetCmd = { op: 'add' | 'has' | 'touch' | 'delete'; value: number } | { op: 'tick'; ms: number } | { op: 'iterate' };

describe('TtlSet model', () => {
  it(`matches a Set model with LRU order and a manual clock (${RUNS} runs)`, () => {
    const setCmd: fc.Arbitrary<SetCmd> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('add' as const, 'has' as const, 'touch' as const, 'delete' as const), value: key }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 1, arbitrary: fc.constant({ op: 'iterate' as const }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 50 }), fc.array(setCmd, { maxLength: 60 }), (max, ttl, cmds) => {
        const clock = { t: 0 };
        const events: [number, EvictReason][] = [];
        const s = new TtlSet<number>({ max, ttl, now: () => clock.t, onEvict: (v, r) => events.push([v, r]) });
        // Model: insertion-ordered Map value → expiry; Map order = LRU order (delete + set moves to the end).
        const model = new Map<number, number>();
        const want: [number, EvictReason][] = [];
        const live = (v: number) => {
          const exp = model.get(v);
          if (exp === undefined) return false;
          if (exp <= clock.t) {
            model.delete(v);
            want.push([v, 'expire']);
            return false;
          }
          return true;
        };
        // Expiry order: by expiry time, ties by the order of the adds that set it (not the LRU order).
        const addedAt = new Map<number, number>();
        let adds = 0;
        const byExpiry = () =>
          [...model.entries()].sort((a, b) => a[1] - b[1] || (addedAt.get(a[0]) as number) - (addedAt.get(b[0]) as number)).map(([v]) => v);
        for (const cmd of cmds) {
          switch (cmd.op) {
            case 'add': {
              if (live(cmd.value)) model.delete(cmd.value);
              else {
                const stale = byExpiry().filter((v) => (model.get(v) as number) <= clock.t).slice(0, 2);
                for (const v of stale) live(v);
                if (model.size >= max) {
                  const lru = model.keys().next().value as number;
                  model.delete(lru);
                  want.push([lru, 'evict']);
                }
              }
              model.set(cmd.value, clock.t + ttl);
              addedAt.set(cmd.value, adds++);
              s.add(cmd.value);
              break;
            }
            case 'has':
              expect(s.has(cmd.value)).toBe(live(cmd.value));
              break;
            case 'touch': {
              const ok = live(cmd.value);
              if (ok) {
                const exp = model.get(cmd.value) as number;
                model.delete(cmd.value);
                model.set(cmd.value, exp);
              }
              expect(s.touch(cmd.value)).toBe(ok);
              break;
            }
            case 'delete': {
              const ok = live(cmd.value);
              if (ok) {
                model.delete(cmd.value);
                want.push([cmd.value, 'delete']);
              }
              expect(s.delete(cmd.value)).toBe(ok);
              break;
            }
            case 'tick':
              clock.t += cmd.ms;
              break;
            case 'iterate':
              for (const v of byExpiry()) live(v);
              expect([...s]).toEqual([...model.keys()].reverse());
              break;
          }
          expect(events).toEqual(want);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
