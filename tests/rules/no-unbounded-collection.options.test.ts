import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';

import cache from '../../rules/src/rules/no-unbounded-cache.js';
import collection from '../../rules/src/rules/no-unbounded-collection.js';
import string from '../../rules/src/rules/no-unbounded-string.js';

const rules = { 'no-unbounded-collection': collection, 'no-unbounded-cache': cache, 'no-unbounded-string': string };

function lint(rule: keyof typeof rules, options: unknown): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify('const a: number[] = [];', [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser },
      plugins: { bounded: { rules: rules as never } },
      rules: { [`bounded/${rule}`]: ['error', options] as Linter.RuleEntry },
    },
  ], 'file.ts');
}

describe('options schemas of the collection rules', () => {
  it.each([
    ['no-unbounded-collection', { growthMethods: ['enqueue'], shrinkMethods: ['evict'], ignore: ['^_'], teardownMethods: ['unload'], checkLocals: false, checkTestFiles: true, checkShortLivedClasses: true }],
    ['no-unbounded-cache', { growthMethods: ['put'], shrinkMethods: ['prune'], ignore: ['Cache$'], teardownMethods: ['unload'], checkTestFiles: true }],
    ['no-unbounded-string', { ignore: ['^log$'], checkModuleBindings: false }],
  ] as const)('%s accepts its documented options', (rule, options) => {
    expect(lint(rule, options)).toEqual([]);
  });

  it.each([
    ['no-unbounded-collection', { unknownOption: true }],
    ['no-unbounded-collection', { checkLocals: 'yes' }],
    ['no-unbounded-collection', { growthMethods: 'push' }],
    ['no-unbounded-cache', { ttl: 1000 }],
    ['no-unbounded-cache', { ignore: [1] }],
    ['no-unbounded-string', { checkModuleBindings: 1 }],
    ['no-unbounded-string', { checkTestFiles: 'no' }],
    ['no-unbounded-cache', { checkShortLivedClasses: [] }],
    ['no-unbounded-string', { growthMethods: ['append'] }],
    ['no-unbounded-collection', { teardownMethods: 'unload' }],
  ] as const)('%s rejects %j', (rule, options) => {
    expect(() => lint(rule, options)).toThrow(/Key "bounded\/no-unbounded-\w+":\s.*(should|must)/s);
  });

  it('describes every option property', () => {
    for (const rule of Object.values(rules)) {
      const schema = (rule.meta.schema as unknown as { additionalProperties: boolean; properties: Record<string, { description?: string }> }[])[0]!;
      expect(schema.additionalProperties).toBe(false);
      for (const [name, property] of Object.entries(schema.properties)) {
        expect(property.description, `${rule.meta.docs?.description} option ${name}`).toMatch(/\w/);
      }
    }
  });
});
