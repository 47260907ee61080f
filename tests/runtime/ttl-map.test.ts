// Portable: runs in Node (vitest), workerd and Chromium (see harness/).
import { TtlMap, type EvictReason } from 'bounded';
import { describe, expect, it } from 'vitest';

function clock(start = 1000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('TtlMap', () => {
  it('rejects bad options with errors naming the module', () => {
    expect(() => new TtlMap({ max: 0 })).toThrow(RangeError);
    expect(() => new TtlMap({ max: 1.5 })).toThrow(/^bounded\/ttl-map: max must be a positive integer/);
    expect(() => new TtlMap({ max: -3 })).toThrow(RangeError);
    expect(() => new TtlMap({ ttl: -1 })).toThrow(/^bounded\/ttl-map: ttl must be a positive number of ms, got -1/);
    expect(() => new TtlMap({ ttl: Number.NaN })).toThrow(RangeError);
    expect(() => new TtlMap({ ttl: 0 })).toThrow(RangeError);
    expect(() => new TtlMap({ maxSize: 0, sizeOf: () => 1 })).toThrow(/^bounded\/ttl-map: maxSize must be a positive integer/);
    expect(() => new TtlMap({ maxSize: 10 })).toThrow(TypeError);
    expect(() => new TtlMap({})).toThrow(/at least one of max, maxSize or a finite ttl is required/);
    expect(() => new TtlMap({ ttl: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => new TtlMap({ max: 2, onEvict: 'x' as never })).toThrow(TypeError);
    expect(() => new TtlMap(undefined as never)).toThrow(TypeError);
  });

  it('is a Map: get/set/has/delete/size/clear and iteration', () => {
    const m = new TtlMap<string, number>({ max: 10 });
    expect(m.set('a', 1)).toBe(m);
    m.set('b', 2).set('c', 3);
    expect(m.get('a')).toBe(1);
    expect(m.get('zz')).toBeUndefined();
    expect(m.has('b')).toBe(true);
    expect(m.size).toBe(3);
    // Iteration is most recently used first: a was read last.
    expect([...m.keys()]).toEqual(['a', 'c', 'b']);
    expect([...m.values()]).toEqual([1, 3, 2]);
    expect([...m]).toEqual([['a', 1], ['c', 3], ['b', 2]]);
    expect([...m.entries()]).toEqual([['a', 1], ['c', 3], ['b', 2]]);
    const seen: string[] = [];
    m.forEach((v, k, self) => {
      expect(self).toBe(m);
      seen.push(`${k}=${v}`);
    });
    expect(seen).toEqual(['a=1', 'c=3', 'b=2']);
    expect(m.delete('c')).toBe(true);
    expect(m.delete('c')).toBe(false);
    expect(m.size).toBe(2);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('a')).toBeUndefined();
    m.set('x', 9);
    expect([...m]).toEqual([['x', 9]]);
    expect(Object.prototype.toString.call(m)).toBe('[object TtlMap]');
    expect(new Map(m)).toEqual(new Map([['x', 9]]));
  });

  it('getOrInsert and getOrInsertComputed insert only when the key has no live entry', () => {
    let t = 0;
    const m = new TtlMap<string, number>({ max: 2, ttl: 10, now: () => t });
    expect(m.getOrInsert('a', 1)).toBe(1);
    expect(m.getOrInsert('a', 2)).toBe(1);
    let calls = 0;
    expect(m.getOrInsertComputed('b', (k) => (calls++, k.length))).toBe(1);
    expect(m.getOrInsertComputed('b', () => (calls++, 99))).toBe(1);
    expect(calls).toBe(1);
    t = 10;
    expect(m.getOrInsert('a', 3)).toBe(3); // the old entry expired
    expect([...m]).toEqual([['a', 3]]);
  });

  it('evicts the least recently used entry beyond max', () => {
    const events: [string, number, EvictReason][] = [];
    const m = new TtlMap<string, number>({ max: 2, onEvict: (k, v, r) => events.push([k, v, r]) });
    m.set('a', 1).set('b', 2);
    m.get('a');
    m.set('c', 3);
    expect(m.has('b')).toBe(false);
    expect([...m.keys()]).toEqual(['c', 'a']);
    expect(events).toEqual([['b', 2, 'evict']]);
    // has and peek do not refresh recency
    m.has('a');
    expect(m.peek('a')).toBe(1);
    m.set('d', 4);
    expect([...m.keys()]).toEqual(['d', 'c']);
    expect(events.at(-1)).toEqual(['a', 1, 'evict']);
  });

  it('grows storage past the initial slots and reuses them when full', () => {
    const m = new TtlMap<number, number>({ max: 100 });
    for (let i = 0; i < 1000; i++) m.set(i, i * 2);
    expect(m.size).toBe(100);
    for (let i = 900; i < 1000; i++) expect(m.get(i)).toBe(i * 2);
    expect(m.get(899)).toBeUndefined();
  });

  it('reports replaced, deleted and cleared values with their reasons', () => {
    const events: [string, number, EvictReason][] = [];
    const m = new TtlMap<string, number>({ max: 5, onEvict: (k, v, r) => events.push([k, v, r]) });
    m.set('a', 1).set('a', 2).set('a', 2);
    m.set('b', 3);
    m.delete('a');
    m.clear();
    expect(events).toEqual([['a', 1, 'set'], ['a', 2, 'delete'], ['b', 3, 'clear']]);
  });

  it('expires entries lazily after ttl ms with an injected clock', () => {
    const c = clock();
    const events: [string, EvictReason][] = [];
    const m = new TtlMap<string, number>({ ttl: 100, now: c.now, onEvict: (k, _v, r) => events.push([k, r]) });
    m.set('a', 1);
    c.t += 50;
    m.set('b', 2);
    c.t += 49;
    expect(m.get('a')).toBe(1); // 99 ms old
    expect(m.remainingTtl('a')).toBe(1);
    c.t += 1;
    expect(m.get('a')).toBeUndefined(); // 100 ms old: stale
    expect(events).toEqual([['a', 'expire']]);
    expect(m.has('b')).toBe(true);
    expect(m.size).toBe(1);
    c.t += 50;
    expect(m.size).toBe(0);
    expect(events).toEqual([['a', 'expire'], ['b', 'expire']]);
    expect(m.remainingTtl('b')).toBe(0);
  });

  it('the default clock (Date.now, read once per microtask turn) expires entries across turns', async () => {
    const m = new TtlMap<string, number>({ ttl: 100 });
    const t0 = Date.now();
    m.set('a', 1);
    expect(m.get('a')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const got = m.get('a');
    if (Date.now() - t0 < 100) expect(got).toBe(1); // a loaded machine may take longer than the ttl
    while (Date.now() - t0 <= 110) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(m.get('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it('set restarts the ttl; get restarts it only with updateAgeOnGet', () => {
    const c = clock();
    const plain = new TtlMap<string, number>({ ttl: 100, now: c.now });
    const aging = new TtlMap<string, number>({ ttl: 100, now: c.now, updateAgeOnGet: true });
    plain.set('k', 1);
    aging.set('k', 1);
    c.t += 60;
    plain.get('k');
    aging.get('k');
    c.t += 60;
    expect(plain.get('k')).toBeUndefined();
    expect(aging.get('k')).toBe(1);
    plain.set('k', 2);
    c.t += 99;
    expect(plain.get('k')).toBe(2);
  });

  it('sweeps stale entries on insert and purgeStale removes them all', () => {
    const c = clock();
    let expired = 0;
    const m = new TtlMap<number, number>({ ttl: 10, now: c.now, onEvict: () => expired++ });
    for (let i = 0; i < 10; i++) m.set(i, i);
    c.t += 10;
    m.set(100, 100); // sweeps 2 stale entries
    expect(expired).toBe(2);
    expect(m.purgeStale()).toBe(8);
    expect(expired).toBe(10);
    expect(m.size).toBe(1);
    expect(m.purgeStale()).toBe(0);
  });

  it('setting a stale key reports the old value as expired', () => {
    const c = clock();
    const events: [string, number, EvictReason][] = [];
    const m = new TtlMap<string, number>({ ttl: 10, now: c.now, onEvict: (k, v, r) => events.push([k, v, r]) });
    m.set('a', 1);
    c.t += 10;
    m.set('a', 2);
    expect(events).toEqual([['a', 1, 'expire']]);
    expect(m.get('a')).toBe(2);
  });

  it('bounds the total size with maxSize and sizeOf', () => {
    const events: [string, EvictReason][] = [];
    const m = new TtlMap<string, string>({
      maxSize: 10,
      sizeOf: (v) => v.length,
      onEvict: (k, _v, r) => events.push([k, r]),
    });
    m.set('a', 'xxxx').set('b', 'xxxx');
    expect(m.totalSize).toBe(8);
    m.set('c', 'xxxx');
    expect([...m.keys()]).toEqual(['c', 'b']);
    expect(m.totalSize).toBe(8);
    m.set('b', 'x');
    expect(m.totalSize).toBe(5);
    m.set('big', 'x'.repeat(11)); // larger than maxSize: never stored
    expect(m.has('big')).toBe(false);
    m.set('c', 'y'.repeat(11)); // replacing with a too-large value drops the key
    expect(m.has('c')).toBe(false);
    expect(m.totalSize).toBe(1);
    expect(events).toEqual([['a', 'evict'], ['b', 'set'], ['big', 'evict'], ['c', 'set'], ['c', 'evict']]);
  });

  it('rejects a sizeOf result that is not a positive finite number and stays unchanged', () => {
    let size = 1;
    const m = new TtlMap<string, number>({ maxSize: 10, sizeOf: () => size });
    m.set('a', 1);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      size = bad;
      expect(() => m.set('b', 2)).toThrow(/^bounded\/ttl-map: sizeOf must return a positive finite number/);
      expect(() => m.set('a', 2)).toThrow(RangeError);
    }
    expect([...m]).toEqual([['a', 1]]);
  });

  it('calls onEvict after the state is consistent: re-inserting from the callback is safe', () => {
    const m: TtlMap<string, number> = new TtlMap<string, number>({
      max: 2,
      onEvict: (k, v, r) => {
        expect(m.has(k)).toBe(false);
        if (r === 'evict' && k === 'a') m.set('a2', v);
      },
    });
    m.set('a', 1).set('b', 2).set('c', 3);
    expect([...m.keys()].sort()).toEqual(['a2', 'c']);
  });

  it('a throwing onEvict leaves the map consistent, delivers the others and reaches the caller', () => {
    const got: string[] = [];
    const m = new TtlMap<string, string>({
      maxSize: 4,
      sizeOf: (v) => v.length,
      onEvict: (k) => {
        got.push(k);
        if (k === 'a') throw new Error('dispose failed');
      },
    });
    m.set('a', 'x').set('b', 'x').set('c', 'xx');
    expect(() => m.set('d', 'xxxx')).toThrow('dispose failed');
    expect(got).toEqual(['a', 'b', 'c']);
    expect([...m]).toEqual([['d', 'xxxx']]);
    expect(m.totalSize).toBe(4);
    m.set('e', 'x');
    expect([...m.keys()]).toEqual(['e']);
  });

  it('deleting or reading the current entry while iterating visits each entry once', () => {
    const m = new TtlMap<number, number>({ max: 10 });
    for (let i = 0; i < 6; i++) m.set(i, i);
    const seen: number[] = [];
    for (const [k] of m) {
      seen.push(k);
      if (k % 2 === 0) m.delete(k);
      else m.get(k);
    }
    expect(seen).toEqual([5, 4, 3, 2, 1, 0]);
    expect([...m.keys()].sort()).toEqual([1, 3, 5]);
  });

  it('iterators are iterable', () => {
    const m = new TtlMap<string, number>({ max: 3 });
    m.set('a', 1);
    const it1 = m.keys();
    expect(it1[Symbol.iterator]()).toBe(it1);
    expect(it1.next()).toEqual({ value: 'a', done: false });
    expect(it1.next()).toEqual({ value: undefined, done: true });
  });
});
