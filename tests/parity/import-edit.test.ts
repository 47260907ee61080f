// The runtime import a rewrite needs, as the ESLint suggestion writes it: the same shared `importEdit`
// (eslint-plugin-bounded/analysis) the codemod uses, so the suggestion output is the codemod fixture's
// output byte for byte. Two files the import used to get wrong:
// - a directive prologue (`'use client'`, `'use strict'`) and no imports: the import goes after the
//   directives (above them, the directives stop being directives);
// - `import type { TtlMap } from 'bounded'`: that is not the value; the import is converted to a value
//   import (a second `import { TtlMap }` would declare TtlMap twice).
// And one class with a cache finding and a collection finding: each suggestion inserts its own
// constants before the class; the codemod applies both, in declaration order (ttl-map fixture
// `cache-and-collection`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import { FIXTURES } from '../codemods/helpers.js';

const ruleTester = new RuleTester();

const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

ruleTester.run('no-unbounded-collection: import after directives, type import converted', collectionRule, {
  valid: [],
  invalid: [
    {
      // The directives stay first; the import follows them.
      code: fixture('ring-buffer/use-client.input.tsx'),
      filename: 'src/chat-feed.tsx',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace messages with a RingBuffer of capacity MESSAGES_CAPACITY' },
              output: fixture('ring-buffer/use-client.output.tsx'),
            },
          ],
        },
      ],
    },
    {
      // `import type { TtlMap }` becomes `import { TtlMap }`, not a second TtlMap import.
      code: fixture('ttl-map/type-import.input.ts'),
      filename: 'src/sessions.ts',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace sessions with a TtlMap of at most SESSIONS_MAX entries' },
              output: fixture('ttl-map/type-import.output.ts'),
            },
          ],
        },
      ],
    },
  ],
});

// Both findings of the class insert their constants at the same offset (before the class): each
// suggestion alone adds its own; the codemod output (fixture) has both, in declaration order.
const both = fixture('ttl-map/cache-and-collection.input.ts');
const classStart = both.indexOf('/** One class');

ruleTester.run('no-unbounded-cache: same-offset constants (cache finding)', cacheRule, {
  valid: [],
  invalid: [
    {
      code: both,
      filename: 'src/profiles.ts',
      errors: [
        {
          messageId: 'unboundedCache',
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace profiles with a TtlMap of at most PROFILES_MAX entries expiring after PROFILES_TTL_MS' },
              output:
                `import { TtlMap } from 'bounded';\n${both.slice(0, classStart)}const PROFILES_MAX = 10_000;\nconst PROFILES_TTL_MS = 10 * 60_000;\n` +
                both.slice(classStart).replace('new Map<string, Profile>()', 'new TtlMap<string, Profile>({ max: PROFILES_MAX, ttl: PROFILES_TTL_MS })'),
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-unbounded-collection: same-offset constants (collection finding)', collectionRule, {
  valid: [],
  invalid: [
    {
      code: both,
      filename: 'src/profiles.ts',
      errors: [
        {
          messageId: 'unbounded',
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace seen with a TtlSet of at most SEEN_MAX entries' },
              output:
                `import { TtlSet } from 'bounded';\n${both.slice(0, classStart)}const SEEN_MAX = 10_000;\n` +
                both.slice(classStart).replace('new Set<string>()', 'new TtlSet<string>({ max: SEEN_MAX })'),
            },
          ],
        },
      ],
    },
  ],
});

describe('importEdit is computed once per file and name set', () => {
  it('returns the same edit for the same names and a different one for other names or another text', async () => {
    const { importEdit, parseSource } = await import('eslint-plugin-bounded/analysis');
    const text = "import { RingBuffer } from 'bounded';\nexport const x = 1;\n";
    const { ast } = parseSource(text, 'a.ts');
    const first = importEdit(ast, text, ['TtlMap']);
    expect(first).toEqual({ range: [19, 19], text: ', TtlMap' });
    expect(importEdit(ast, text, ['TtlMap'])).toBe(first);
    expect(importEdit(ast, text, ['RingBuffer'])).toBeUndefined();
    expect(importEdit(ast, text, ['TtlMap', 'TtlSet'])).toEqual({ range: [19, 19], text: ', TtlMap, TtlSet' });
    const other = text.replace("'bounded'", '"bounded"');
    expect(importEdit(ast, other, ['TtlMap'])).toEqual({ range: [19, 19], text: ', TtlMap' });
  });
});
