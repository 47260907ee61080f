// Portable: runs in Node (vitest), workerd and Chromium (see harness/). Only `describe/it/expect` from
// vitest, with the matchers the harness shim implements (toBe, toEqual, toThrow, toBeUndefined, toBeInstanceOf).
import { RingBuffer } from 'bounded';
import { describe, expect, it } from 'vitest';

describe('RingBuffer', () => {
  it('rejects a capacity that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expect(() => new RingBuffer(bad)).toThrow(RangeError);
      expect(() => new RingBuffer(bad)).toThrow(/^bounded\/ring-buffer: capacity must be a positive integer, got /);
    }
  });

  it('rejects a bad flushSize and a non-function onEvict', () => {
    expect(() => new RingBuffer(3, { flushSize: 0 })).toThrow(/bounded\/ring-buffer: flushSize must be a positive integer, got 0/);
    expect(() => new RingBuffer(3, { flushSize: 2.5 })).toThrow(RangeError);
    expect(() => new RingBuffer(3, { onEvict: 1 as never })).toThrow(TypeError);
  });

  it('pushes, returns the new length, and evicts the oldest when full', () => {
    const rb = new RingBuffer<number>(3);
    expect(rb.push(1)).toBe(1);
    expect(rb.push(2, 3)).toBe(3);
    expect(rb.push(4)).toBe(3);
    expect(rb.toArray()).toEqual([2, 3, 4]);
    expect(rb.length).toBe(3);
    expect(rb.capacity).toBe(3);
    expect(rb.push(5, 6, 7, 8)).toBe(3);
    expect(rb.toArray()).toEqual([6, 7, 8]);
  });

  it('from() keeps the newest capacity items of any iterable, in order, and evicts the rest to onEvict', () => {
    expect(RingBuffer.from([1, 2], 3).toArray()).toEqual([1, 2]);
    const evicted: number[][] = [];
    const rb = RingBuffer.from(new Set([1, 2, 3, 4, 5]), 3, { onEvict: (items) => evicted.push(items) });
    expect(rb.toArray()).toEqual([3, 4, 5]);
    expect(rb.capacity).toBe(3);
    expect(evicted).toEqual([[1], [2]]);
    function* numbers(): Generator<number> {
      yield 7;
      yield 8;
    }
    expect(RingBuffer.from(numbers(), 1).toArray()).toEqual([8]);
    rb.push(6);
    expect(rb.toArray()).toEqual([4, 5, 6]);
  });

  it('from() rejects a bad capacity with a RangeError and a non-iterable with a TypeError, both naming the module', () => {
    expect(() => RingBuffer.from([1], 0)).toThrow(RangeError);
    expect(() => RingBuffer.from([1], 0)).toThrow(/^bounded\/ring-buffer: capacity must be a positive integer, got 0/);
    expect(() => RingBuffer.from(undefined as never, 3)).toThrow(TypeError);
    expect(() => RingBuffer.from(42 as never, 3)).toThrow(/^bounded\/ring-buffer: from\(\) needs an iterable, got number/);
  });

  it('unshift inserts at the front like Array#unshift and, when full, evicts from the back', () => {
    const evicted: number[] = [];
    const rb = new RingBuffer<number>(3, { onEvict: (items) => evicted.push(...items) });
    expect(rb.unshift(1)).toBe(1);
    expect(rb.unshift(2, 3)).toBe(3);
    expect(rb.toArray()).toEqual([2, 3, 1]);
    expect(rb.unshift(4)).toBe(3);
    expect(rb.toArray()).toEqual([4, 2, 3]);
    expect(evicted).toEqual([1]);
    rb.push(5); // push still evicts from the front
    expect(rb.toArray()).toEqual([2, 3, 5]);
    expect(evicted).toEqual([1, 4]);
    const big = new RingBuffer<number>(100);
    for (let i = 0; i < 40; i++) big.unshift(i);
    expect([big.length, big.at(0), big.at(-1)]).toEqual([40, 39, 0]);
  });

  it('reads with at(), including negative and fractional indexes like Array#at', () => {
    const rb = new RingBuffer<string>(3);
    rb.push('a', 'b', 'c', 'd');
    expect(rb.at(0)).toBe('b');
    expect(rb.at(2)).toBe('d');
    expect(rb.at(3)).toBeUndefined();
    expect(rb.at(-1)).toBe('d');
    expect(rb.at(-3)).toBe('b');
    expect(rb.at(-4)).toBeUndefined();
    expect(rb.at(1.7)).toBe('c');
    expect(rb.at(Number.NaN)).toBe('b');
  });

  it('shift and pop remove from either end and return undefined when empty', () => {
    const rb = new RingBuffer<number>(4);
    rb.push(1, 2, 3, 4, 5);
    expect(rb.shift()).toBe(2);
    expect(rb.pop()).toBe(5);
    expect(rb.toArray()).toEqual([3, 4]);
    rb.push(6, 7, 8);
    expect(rb.toArray()).toEqual([4, 6, 7, 8]);
    expect(rb.pop()).toBe(8);
    expect(rb.shift()).toBe(4);
    expect(rb.shift()).toBe(6);
    expect(rb.shift()).toBe(7);
    expect(rb.shift()).toBeUndefined();
    expect(rb.pop()).toBeUndefined();
    expect(rb.length).toBe(0);
  });

  it('grows storage lazily and keeps order across growth with a wrapped head', () => {
    const rb = new RingBuffer<number>(100);
    for (let i = 0; i < 10; i++) rb.push(i);
    for (let i = 0; i < 8; i++) rb.shift();
    for (let i = 10; i < 60; i++) rb.push(i);
    expect(rb.length).toBe(52);
    expect(rb.toArray()).toEqual(Array.from({ length: 52 }, (_, i) => i + 8));
    for (let i = 60; i < 200; i++) rb.push(i);
    expect(rb.toArray()).toEqual(Array.from({ length: 100 }, (_, i) => i + 100));
  });

  it('offers the array-like reads', () => {
    const rb = new RingBuffer<number>(5);
    rb.push(9, 1, 2, 3, 4, 5, Number.NaN);
    const seen: [number, number][] = [];
    rb.forEach((x, i, b) => {
      expect(b).toBe(rb);
      seen.push([x, i]);
    });
    expect(seen).toEqual([[2, 0], [3, 1], [4, 2], [5, 3], [Number.NaN, 4]]);
    expect([...rb]).toEqual([2, 3, 4, 5, Number.NaN]);
    expect([...rb.values()]).toEqual([2, 3, 4, 5, Number.NaN]);
    expect(rb.map((x) => x * 2)).toEqual([4, 6, 8, 10, Number.NaN]);
    expect(rb.filter((x) => x % 2 === 0)).toEqual([2, 4]);
    expect(rb.find((x) => x > 3)).toBe(4);
    expect(rb.find((x) => x > 30)).toBeUndefined();
    expect(rb.some((x) => x === 5)).toBe(true);
    expect(rb.every((x) => x > 1)).toBe(false);
    expect(rb.slice(0, 4).every((x) => x > 1)).toBe(true);
    expect(rb.reduce((a, x) => a + x, 0)).toEqual(Number.NaN);
    expect(rb.slice(0, 4).reduce((a, x) => a + x)).toBe(14);
    expect(rb.slice(1, -1)).toEqual([3, 4, 5]);
    expect(rb.slice(-2)).toEqual([5, Number.NaN]);
    expect(rb.slice()).toEqual([2, 3, 4, 5, Number.NaN]);
    expect(rb.indexOf(4)).toBe(2);
    expect(rb.indexOf(4, 3)).toBe(-1);
    expect(rb.indexOf(Number.NaN)).toBe(-1);
    expect(rb.includes(Number.NaN)).toBe(true);
    expect(rb.includes(9)).toBe(false);
    expect(rb.join('-')).toBe('2-3-4-5-NaN');
    expect(JSON.stringify(rb)).toBe('[2,3,4,5,null]');
    expect(Object.prototype.toString.call(rb)).toBe('[object RingBuffer]');
  });

  it('reduce without an initial value throws on an empty buffer', () => {
    const rb = new RingBuffer<number>(2);
    expect(() => rb.reduce((a, b) => a + b)).toThrow(TypeError);
    expect(rb.reduce((a, b) => a + b, 7)).toBe(7);
  });

  it('join renders null and undefined as empty strings', () => {
    const rb = new RingBuffer<unknown>(4);
    rb.push(1, null, undefined, 'x');
    expect(rb.join()).toBe('1,,,x');
  });

  it('delivers evicted items to onEvict in batches of flushSize, and flush() hands over the rest', () => {
    const batches: [number[], string][] = [];
    const rb = new RingBuffer<number>(2, { flushSize: 3, onEvict: (items, reason) => batches.push([items, reason]) });
    rb.push(1, 2, 3, 4, 5);
    expect(batches).toEqual([[[1, 2, 3], 'evict']]);
    expect(rb.pending).toBe(0);
    rb.push(6);
    expect(rb.pending).toBe(1);
    rb.flush();
    expect(batches).toEqual([[[1, 2, 3], 'evict'], [[4], 'evict']]);
    rb.flush();
    expect(batches.length).toBe(2);
    rb.push(7);
    rb.clear();
    expect(batches).toEqual([[[1, 2, 3], 'evict'], [[4], 'evict'], [[5], 'evict'], [[6, 7], 'clear']]);
    expect(rb.length).toBe(0);
    rb.clear();
    expect(batches.length).toBe(4);
  });

  it('with the default flushSize, onEvict gets each evicted item alone', () => {
    const got: number[][] = [];
    const rb = new RingBuffer<number>(1, { onEvict: (items) => got.push(items) });
    rb.push(1, 2, 3);
    expect(got).toEqual([[1], [2]]);
  });

  it('runs onEvict after its state is consistent: pushing from the callback is safe', () => {
    const evicted: number[] = [];
    const rb: RingBuffer<number> = new RingBuffer<number>(2, {
      onEvict: (items) => {
        evicted.push(...items);
        expect(rb.length).toBe(2);
        if (items[0] === 1) rb.push(100);
      },
    });
    rb.push(1, 2, 3);
    expect(rb.toArray()).toEqual([3, 100]);
    expect(evicted).toEqual([1, 2]);
  });

  it('a throwing onEvict leaves the buffer consistent and the error reaches the caller', () => {
    let fail = true;
    const got: number[] = [];
    const rb = new RingBuffer<number>(2, {
      onEvict: (items) => {
        if (fail) throw new Error('upload failed');
        got.push(...items);
      },
    });
    rb.push(1, 2);
    expect(() => rb.push(3)).toThrow('upload failed');
    expect(rb.toArray()).toEqual([2, 3]);
    fail = false;
    rb.push(4);
    expect(got).toEqual([2]);
    expect(rb.toArray()).toEqual([3, 4]);
  });

  it('iterators are live views that stop at the current length', () => {
    const rb = new RingBuffer<number>(3);
    rb.push(1, 2, 3);
    const it1 = rb[Symbol.iterator]();
    expect(it1.next()).toEqual({ value: 1, done: false });
    rb.pop();
    expect(it1.next()).toEqual({ value: 2, done: false });
    expect(it1.next()).toEqual({ value: undefined, done: true });
    expect(it1[Symbol.iterator]()).toBe(it1);
  });
});
