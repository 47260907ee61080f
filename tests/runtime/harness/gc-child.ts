// Run by tests/runtime/node.test.ts as `node --expose-gc --import tsx tests/runtime/harness/gc-child.ts`:
// checks with WeakRefs and forced GC that values removed from or evicted by the runtime structures
// become collectable, and exercises bounded/testing. Prints one JSON object of results.
import { ListenerScope, RingBuffer, TtlMap, TtlSet } from 'bounded';
import { expectBoundedHeap, isCollected, measureHeapGrowth } from 'bounded/testing';
import { EventEmitter } from 'node:events';

const results: Record<string, unknown> = {};

/** Builds the scenario in its own frame so no local variable keeps the values alive. */
async function check(name: string, scenario: () => { refs: WeakRef<object>[]; keep: unknown; live?: WeakRef<object>[] }): Promise<void> {
  const { refs, keep, live = [] } = scenario();
  const collected = await isCollected(refs);
  // Values still held must stay reachable (so the check can fail, and proves we did not drop too much).
  results[name] = { collected, liveKept: live.every((r) => r.deref() !== undefined), keep: keep !== undefined };
}

const obj = (label: string) => ({ label, payload: new Array(64).fill(label) });

await check('RingBuffer: evicted, shifted, popped and cleared items', () => {
  const refs: WeakRef<object>[] = [];
  const rb = new RingBuffer<object>(3, { onEvict: () => {} });
  const push = (label: string) => {
    const o = obj(label);
    refs.push(new WeakRef(o));
    rb.push(o);
  };
  for (let i = 0; i < 6; i++) push(`e${i}`); // 3 evicted
  rb.shift();
  rb.pop();
  const survivor = new WeakRef(rb.at(0) as object);
  refs.splice(refs.findIndex((r) => r.deref() === survivor.deref()), 1);
  return { refs: refs.slice(0, 5), keep: rb, live: [survivor] };
});

await check('RingBuffer: clear releases every item', () => {
  const rb = new RingBuffer<object>(100);
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < 50; i++) {
    const o = obj(`c${i}`);
    refs.push(new WeakRef(o));
    rb.push(o);
  }
  rb.clear();
  return { refs, keep: rb };
});

await check('TtlMap: evicted (max), deleted, replaced, expired and cleared values and keys', () => {
  let t = 0;
  const refs: WeakRef<object>[] = [];
  const m = new TtlMap<object, object>({ max: 4, ttl: 100, now: () => t, onEvict: () => {} });
  const keys: object[] = [];
  const set = (label: string, track = true) => {
    const k = obj(`k${label}`);
    const v = obj(`v${label}`);
    if (track) refs.push(new WeakRef(k), new WeakRef(v));
    keys.push(k);
    m.set(k, v);
    return k;
  };
  for (let i = 0; i < 6; i++) set(String(i)); // 0, 1 evicted by max
  m.delete(keys[2] as object);
  const k3 = keys[3] as object;
  const old = m.get(k3) as object;
  m.set(k3, obj('replacement'));
  refs.push(new WeakRef(old));
  t = 200; // 3 (replaced at t=0), 4, 5 expire
  m.purgeStale();
  keys.length = 0;
  const live: WeakRef<object>[] = [];
  const k9 = set('9', false);
  live.push(new WeakRef(k9), new WeakRef(m.get(k9) as object));
  keys.length = 0;
  return { refs, keep: m, live };
});

await check('TtlMap: clear releases every entry', () => {
  const m = new TtlMap<string, object>({ max: 1000 });
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < 100; i++) {
    const o = obj(`m${i}`);
    refs.push(new WeakRef(o));
    m.set(`k${i}`, o);
  }
  m.clear();
  return { refs, keep: m };
});

await check('TtlSet: evicted and deleted values', () => {
  const s = new TtlSet<object>({ max: 2 });
  const refs: WeakRef<object>[] = [];
  const vals = [obj('a'), obj('b'), obj('c')];
  for (const v of vals) {
    refs.push(new WeakRef(v));
    s.add(v);
  }
  s.delete(vals[2] as object);
  refs.splice(1, 1); // b is still in the set
  const live = [new WeakRef(vals[1] as object)];
  vals.length = 0;
  return { refs, keep: s, live };
});

await check('ListenerScope: a disposed listener and its closure', () => {
  const emitter = new EventEmitter();
  const target = new EventTarget();
  const scope = new ListenerScope();
  const big = obj('closure');
  const refs = [new WeakRef(big)];
  scope.on(emitter, 'data', () => big.label);
  scope.addEventListener(target, 'ping', () => big.payload);
  scope.dispose();
  return { refs, keep: [emitter, target] };
});

// bounded/testing itself: a bounded structure passes, an unbounded Map fails.
{
  const bounded = new TtlMap<string, object>({ max: 100 });
  const ok = await expectBoundedHeap((i) => bounded.set(`key-${i}`, { i }), { iterations: 20_000, maxBytesPerIteration: 16 });
  results['expectBoundedHeap passes a TtlMap with max 100'] = { bytesPerIteration: ok.bytesPerIteration, passed: true };
  const leaky = new Map<string, object>();
  let message = '';
  try {
    await expectBoundedHeap((i) => leaky.set(`key-${i}`, { i }), { iterations: 20_000, maxBytesPerIteration: 16 });
  } catch (e) {
    message = (e as Error).message;
  }
  // A fresh Map, so the measurement does not depend on where the first one's hash table stood in its
  // doubling (a Map that already reserved room for the next entries grows by less per entry).
  const leakyAgain = new Map<string, object>();
  const m = await measureHeapGrowth((i) => leakyAgain.set(`again-${i}`, { i }), { iterations: 20_000 });
  results['expectBoundedHeap fails an unbounded Map'] = { message, bytesPerIteration: m.bytesPerIteration, size: leaky.size + leakyAgain.size };
  const asyncRun = await measureHeapGrowth(async (i) => {
    await Promise.resolve();
    bounded.set(`async-${i}`, { i });
  }, { iterations: 2_000, warmup: 0 });
  results['measureHeapGrowth awaits async functions'] = { iterations: asyncRun.iterations, warmup: asyncRun.warmup, size: bounded.size };
}

process.stdout.write(JSON.stringify(results));
