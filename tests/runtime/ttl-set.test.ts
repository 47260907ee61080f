// Portable: runs in Node (vitest), workerd and Chromium (see harness/).
import { TtlSet, type EvictReason } from 'bounded';
import { describe, expect, it } from 'vitest';

describe('TtlSet', () => {
  it('rejects bad options with errors naming the module', () => {
    expect(() => new TtlSet({ max: 0 })).toThrow(/^bounded\/ttl-set: max must be a positive integer/);
    expect(() => new TtlSet({ ttl: -5 })).toThrow(/^bounded\/ttl-set: ttl must be a positive number of ms/);
    expect(() => new TtlSet({ ttl: Number.NaN })).toThrow(RangeError);
    expect(() => new TtlSet({ maxSize: 1.5, sizeOf: () => 1 })).toThrow(RangeError);
    expect(() => new TtlSet({})).toThrow(TypeError);
  });

  it('is a Set with LRU eviction beyond max', () => {
    const events: [string, EvictReason][] = [];
    const s = new TtlSet<string>({ max: 2, onEvict: (v, r) => events.push([v, r]) });
    expect(s.add('a')).toBe(s);
    s.add('b');
    expect(s.has('a')).toBe(true);
    expect(s.touch('a')).toBe(true);
    expect(s.touch('zz')).toBe(false);
    s.add('c');
    expect([...s]).toEqual(['c', 'a']);
    expect([...s.keys()]).toEqual(['c', 'a']);
    expect([...s.entries()]).toEqual([['c', 'c'], ['a', 'a']]);
    expect(s.size).toBe(2);
    const seen: string[] = [];
    s.forEach((v, v2, self) => {
      expect(v2).toBe(v);
      expect(self).toBe(s);
      seen.push(v);
    });
    expect(seen).toEqual(['c', 'a']);
    expect(s.delete('a')).toBe(true);
    expect(s.delete('a')).toBe(false);
    s.clear();
    expect(events).toEqual([['b', 'evict'], ['a', 'delete'], ['c', 'clear']]);
    expect(new Set(s)).toEqual(new Set());
    expect(Object.prototype.toString.call(s)).toBe('[object TtlSet]');
  });

  it('has the ES2025 set methods, returning plain Sets', () => {
    const s = new TtlSet<number>({ max: 10 });
    for (const v of [1, 2, 3]) s.add(v);
    const other = new Set([2, 3, 4]);
    expect([...s.union(other)].sort()).toEqual([1, 2, 3, 4]);
    expect([...s.intersection(other)].sort()).toEqual([2, 3]);
    expect([...s.difference(other)]).toEqual([1]);
    expect([...s.symmetricDifference(other)].sort()).toEqual([1, 4]);
    expect(s.isSubsetOf(new Set([1, 2, 3, 4]))).toBe(true);
    expect(s.isSubsetOf(other)).toBe(false);
    expect(s.isSupersetOf(new Set([1, 3]))).toBe(true);
    expect(s.isSupersetOf(other)).toBe(false);
    expect(s.isDisjointFrom(new Set([7]))).toBe(true);
    expect(s.isDisjointFrom(other)).toBe(false);
    expect(s.union(other) instanceof TtlSet).toBe(false);
  });

  it('expires values lazily after ttl ms', () => {
    let t = 0;
    const s = new TtlSet<number>({ ttl: 10, now: () => t });
    s.add(1);
    t = 5;
    s.add(2);
    t = 10;
    expect(s.has(1)).toBe(false);
    expect(s.has(2)).toBe(true);
    t = 15;
    expect(s.size).toBe(0);
    s.add(3);
    t = 30;
    expect(s.purgeStale()).toBe(1);
  });

  it('bounds the total size with maxSize', () => {
    const s = new TtlSet<string>({ maxSize: 5, sizeOf: (v) => v.length });
    s.add('aa').add('bb').add('cc');
    expect([...s]).toEqual(['cc', 'bb']);
  });
});
