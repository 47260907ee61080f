import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';

import cache from '../../rules/src/rules/no-unbounded-cache.js';
import collection from '../../rules/src/rules/no-unbounded-collection.js';
import string from '../../rules/src/rules/no-unbounded-string.js';
import listener from '../../rules/src/rules/no-leaked-listener.js';
import { isOutOfScope } from '../../rules/src/analysis/collections/index.js';

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
    ['no-unbounded-collection', { ignore: ['('] }],
    ['no-unbounded-cache', { ignore: ['[z-a]'] }],
    ['no-unbounded-string', { ignore: ['*log'] }],
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

describe('path patterns are read inside the project (ESLint cwd)', () => {
  const code = 'export const sent: string[] = []; export function send(m: string) { sent.push(m); }\n';
  const config = (ruleId: string): Linter.Config[] => [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser },
      plugins: { bounded: { rules: { ...rules, 'no-leaked-listener': listener } as never } },
      rules: { [`bounded/${ruleId}`]: 'error' },
    },
  ];
  // A CI checkout under a folder that looks like a test folder (Jenkins job `api-test`, `~/tests/app`)
  // silenced every rule: the folders above the working directory are not the project's.
  it.each(['/var/jenkins/workspace/api-test', '/home/me/tests/app', '/tmp/test-run/repo'])('a checkout under %s is linted', (cwd) => {
    const messages = new Linter({ configType: 'flat', cwd }).verify(code, config('no-unbounded-collection'), `${cwd}/src/outbox.ts`);
    expect(messages.map((m) => m.ruleId)).toEqual(['bounded/no-unbounded-collection']);
  });
  it('a test folder inside the project is still test code, for both families', () => {
    const cwd = '/var/jenkins/workspace/api-test';
    expect(new Linter({ configType: 'flat', cwd }).verify(code, config('no-unbounded-collection'), `${cwd}/test/outbox.ts`)).toEqual([]);
    const listen = "declare const bus: { on(e: string, f: () => void): void };\nexport function watch(): void { bus.on('x', () => {}); }\n";
    expect(new Linter({ configType: 'flat', cwd }).verify(listen, config('no-leaked-listener'), `${cwd}/src/watch.ts`)).toHaveLength(1);
    expect(new Linter({ configType: 'flat', cwd }).verify(listen, config('no-leaked-listener'), `${cwd}/tests/watch.ts`)).toEqual([]);
  });
  it('isOutOfScope without a cwd keeps reading the whole path (analysis callers that pass none)', () => {
    expect(isOutOfScope('/home/me/tests/app/src/outbox.ts')).toBe(true);
    expect(isOutOfScope('/home/me/tests/app/src/outbox.ts', {}, '/home/me/tests/app')).toBe(false);
    expect(isOutOfScope('C:\\ci\\api-test\\src\\outbox.ts', {}, 'C:\\ci\\api-test')).toBe(false);
  });
});
