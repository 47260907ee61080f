import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';

// Writes that add no entry (fresh review 10):
// - a `set`/`[k] =` under the key variable of an iteration over the same collection replaces a value
//   (opentelemetry's TemporalMetricProcessor appends to the stash of every collector it holds);
// - `arr[n++] = x` whose counter, or the variable it was copied from, is set back to 0 elsewhere reuses
//   the same slots: a buffer as long as the largest batch (xstate-store's effect queues);
// - a one-argument `set` on a value read from a map is that value's setter (pm2's v8 gauges), not a
//   nested insertion.
// - (fresh review 11) a two-argument `add` on a value read from a map is a counter's increment
//   (Flowise's OpenTelemetry counters), and `x = [...x.filter(keep)]` trims (Flowise's notifier).
// Near-misses: keys from another list, a cursor that is never reset, a two-argument nested `set`, a
// one-argument nested `add`, a spread of the whole array next to its filter.
const LAST_SEEN = `export class LastSeen {
  private readonly seen = new Map<object, number>();

  constructor(peers: object[]) {
    for (const peer of peers) this.seen.set(peer, 0);
  }

  tick(now: number): void {
    for (const peer of this.seen.keys()) this.seen.set(peer, now);
  }

  decay(): void {
    this.seen.forEach((at, peer) => this.seen.set(peer, at / 2));
  }

  age(peer: object): number | undefined {
    return this.seen.get(peer);
  }
}
`;
const EFFECT_QUEUE = `const queued: (Effect | undefined)[] = [];
let notifyIndex = 0;
let queuedLength = 0;

export function notify(effect: Effect): void {
  let insertIndex = queuedLength;
  let firstInsertedIndex = insertIndex;
  queued[insertIndex++] = effect;
  queuedLength = insertIndex;
  while (firstInsertedIndex < --insertIndex) {
    const left = queued[firstInsertedIndex];
    queued[firstInsertedIndex++] = queued[insertIndex];
    queued[insertIndex] = left;
  }
}

export function flush(): void {
  try {
    while (notifyIndex < queuedLength) {
      const effect = queued[notifyIndex]!;
      queued[notifyIndex++] = undefined;
      effect.run();
    }
  } finally {
    notifyIndex = 0;
    queuedLength = 0;
  }
}

interface Effect {
  run(): void;
}
`;
const HEAP_METRICS = `class HeapMetrics {
  constructor(registry) {
    this.registry = registry;
    this.metricStore = new Map();
  }

  init() {
    for (const name of ['used', 'total', 'limit']) this.metricStore.set(name, this.registry.gauge(name));
    this.timer = setInterval(() => {
      const stats = readStats();
      for (const key of Object.keys(stats)) {
        const gauge = this.metricStore.get(key);
        if (gauge) gauge.set(stats[key]);
      }
    }, 1000);
  }

  destroy() {
    clearInterval(this.timer);
  }
}

module.exports = HeapMetrics;
`;

const COUNTERS = `type Counter = { add(value: number, attributes?: object): void };
export class Metrics {
  private readonly counters = new Map<string, Counter>();
  constructor(meter: { createCounter(name: string): Counter }, names: readonly string[]) {
    for (const name of names) this.counters.set(name, meter.createCounter(name));
  }
  increment(counter: string, payload: object): void {
    if (this.counters.has(counter)) {
      (this.counters.get(counter) as Counter).add(1, payload);
    }
  }
}
`;
const NOTIFIER = `let displayed: string[] = [];
export function storeDisplayed(id: string): void {
  displayed = [...displayed, id];
}
export function removeDisplayed(id: string): void {
  displayed = [...displayed.filter((key) => id !== key)];
}
`;
const tester = new RuleTester();
tester.run('no-unbounded-collection (writes that add no entry)', collectionRule, {
  valid: [LAST_SEEN, EFFECT_QUEUE, HEAP_METRICS, COUNTERS, NOTIFIER],
  invalid: [
    {
      name: 'keys from another list than the collection',
      code: LAST_SEEN.replace('  tick(now: number): void {\n    for (const peer of this.seen.keys())', '  tick(now: number, peers: object[]): void {\n    for (const peer of peers)'),
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const SEEN_MAX = 10_000;
export class LastSeen {
  private readonly seen = new TtlMap<object, number>({ max: SEEN_MAX });

  constructor(peers: object[]) {
    for (const peer of peers) this.seen.set(peer, 0);
  }

  tick(now: number, peers: object[]): void {
    for (const peer of peers) this.seen.set(peer, now);
  }

  decay(): void {
    this.seen.forEach((at, peer) => this.seen.set(peer, at / 2));
  }

  age(peer: object): number | undefined {
    return this.seen.get(peer);
  }
}
` }] }],
    },
    {
      name: 'a write cursor that is never set back to 0',
      code: EFFECT_QUEUE.replace('    notifyIndex = 0;\n    queuedLength = 0;\n', '    notifyIndex = queuedLength;\n'),
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [] }],
    },
    {
      name: 'a two-argument set on a value of the map inserts into that inner map',
      code: HEAP_METRICS.replace('        if (gauge) gauge.set(stats[key]);', '        if (gauge) gauge.set(Date.now(), stats[key]);'),
      errors: [{ messageId: 'unbounded', line: 4, suggestions: [] }],
    },
    {
      name: 'a one-argument add on a value of the map inserts into that inner set',
      code: COUNTERS.replace('.add(1, payload)', '.add(payload)'),
      errors: [{ messageId: 'unbounded', line: 3 }],
    },
    {
      name: 'a copy that keeps the whole array next to the filtered part',
      code: NOTIFIER.replace('displayed = [...displayed.filter((key) => id !== key)];', 'displayed = [...displayed, ...displayed.filter((key) => id !== key)];'),
      errors: [
        {
          messageId: 'unbounded',
          line: 1,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const DISPLAYED_CAPACITY = 1000;
let displayed: RingBuffer<string> = new RingBuffer<string>(DISPLAYED_CAPACITY);
export function storeDisplayed(id: string): void {
  displayed.push(id);
}
export function removeDisplayed(id: string): void {
  displayed = RingBuffer.from<string>([...displayed, ...displayed.filter((key) => id !== key)], DISPLAYED_CAPACITY);
}
`,
            },
          ],
        },
      ],
    },
  ],
});
