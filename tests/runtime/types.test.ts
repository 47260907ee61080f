// Type-level test, checked by the root `tsc -p tsconfig.json` (TypeScript 6.0.3, lib ES2023 + DOM):
// TtlMap and TtlSet must be assignable to Map and Set (lru-cache broke users by declaring
// `implements Map` and then failing on a TypeScript upgrade).
import { RingBuffer, TtlMap, TtlSet } from 'bounded';
import { describe, expect, it } from 'vitest';

describe('types', () => {
  it('TtlMap is assignable to Map and ReadonlyMap, TtlSet to Set and ReadonlySet', () => {
    const map: Map<string, number> = new TtlMap<string, number>({ max: 3 });
    const readonlyMap: ReadonlyMap<string, number> = new TtlMap<string, number>({ ttl: 1000 });
    const set: Set<string> = new TtlSet<string>({ max: 3 });
    const readonlySet: ReadonlySet<string> = new TtlSet<string>({ ttl: 1000 });
    const iterable: Iterable<number> = new RingBuffer<number>(3);
    const entries: MapIterator<[string, number]> = map.entries();
    const values: SetIterator<string> = set.values();
    map.set('a', 1);
    set.add('a');
    expect([map.size, readonlyMap.size, set.size, readonlySet.size]).toEqual([1, 0, 1, 0]);
    expect([...iterable]).toEqual([]);
    expect(entries.next().value).toEqual(['a', 1]);
    expect(values.next().value).toBe('a');
  });
});
