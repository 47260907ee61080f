import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import rule from '../../rules/src/rules/no-unbounded-collection.js';

// Type information is optional: with a program, a value the syntax cannot classify (a factory call)
// is recognised as a standard-library Map/Array/Set, and anything else (lru-cache, the runtime, a
// WeakMap, a subclass) is never a candidate.
const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts*'] },
      tsconfigRootDir: fileURLToPath(new URL('fixtures/collections/', import.meta.url)),
    },
  },
});

ruleTester.run('no-unbounded-collection (typed)', rule, {
  valid: [
    // The factory returns an lru-cache: already bounded.
    `import { LRUCache } from 'lru-cache';
function makeCache() { return new LRUCache<string, number>({ max: 100 }); }
export class Users {
  private cache = makeCache();
  remember(id: string) { this.cache.set(id, 1); }
}`,
    // A WeakMap from a factory.
    `function makeIndex() { return new WeakMap<object, number>(); }
export class Tags {
  private index = makeIndex();
  tag(o: object) { this.index.set(o, 1); }
}`,
    // A Map subclass with its own eviction: not the standard library's Map.
    `class CappedMap<K, V> extends Map<K, V> {}
function makeIndex() { return new CappedMap<string, number>(); }
export class Ids {
  private index = makeIndex();
  add(id: string) { this.index.set(id, 1); }
}`,
    // Keys whose type has finitely many values (held-out review: langgraph's `StreamMode`, shiki's
    // `BundledLanguage`, `keyof JSX.IntrinsicElements`, discord.js' opcode enum).
    `type StreamMode = 'values' | 'updates' | 'messages' | 'custom';
export class Orchestrator {
  private tracked = new Set<StreamMode>();
  track(channel: StreamMode) { this.tracked.add(channel); }
}`,
    `enum Opcode { Dispatch = 0, Heartbeat = 1, Resume = 6 }
const emitted = new Map<Opcode, number>();
export function onRateLimit(data: { opcode: Opcode; at: number }) { emitted.set(data.opcode, data.at); }`,
    `export class Flags {
  private byFlag = new Map<boolean, number>();
  count(on: boolean) { this.byFlag.set(on, (this.byFlag.get(on) ?? 0) + 1); }
}`,
  ],
  invalid: [
    {
      // A template literal type is open: one entry per custom channel name.
      code: `type Channel = 'values' | 'updates' | \`custom:\${string}\`;
export class Orchestrator {
  private tracked = new Set<Channel>();
  track(channel: Channel) { this.tracked.add(channel); }
}`,
      errors: [{ messageId: 'unbounded', line: 3, data: { name: 'tracked', how: 'add()', line: 4 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlSet } from 'bounded';\ntype Channel = 'values' | 'updates' | `custom:${string}`;\nconst TRACKED_MAX = 10_000;\nexport class Orchestrator {\n  private tracked = new TtlSet<Channel>({ max: TRACKED_MAX });\n  track(channel: Channel) { this.tracked.add(channel); }\n}" }] }],
    },
    {
      code: `function makeIndex(): Map<string, number> { return new Map(); }
export class Ids {
  private index = makeIndex();
  add(id: string) { this.index.set(id, 1); }
}`,
      errors: [{ messageId: 'unbounded', line: 3, data: { name: 'index', how: 'set()', line: 4 }, suggestions: [] }],
    },
  ],
});

/** A memo cache of components keyed by `keyType` (declarations needed by the key type in `prelude`). */
const componentCache = (keyType: string, prelude = ''): string => `declare function load(tag: string): object;
${prelude}const created = new Map<${keyType}, object>();
export function component(element: ${keyType}): object {
  let made = created.get(element);
  if (!made) {
    made = load(element);
    created.set(element, made);
  }
  return made;
}`;

// The memo-cache rule shares the key judgement: a cache keyed by a type with finitely many values
// (the held-out review's `keyof JSX.IntrinsicElements` motion-component cache) holds at most that many entries.
ruleTester.run('no-unbounded-cache (typed)', cacheRule, {
  valid: [
    componentCache('keyof typeof components', 'const components = { div: 1, span: 2, button: 3 };\n'),
  ],
  invalid: [
    {
      code: componentCache('string'),
      errors: [{ messageId: 'unboundedCache', line: 2, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\ndeclare function load(tag: string): object;\nconst CREATED_MAX = 10_000;\nconst CREATED_TTL_MS = 10 * 60_000;\nconst created = new TtlMap<string, object>({ max: CREATED_MAX, ttl: CREATED_TTL_MS });\nexport function component(element: string): object {\n  let made = created.get(element);\n  if (!made) {\n    made = load(element);\n    created.set(element, made);\n  }\n  return made;\n}" }] }],
    },
  ],
});
