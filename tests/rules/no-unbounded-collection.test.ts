import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unbounded-collection.js';

const ruleTester = new RuleTester();

const valid: (string | ValidTestCase<Options>)[] = [
    // Shrunk somewhere in the file: shift, pop, splice(i, n), length = 0, clear, delete, reset.
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } take() { return this.items.shift(); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } undo() { this.items.pop(); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } drop(n: number) { this.items.splice(0, n); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } reset() { this.items.length = 0; } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } reset() { this.items = []; } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } trim() { this.items = this.items.slice(-100); } }',
    'class Q { private items: number[] = []; add(x: number) { this.items.push(x); } keep() { this.items = this.items.filter((x) => x > 0); } }',
    'class S { #byId = new Map<string, number>(); put(k: string) { this.#byId.set(k, 1); } drop(k: string) { this.#byId.delete(k); } }',
    'class S { static seen = new Set<string>(); static mark(k: string) { S.seen.add(k); } static reset() { S.seen.clear(); } }',
    'class S { byKey: Record<string, number> = {}; put(k: string) { this.byKey[k] = 1; } drop(k: string) { delete this.byKey[k]; } }',
    'const sessions = new Map<string, object>(); export function open(id: string) { sessions.set(id, {}); } export function close(id: string) { sessions.delete(id); }',
    // Size guard around the growth, and a ring index.
    'class Q { private items: number[] = []; add(x: number) { if (this.items.length < 100) this.items.push(x); } }',
    'class C { private m = new Map<string, number>(); put(k: string) { while (this.m.size >= 100) this.evict(); this.m.set(k, 1); } evict() {} }',
    'class R { private buf: number[] = []; private i = 0; add(x: number) { this.buf[this.i++ % 64] = x; } }',
    // Weak and already-bounded structures are never reported.
    'class W { private meta = new WeakMap<object, number>(); tag(o: object) { this.meta.set(o, 1); } }',
    'class W { private seen = new WeakSet<object>(); tag(o: object) { this.seen.add(o); } }',
    "import { RingBuffer } from 'bounded'; class E { private events = new RingBuffer<number>(100); add(x: number) { this.events.push(x); } }",
    "import { LRUCache } from 'lru-cache'; class C { private cache = new LRUCache<string, number>({ max: 10 }); put(k: string) { this.cache.set(k, 1); } }",
    // Growth that runs a bounded number of times: module top level, constructor, setup methods.
    'const plugins: string[] = []; plugins.push("a"); plugins.push("b");',
    'class P { private pool: number[] = []; constructor() { for (let i = 0; i < 10; i++) this.pool.push(i); } }',
    'class Router { private routes: string[] = []; register(path: string) { this.routes.push(path); } }',
    // Keys from a finite domain: one entry per event type.
    'class Stats { private counts = new Map<string, number>(); add(e: { type: string }) { this.counts.set(e.type, (this.counts.get(e.type) ?? 0) + 1); } }',
    // Never grows: only reads.
    'class Q { private items: number[] = []; all() { return this.items; } }',
    // Passed to a consumer that may drain it.
    'class Q { private queue: number[] = []; add(x: number) { this.queue.push(x); drain(this.queue); } } declare function drain(q: number[]): void;',
    // Aliases bound it too.
    'class Q { private queue: number[] = []; add(x: number) { this.queue.push(x); } take() { const q = this.queue; return q.shift(); } }',
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
    {
      code: `class EventManager {
  private events: Event[] = [];
  addEvent(event: Event) {
    this.events.push(event);
  }
  getEvents() {
    return this.events;
  }
  first() {
    return this.events[0];
  }
}`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: 'events', how: 'push()', line: 4 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace events with a RingBuffer of capacity EVENTS_CAPACITY' },
              output: `import { RingBuffer } from 'bounded';
const EVENTS_CAPACITY = 1000;
class EventManager {
  private events: RingBuffer<Event> = new RingBuffer<Event>(EVENTS_CAPACITY);
  addEvent(event: Event) {
    this.events.push(event);
  }
  getEvents() {
    return this.events.toArray();
  }
  first() {
    return this.events.at(0);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Module-level Map, static #private Set, and an array whose use (sort) blocks the rewrite;
      // the import merges into the existing one and the file's double quotes / no semicolons are kept.
      code: `import { TtlSet } from "bounded"
import type { Session } from "./types"

const sessions = new Map<string, Session>()

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

export class Tracker {
  static #seen = new Set<string>()
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          data: { name: 'sessions', how: 'set()', line: 7 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlSet, TtlMap } from "bounded"
import type { Session } from "./types"

const SESSIONS_MAX = 10_000
const sessions = new TtlMap<string, Session>({ max: SESSIONS_MAX })

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

export class Tracker {
  static #seen = new Set<string>()
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
            },
          ],
        },
        {
          messageId: 'unbounded',
          line: 11,
          data: { name: 'static #seen', how: 'add()', line: 14 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlSet } from "bounded"
import type { Session } from "./types"

const sessions = new Map<string, Session>()

export function open(id: string, s: Session) {
  sessions.set(id, s)
}

const SEEN_MAX = 10_000
export class Tracker {
  static #seen = new TtlSet<string>({ max: SEEN_MAX })
  log: string[] = []
  mark(id: string) {
    Tracker.#seen.add(id)
    this.log.push(id)
    this.log.sort()
  }
}
`,
            },
          ],
        },
        { messageId: 'unbounded', line: 12, data: { name: 'log', how: 'push()', line: 15 }, suggestions: [] },
      ],
    },
    {
      // JavaScript: a field first assigned in the constructor; no type arguments in the rewrite.
      filename: 'file.js',
      code: `class Q {
  constructor() {
    this.items = [];
  }
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items[i];
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
class Q {
  constructor() {
    this.items = new RingBuffer(ITEMS_CAPACITY);
  }
  add(x) {
    this.items.push(x);
  }
  get(i) {
    return this.items.at(i);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // A record: keyed writes, `in`, reads and Object.keys all become TtlMap calls.
      code: `export class Index {
  private byName: Record<string, number[]> = {};
  add(name: string, id: number) {
    if (!(name in this.byName)) this.byName[name] = [];
    this.byName[name]!.push(id);
  }
  names() {
    return Object.keys(this.byName);
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          data: { name: 'byName', how: '`this.byName[name] = []`', line: 4 },
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';
const BY_NAME_MAX = 10_000;
export class Index {
  private byName: TtlMap<string, number[]> = new TtlMap<string, number[]>({ max: BY_NAME_MAX });
  add(name: string, id: number) {
    if (!(this.byName.has(name))) this.byName.set(name, []);
    this.byName.get(name)!.push(id);
  }
  names() {
    return [...this.byName.keys()];
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // Spread reassignment grows like push; the rewrite turns it into push.
      code: `class A {
  items: number[] = [];
  add(x: number) {
    this.items = [...this.items, x];
  }
}
`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { RingBuffer } from 'bounded';
const ITEMS_CAPACITY = 1000;
class A {
  items: RingBuffer<number> = new RingBuffer<number>(ITEMS_CAPACITY);
  add(x: number) {
    this.items.push(x);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      // concat reassignment, splice insertion and an appending index: growth, no safe rewrite.
      code: `class A {
  a: number[] = [];
  b: number[] = [];
  c: number[] = [];
  add(x: number[]) {
    this.a = this.a.concat(x);
    this.b.splice(0, 0, 1);
    this.c[this.c.length] = 2;
  }
}
`,
      errors: [
        { messageId: 'unbounded', line: 2, data: { name: 'a', how: '`this.a = this.a.concat(x)`', line: 6 }, suggestions: [] },
        { messageId: 'unbounded', line: 3, data: { name: 'b', how: 'splice()', line: 7 }, suggestions: [] },
        { messageId: 'unbounded', line: 4, data: { name: 'c', how: '`this.c[this.c.length] = 2`', line: 8 }, suggestions: [] },
      ],
    },
];

/** Idempotence: linting the output of the suggestion of every single-finding case reports nothing. */
const rewritten: ValidTestCase<Options>[] = invalid.flatMap((test) =>
  (test.errors.length === 1 ? test.errors : []).flatMap((error) =>
    (error.suggestions ?? []).map((suggestion) => ({
      code: suggestion.output,
      ...(test.filename ? { filename: test.filename } : {}),
      ...(test.options ? { options: test.options } : {}),
    })),
  ),
);

ruleTester.run('no-unbounded-collection', rule, { valid: [...valid, ...rewritten], invalid });
