import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

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
  ],
  invalid: [
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
